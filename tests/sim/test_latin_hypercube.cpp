#include <algorithm>
#include <boost/math/distributions/chi_squared.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>
#include <vector>

#include "sim/latin_hypercube.hpp"
#include "sim/philox_stream.hpp"

using namespace tcosim;

namespace {

std::vector<std::uint16_t> permutation(std::uint64_t seed, std::uint64_t block, std::uint32_t id, std::size_t m) {
  std::vector<std::uint16_t> p(m);
  lhs_permutation(seed, block, id, p);
  return p;
}

bool is_permutation_of_iota(std::vector<std::uint16_t> p) {
  std::sort(p.begin(), p.end());
  for (std::size_t i = 0; i < p.size(); ++i)
    if (p[i] != i) return false;
  return true;
}

}  // namespace

TEST_CASE("lhs_permutation gives a permutation, a pure function of (seed, block, input id)") {
  for (std::size_t m : {std::size_t{1}, std::size_t{2}, std::size_t{7}, std::size_t{4096}, kMaxLhsStrata}) {
    INFO("m = " << m);
    CHECK(is_permutation_of_iota(permutation(3, 5, 77, m)));
  }
  CHECK(permutation(3, 5, 77, 4096) == permutation(3, 5, 77, 4096));
  CHECK(permutation(3, 5, 77, 4096) != permutation(3, 6, 77, 4096));
  CHECK(permutation(3, 5, 77, 4096) != permutation(3, 5, 78, 4096));
  CHECK(permutation(3, 5, 77, 4096) != permutation(4, 5, 77, 4096));
  // The largest block index a run of 2^63 trials can reach still gets its own stream.
  const std::uint64_t last = ((std::uint64_t{1} << 63) - 1) / 4096;
  CHECK(is_permutation_of_iota(permutation(3, last, 77, 4096)));
  std::vector<std::uint16_t> none;
  CHECK_THROWS(lhs_permutation(1, 0, 0, none));
}

TEST_CASE("permutation streams cannot share a counter with trial streams") {
  // Trials are below 2^63, so (block | 2^63) is never a trial index: the first draws differ
  // even where block equals a trial index.
  PhiloxStream trial(9, 12, 4), perm(9, 12 | kLhsStreamBit, 4);
  CHECK(trial.next_u01() != perm.next_u01());
}

TEST_CASE("where lhs_permutation sends an element is uniform (chi-square at alpha 0.001)") {
  // The position of 0 in a permutation of 16 over 3200 blocks: 16 cells of expected count 200.
  constexpr std::size_t kM = 16, kBlocks = 3200;
  std::vector<double> counts(kM, 0.0);
  for (std::uint64_t b = 0; b < kBlocks; ++b) {
    const auto p = permutation(1, b, 42, kM);
    counts[static_cast<std::size_t>(std::find(p.begin(), p.end(), 0) - p.begin())] += 1;
  }
  const double expected = double(kBlocks) / kM;
  double chi2 = 0;
  for (double c : counts) chi2 += (c - expected) * (c - expected) / expected;
  const double critical = boost::math::quantile(boost::math::chi_squared(kM - 1), 0.999);
  CHECK(chi2 < critical);
}

TEST_CASE("lhs_uniform stays strictly inside its stratum and inside (0, 1)") {
  constexpr double inv = 1.0 / 4096;
  const double v_min = 0x1p-53, v_max = 1.0 - 0x1p-53;  // the Philox stream's extremes
  for (std::uint32_t s : {0u, 1u, 2047u, 4094u, 4095u}) {
    INFO("stratum " << s);
    for (double v : {v_min, 0.25, 0.5, 1.0 - 1e-12, v_max}) {
      const double u = lhs_uniform(s, v, inv);
      CHECK(u >= s * inv);
      CHECK(u < (s + 1) * inv);
      CHECK(std::floor(u * 4096) == s);
      CHECK(u > 0.0);
      CHECK(u < 1.0);
    }
  }
  CHECK(lhs_uniform(7, 0.5, inv) == 7.5 / 4096);
  CHECK(lhs_uniform(0, v_min, inv) == v_min / 4096);
  // Near 1, stratum + v would round up onto the next stratum's edge.
  CHECK(4095.0 + v_max == 4096.0);
  CHECK(lhs_uniform(4095, v_max, inv) < 1.0);
}
