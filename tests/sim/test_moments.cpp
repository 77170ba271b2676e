#include <algorithm>
#include <array>
#include <bit>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "sim/moments.hpp"
#include "support/numeric.hpp"
#include "support/printable.hpp"

using tcosim::Moments;
using tcosim::test::same_bits;

namespace {

struct TwoPass {
  double mean, variance;
};
/// Textbook two-pass mean and sample variance, in long double as the reference.
TwoPass two_pass(const std::vector<double>& v) {
  long double sum = 0.0L;
  for (double x : v) sum += x;
  const long double mean = sum / static_cast<long double>(v.size());
  long double ss = 0.0L;
  for (double x : v) ss += (x - mean) * (x - mean);
  return {static_cast<double>(mean), static_cast<double>(ss / static_cast<long double>(v.size() - 1))};
}

bool close(double got, double want, double rel) { return std::abs(got - want) <= rel * std::abs(want); }

std::vector<double> sample(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::lognormal_distribution<double> d(4.0, 0.8);
  std::vector<double> v(n);
  for (double& x : v) x = d(rng);
  return v;
}

/// Shards of uneven sizes, one of them empty, as the runner's chunks can be.
std::vector<Moments> shard_moments(const std::vector<double>& v) {
  const std::vector<std::size_t> sizes = {1, 0, 977, 5000, 13, 20000, 2, 4007};
  std::vector<Moments> shards(sizes.size());
  std::size_t at = 0;
  for (std::size_t s = 0; s < sizes.size(); ++s)
    for (std::size_t i = 0; i < sizes[s]; ++i) shards[s].add(v[at++]);
  REQUIRE(at == v.size());
  return shards;
}

}  // namespace

TEST_CASE("Moments::add agrees with two-pass mean and variance") {
  for (std::size_t n : {2u, 3u, 10u, 1000u, 100000u}) {
    const std::vector<double> v = sample(n, 17 + n);
    Moments m;
    for (double x : v) m.add(x);
    const TwoPass ref = two_pass(v);
    INFO("n " << n);
    CHECK(m.n == n);
    CHECK(close(m.mean, ref.mean, 1e-12));
    CHECK(close(m.variance(), ref.variance, 1e-12));
    CHECK(close(m.sd(), std::sqrt(ref.variance), 1e-12));
    CHECK(close(m.stderr_of_mean(), std::sqrt(ref.variance / static_cast<double>(n)), 1e-12));
    CHECK(m.min == *std::min_element(v.begin(), v.end()));
    CHECK(m.max == *std::max_element(v.begin(), v.end()));
  }
}

TEST_CASE("merging Moments shards equals the whole") {
  const std::vector<double> v = sample(30000, 5);
  Moments whole;
  for (double x : v) whole.add(x);
  const std::vector<Moments> shards = shard_moments(v);
  Moments merged;
  for (const Moments& s : shards) merged.merge(s);
  CHECK(merged.n == whole.n);
  CHECK(close(merged.mean, whole.mean, 1e-12));
  CHECK(close(merged.variance(), whole.variance(), 1e-12));
  CHECK(merged.min == whole.min);
  CHECK(merged.max == whole.max);

  SECTION("and is deterministic for a given order") {
    Moments again;
    for (const Moments& s : shard_moments(v)) again.merge(s);
    CHECK(again.n == merged.n);
    CHECK(same_bits(again.mean, merged.mean));
    CHECK(same_bits(again.m2, merged.m2));
    CHECK(same_bits(again.min, merged.min));
    CHECK(same_bits(again.max, merged.max));
  }
  SECTION("and a different order still agrees to rounding") {
    Moments reversed;
    for (auto it = shards.rbegin(); it != shards.rend(); ++it) reversed.merge(*it);
    CHECK(close(reversed.mean, whole.mean, 1e-12));
    CHECK(close(reversed.variance(), whole.variance(), 1e-12));
  }
}

TEST_CASE("Moments edge cases: no values and one value") {
  Moments none;
  CHECK(none.n == 0);
  CHECK(none.mean == 0.0);
  CHECK(none.variance() == 0.0);
  CHECK(none.sd() == 0.0);
  CHECK(none.stderr_of_mean() == 0.0);
  CHECK(none.min == std::numeric_limits<double>::infinity());
  CHECK(none.max == -std::numeric_limits<double>::infinity());

  Moments one;
  one.add(-7.25);
  CHECK(one.n == 1);
  CHECK(one.mean == -7.25);
  CHECK(one.variance() == 0.0);
  CHECK(one.sd() == 0.0);
  CHECK(one.stderr_of_mean() == 0.0);
  CHECK(one.min == -7.25);
  CHECK(one.max == -7.25);

  Moments a = none;
  a.merge(none);
  CHECK(a.n == 0);
  CHECK(a.variance() == 0.0);
  a.merge(one);  // empty absorbs the other exactly
  CHECK(a.n == 1);
  CHECK(a.mean == -7.25);
  CHECK(a.min == -7.25);
  a.merge(none);
  CHECK(a.n == 1);
  CHECK(a.mean == -7.25);

  Moments two = one;
  Moments other;
  other.add(2.75);
  two.merge(other);
  CHECK(two.n == 2);
  CHECK(two.mean == -2.25);
  CHECK(two.variance() == 50.0);  // ((-5)^2 + 5^2) / 1
  CHECK(two.min == -7.25);
  CHECK(two.max == 2.75);

  Moments constant;
  for (int i = 0; i < 1000; ++i) constant.add(0.1);
  CHECK(constant.variance() >= 0.0);
  CHECK(constant.variance() < 1e-30);
}

TEST_CASE("Moments::of a column agrees with two-pass and with add") {
  // Sizes around the 8 partial sums: fewer than a lane group, exact multiples, remainders.
  for (std::size_t n : {1u, 2u, 7u, 8u, 9u, 17u, 4096u, 4099u, 100000u}) {
    const std::vector<double> v = sample(n, 91 + n);
    const Moments m = Moments::of(v.data(), n);
    Moments added;
    for (double x : v) added.add(x);
    INFO("n " << n);
    CHECK(m.n == n);
    CHECK(m.min == added.min);
    CHECK(m.max == added.max);
    if (n == 1) {
      CHECK(m.mean == v[0]);
      CHECK(m.m2 == 0.0);
      continue;
    }
    const TwoPass ref = two_pass(v);
    CHECK(close(m.mean, ref.mean, 1e-14));
    CHECK(close(m.variance(), ref.variance, 1e-13));
    CHECK(close(m.mean, added.mean, 1e-12));
    CHECK(close(m.variance(), added.variance(), 1e-12));
  }
  SECTION("no values") {
    const Moments none = Moments::of(nullptr, 0);
    CHECK(none.n == 0);
    CHECK(none.min == std::numeric_limits<double>::infinity());
  }
  SECTION("a constant column has no spread") {
    const std::vector<double> c(4099, 0.1);
    const Moments m = Moments::of(c.data(), c.size());
    CHECK(m.variance() >= 0.0);
    CHECK(m.variance() < 1e-30);
    CHECK(m.min == 0.1);
    CHECK(m.max == 0.1);
  }
  SECTION("columns merged equal the whole to rounding") {
    const std::vector<double> v = sample(3 * 4096 + 5, 8);
    Moments merged;
    for (std::size_t at = 0; at < v.size(); at += 4096)
      merged.merge(Moments::of(v.data() + at, std::min<std::size_t>(4096, v.size() - at)));
    const TwoPass ref = two_pass(v);
    CHECK(merged.n == v.size());
    CHECK(close(merged.mean, ref.mean, 1e-14));
    CHECK(close(merged.variance(), ref.variance, 1e-13));
  }
}

TEST_CASE("Moments::of is its eight lanes in a fixed order, bit for bit") {
  // The definition written out one value at a time: value i goes to lane i % 8 (the last n % 8
  // values to the totals directly), the lanes are summed 0 to 7. Results are kept in checkpoints
  // and compared across builds, so the vector code must give exactly these bits.
  const auto reference = [](const std::vector<double>& x) {
    const std::size_t n = x.size(), whole = n - n % 8;
    std::array<double, 8> lane{}, dev{}, sq{}, lo, hi;
    lo.fill(std::numeric_limits<double>::infinity());
    hi.fill(-std::numeric_limits<double>::infinity());
    for (std::size_t i = 0; i < whole; ++i) lane[i % 8] += x[i];
    double sum = 0.0;
    for (double l : lane) sum += l;
    for (std::size_t i = whole; i < n; ++i) sum += x[i];
    Moments r;
    r.n = n;
    r.mean = sum / static_cast<double>(n);
    for (std::size_t i = 0; i < whole; ++i) {
      const double d = x[i] - r.mean;
      dev[i % 8] += d;
      sq[i % 8] += d * d;
      lo[i % 8] = x[i] < lo[i % 8] ? x[i] : lo[i % 8];
      hi[i % 8] = x[i] > hi[i % 8] ? x[i] : hi[i % 8];
    }
    double dsum = 0.0, ssum = 0.0;
    for (std::size_t j = 0; j < 8; ++j) {
      dsum += dev[j];
      ssum += sq[j];
      r.min = std::min(r.min, lo[j]);
      r.max = std::max(r.max, hi[j]);
    }
    for (std::size_t i = whole; i < n; ++i) {
      const double d = x[i] - r.mean;
      dsum += d;
      ssum += d * d;
      r.min = std::min(r.min, x[i]);
      r.max = std::max(r.max, x[i]);
    }
    r.m2 = std::max(0.0, ssum - dsum * dsum / static_cast<double>(n));
    return r;
  };
  for (std::size_t n : {1u, 8u, 13u, 4096u, 4101u}) {
    std::vector<double> v = sample(n, 7 * n + 1);
    for (double& x : v) x = x * 1e6 + 3.0;                       // an offset far from zero, as costs have
    if (n > 9) v[9] = std::numeric_limits<double>::quiet_NaN();  // a NaN moves neither bound
    INFO("n " << n);
    const Moments m = Moments::of(v.data(), n), want = reference(v);
    CHECK(m.n == want.n);
    if (n > 9) {
      CHECK(std::isnan(m.mean));
    } else {
      CHECK(m.mean == want.mean);
      CHECK(m.m2 == want.m2);
    }
    CHECK(m.min == want.min);
    CHECK(m.max == want.max);
    if (n > 9) {  // the bits of every sum, on the same column without the NaN
      v[9] = 1.5;
      const Moments clean = Moments::of(v.data(), n), clean_want = reference(v);
      CHECK(clean.mean == clean_want.mean);
      CHECK(clean.m2 == clean_want.m2);
      CHECK(clean.min == clean_want.min);
      CHECK(clean.max == clean_want.max);
    }
  }
}

TEST_CASE("moments print their count, mean, sd and range") {
  Moments m;
  CHECK(fmt::format("{}", m) == "Moments{n=0}");
  for (double x : {1.0, 2.0, 3.0}) m.add(x);
  CHECK(fmt::format("{}", m) == "Moments{n=3, mean=2, sd=1, min=1, max=3}");
  CHECK(Catch::Detail::stringify(m) == "Moments{n=3, mean=2, sd=1, min=1, max=3}");
}
