#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <set>
#include <vector>

#include "sim/philox_stream.hpp"
#include "support/printable.hpp"

using namespace tcosim;

namespace {

std::vector<double> sequence(std::uint64_t seed, std::uint64_t trial, std::uint32_t id, std::size_t n = 64) {
  PhiloxStream s(seed, trial, id);
  std::vector<double> out(n);
  for (double& u : out) u = s.next_u01();
  return out;
}

/// The uniform the header promises for one 64-bit word: (1 | top 53 bits) * 2^-53.
double fixed_point(std::uint32_t hi, std::uint32_t lo) {
  const std::uint64_t w = (static_cast<std::uint64_t>(hi) << 32) | lo;
  return static_cast<double>((w >> 11) | 1u) * 0x1p-53;
}

}  // namespace

TEST_CASE("input_id_for is 32-bit FNV-1a") {
  // Published FNV-1a test vectors.
  STATIC_REQUIRE(input_id_for("") == 0x811c9dc5u);
  STATIC_REQUIRE(input_id_for("a") == 0xe40c292cu);
  STATIC_REQUIRE(input_id_for("foobar") == 0xbf9cf968u);
  CHECK(input_id_for("market.demand_units") != input_id_for("market.unit_margin"));
  // Bytes above 0x7f are hashed as unsigned, whatever the signedness of char.
  CHECK(input_id_for("\xff") == ((0x811c9dc5u ^ 0xffu) * 16777619u));
}

TEST_CASE("the same (seed, trial, id) replays the same sequence") {
  CHECK(sequence(1, 0, 7) == sequence(1, 0, 7));
  CHECK(sequence(0xdeadbeefcafef00dULL, 123456789012345ULL, 0xffffffffu) ==
        sequence(0xdeadbeefcafef00dULL, 123456789012345ULL, 0xffffffffu));
}

TEST_CASE("changing the seed, the trial or the id changes the sequence") {
  const std::vector<double> base = sequence(1, 5, 7);
  CHECK(sequence(2, 5, 7) != base);
  CHECK(sequence(1, 6, 7) != base);
  CHECK(sequence(1, 5, 8) != base);
  // The high halves of seed and trial are part of the key and counter too.
  CHECK(sequence(1 + (1ULL << 32), 5, 7) != base);
  CHECK(sequence(1, 5 + (1ULL << 32), 7) != base);
  // No value repeats within or across neighbouring streams (2^53 grid, 3 x 64 draws).
  std::set<double> seen(base.begin(), base.end());
  for (double u : sequence(1, 6, 7)) seen.insert(u);
  for (double u : sequence(1, 5, 8)) seen.insert(u);
  CHECK(seen.size() == 3 * base.size());
}

TEST_CASE("draw k comes from Philox4x32-10 block k / 2") {
  // Random123's known-answer vector: Philox4x32-10 of counter 0 under key 0.
  PhiloxStream zero(0, 0, 0);
  CHECK(zero.next_u01() == fixed_point(0x6627e8d5u, 0xe169c58du));
  CHECK(zero.next_u01() == fixed_point(0xbc57ac4cu, 0x9b00dbd8u));

  const std::uint64_t seed = 0x0123456789abcdefULL, trial = 0xfedcba9876543210ULL;
  const std::uint32_t id = 0x5a5a1234u;
  PhiloxStream s(seed, trial, id);
  for (std::uint32_t block = 0; block < 5; ++block) {
    const r123::Philox4x32::ctr_type ctr = {
        {static_cast<std::uint32_t>(trial), static_cast<std::uint32_t>(trial >> 32), id, block}};
    const r123::Philox4x32::key_type key = {{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}};
    const auto r = r123::Philox4x32{}(ctr, key);
    CHECK(s.next_u01() == fixed_point(r.v[0], r.v[1]));
    CHECK(s.next_u01() == fixed_point(r.v[2], r.v[3]));
  }
}

TEST_CASE("uniforms are strictly inside (0, 1) with the right mean and variance") {
  // 1000 trials x 1000 draws: 10^6 uniforms, across streams and along each stream.
  const std::size_t trials = 1000, per_trial = 1000;
  const double n = static_cast<double>(trials * per_trial);
  double sum = 0.0, sum2 = 0.0;
  double lo = 1.0, hi = 0.0;
  bool on_grid = true;
  for (std::uint64_t t = 0; t < trials; ++t) {
    PhiloxStream s(42, t, input_id_for("test.uniform"));
    for (std::size_t k = 0; k < per_trial; ++k) {
      const double u = s.next_u01();
      lo = std::min(lo, u);
      hi = std::max(hi, u);
      // Odd multiples of 2^-53: never 0, 1/2 or 1.
      const double scaled = u * 0x1p53;
      on_grid = on_grid && scaled == std::floor(scaled) && std::fmod(scaled, 2.0) == 1.0;
      sum += u;
      sum2 += (u - 0.5) * (u - 0.5);
    }
  }
  CHECK(lo > 0.0);
  CHECK(hi < 1.0);
  CHECK(on_grid);
  // U(0,1): mean 1/2, variance 1/12, fourth central moment 1/80.
  const double mean = sum / n;
  const double var = sum2 / n - (mean - 0.5) * (mean - 0.5);
  const double se_mean = std::sqrt(1.0 / 12.0 / n);
  const double se_var = std::sqrt((1.0 / 80.0 - 1.0 / 144.0) / n);
  INFO("mean " << mean << " (SE " << se_mean << "), variance " << var << " (SE " << se_var << ")");
  CHECK(std::abs(mean - 0.5) < 5.0 * se_mean);
  CHECK(std::abs(var - 1.0 / 12.0) < 5.0 * se_var);
}

TEST_CASE("a stream prints its key and how many uniforms it has given") {
  PhiloxStream s(0x100000001ull, 2, 3);
  CHECK(fmt::format("{}", s) == "PhiloxStream{seed=4294967297, trial=2, input=3, 0 draws}");
  for (int i = 0; i < 3; ++i) s.next_u01();
  CHECK(fmt::format("{}", s) == "PhiloxStream{seed=4294967297, trial=2, input=3, 3 draws}");
  s.next_u01();
  CHECK(fmt::format("{}", s) == "PhiloxStream{seed=4294967297, trial=2, input=3, 4 draws}");
}
