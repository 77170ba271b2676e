#include <algorithm>
#include <array>
#include <bit>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "sim/quantile_levels.hpp"
#include "sim/quantile_sketch.hpp"
#include "support/numeric.hpp"
#include "support/printable.hpp"

using tcosim::QuantileSketch;
using tcosim::test::same_bits;

namespace {

// Float slack on top of the relative accuracy a. A value can land one bucket off only when it
// is within the rounding of L(x) k (sim/quantile_sketch.cpp) of a bucket edge: L(x) k <= ~4e5
// index units at a = 1e-3 and takes a few roundings of about half an ulp of that (~3e-11
// units each), so it is off by <= ~1e-10 units, i.e. <= ~3e-13 relative in x (a unit is 1/375
// of a factor two); the bucket value (i / k, a square root, ldexp and a harmonic mean) carries
// <= ~2e-13 more. 1e-12 covers the sum with margin.
constexpr double kFloatSlack = 1e-12;

struct Dataset {
  std::string name;
  std::vector<double> values;
};

std::vector<Dataset> make_datasets(std::size_t n) {
  std::mt19937_64 rng(424242);
  std::vector<Dataset> out;
  {
    std::lognormal_distribution<double> d(10.0, 1.5);
    Dataset s{"lognormal", {}};
    for (std::size_t i = 0; i < n; ++i) s.values.push_back(d(rng));
    out.push_back(std::move(s));
  }
  {
    std::uniform_real_distribution<double> d(0.0, 1000.0);
    Dataset s{"uniform", {}};
    for (std::size_t i = 0; i < n; ++i) s.values.push_back(d(rng));
    out.push_back(std::move(s));
  }
  {
    std::normal_distribution<double> d(5.0, 20.0);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    Dataset s{"zeros and negatives", {}};
    for (std::size_t i = 0; i < n; ++i) s.values.push_back(u(rng) < 0.15 ? 0.0 : d(rng));
    out.push_back(std::move(s));
  }
  {
    std::uniform_real_distribution<double> d(std::log(1e-6), std::log(1e12));
    Dataset s{"1e-6 to 1e12", {}};
    for (std::size_t i = 0; i < n; ++i) s.values.push_back(std::exp(d(rng)));
    out.push_back(std::move(s));
  }
  {
    std::lognormal_distribution<double> d(0.0, 2.0);
    Dataset s{"negative lognormal", {}};
    for (std::size_t i = 0; i < n; ++i) s.values.push_back(-d(rng));
    out.push_back(std::move(s));
  }
  return out;
}

/// Exact CVaR and the tail mean of |x| over the same weights (the error scale for mixed signs).
struct TailReference {
  double cvar, abs_mean;
};
TailReference tail_reference(const std::vector<double>& sorted_ascending, double level) {
  const double n = static_cast<double>(sorted_ascending.size());
  const double t = n - level * n;
  if (t < 1.0) return {sorted_ascending.back(), std::abs(sorted_ascending.back())};
  long double sum = 0.0L, abs_sum = 0.0L, remaining = t;
  for (auto it = sorted_ascending.rbegin(); it != sorted_ascending.rend() && remaining > 0; ++it) {
    const long double w = std::min(1.0L, remaining);
    sum += w * *it;
    abs_sum += w * std::abs(*it);
    remaining -= w;
  }
  return {static_cast<double>(sum / t), static_cast<double>(abs_sum / t)};
}

std::vector<double> test_levels() {
  std::vector<double> levels = {0.0, 0.001, 0.333, 0.999, 1.0};
  levels.insert(levels.end(), tcosim::kQuantileLevels.begin(), tcosim::kQuantileLevels.end());
  return levels;
}

void check_against_exact(const QuantileSketch& sk, std::vector<double> values, const std::string& name) {
  const double a = sk.relative_accuracy();
  std::sort(values.begin(), values.end());
  REQUIRE(sk.count() == values.size());
  const double n1 = static_cast<double>(values.size() - 1);
  for (double q : test_levels()) {
    // The documented target: the lower order statistic of the type-7 pair.
    const double exact = values[static_cast<std::size_t>(std::floor(n1 * q))];
    const double got = sk.quantile(q);
    INFO(name << " a " << a << " q " << q << ": sketch " << got << " exact " << exact);
    CHECK(std::abs(got - exact) <= (a + kFloatSlack) * std::abs(exact));
  }
  for (double level : {0.0, 0.5, 0.9, tcosim::kCvarLevel, 0.99, 0.9999, 1.0}) {
    const TailReference ref = tail_reference(values, level);
    const double got = sk.upper_cvar(level);
    INFO(name << " a " << a << " cvar level " << level << ": sketch " << got << " exact " << ref.cvar);
    // Each tail value is replaced by its bucket value (relative error <= a) with the same
    // weights, so the error is at most a times the weighted mean of |x|: a |cvar| if one sign.
    CHECK(std::abs(got - ref.cvar) <= (a + kFloatSlack) * ref.abs_mean);
  }
}

/// Every observable result, compared bit for bit.
void require_identical(const QuantileSketch& x, const QuantileSketch& y) {
  REQUIRE(x.count() == y.count());
  for (int k = 0; k <= 1000; ++k) {
    const double q = k / 1000.0;
    INFO("q " << q);
    REQUIRE(same_bits(x.quantile(q), y.quantile(q)));
  }
  for (double level : {0.0, 0.5, tcosim::kCvarLevel, 0.99, 0.999999, 1.0}) {
    INFO("cvar level " << level);
    REQUIRE(same_bits(x.upper_cvar(level), y.upper_cvar(level)));
  }
}

}  // namespace

TEST_CASE("sketch quantiles and CVaR are within the relative accuracy of the exact values") {
  const std::vector<Dataset> data = make_datasets(50000);
  for (double a : {1e-2, 1e-3, 1e-4}) {
    for (const Dataset& d : data) {
      QuantileSketch sk(a);
      for (double x : d.values) sk.add(x);
      check_against_exact(sk, d.values, d.name);
      CHECK(sk.memory_bytes() <= QuantileSketch::max_memory_bytes(a));
    }
  }
}

TEST_CASE("sketch edge cases") {
  QuantileSketch empty;
  CHECK(empty.count() == 0);
  CHECK(std::isnan(empty.quantile(0.5)));
  CHECK(std::isnan(empty.upper_cvar(0.95)));
  CHECK(empty.memory_bytes() == 0);

  QuantileSketch one;
  one.add(123.456);
  CHECK(one.count() == 1);
  for (double q : {0.0, 0.5, 1.0}) CHECK(std::abs(one.quantile(q) - 123.456) <= 1e-3 * 123.456);
  CHECK(one.upper_cvar(0.95) == one.quantile(1.0));

  SECTION("values below the smallest normal double count as zero") {
    QuantileSketch s;
    s.add(0.0);
    s.add(-0.0);
    s.add(1e-310);
    s.add(-1e-310);
    CHECK(s.count() == 4);
    CHECK(s.quantile(0.0) == 0.0);
    CHECK(s.quantile(1.0) == 0.0);
    CHECK(s.upper_cvar(0.5) == 0.0);
  }
  SECTION("extremes keep their rank and stay finite") {
    const double inf = std::numeric_limits<double>::infinity(), big = std::numeric_limits<double>::max();
    QuantileSketch s;
    for (double x : {-inf, -big, -1.0, 1.0, big, inf}) s.add(x);
    CHECK(s.count() == 6);
    CHECK(std::isfinite(s.quantile(0.0)));
    CHECK(s.quantile(0.0) < -1e307);
    CHECK(std::isfinite(s.quantile(1.0)));
    CHECK(s.quantile(1.0) > 1e307);
    // Rank floor(0.5 * 5) = 2 is the -1; 1 = gamma^0 sits on a bucket edge, where the error is a.
    CHECK(std::abs(s.quantile(0.5) + 1.0) <= 1e-3 + 1e-12);
    CHECK(s.memory_bytes() <= QuantileSketch::max_memory_bytes(1e-3));
  }
  SECTION("NaN has no rank and is not counted") {
    QuantileSketch s;
    s.add(std::numeric_limits<double>::quiet_NaN());
    s.add(2.0);
    CHECK(s.count() == 1);
    CHECK(std::isnan(s.quantile(std::numeric_limits<double>::quiet_NaN())));
  }
  SECTION("clear returns to the empty state") {
    QuantileSketch s;
    for (int i = 1; i < 1000; ++i) s.add(i);
    s.clear();
    CHECK(s.count() == 0);
    CHECK(s.memory_bytes() == 0);
    CHECK(std::isnan(s.quantile(0.5)));
  }
  SECTION("accuracy outside (0, 1) is refused") {
    CHECK_THROWS_AS(QuantileSketch(0.0), std::invalid_argument);
    CHECK_THROWS_AS(QuantileSketch(1.0), std::invalid_argument);
    CHECK_THROWS_AS(QuantileSketch(-0.1), std::invalid_argument);
    CHECK_THROWS_AS(QuantileSketch::max_memory_bytes(std::nan("")), std::invalid_argument);
    QuantileSketch x(1e-3), y(1e-2);
    CHECK_THROWS_AS(x.merge(y), std::invalid_argument);
  }
}

TEST_CASE("merging shards in any order gives the same sketch as the concatenation, bit for bit") {
  std::mt19937_64 rng(8);
  std::vector<std::vector<double>> shards(8);
  std::vector<double> all;
  for (std::size_t s = 0; s < shards.size(); ++s) {
    // Different locations, spreads, signs and sizes so the shards' windows differ; shard 5 empty.
    std::lognormal_distribution<double> d(static_cast<double>(s) * 2.0 - 4.0, 0.5 + 0.3 * static_cast<double>(s));
    const std::size_t n = s == 5 ? 0 : 3000 + 1700 * s;
    for (std::size_t i = 0; i < n; ++i) {
      const double x = d(rng);
      shards[s].push_back(s % 3 == 1 ? -x : (i % 97 == 0 ? 0.0 : x));
    }
    all.insert(all.end(), shards[s].begin(), shards[s].end());
  }
  std::vector<QuantileSketch> sk(shards.size());
  for (std::size_t s = 0; s < shards.size(); ++s)
    for (double x : shards[s]) sk[s].add(x);

  QuantileSketch forward, backward, tree, seeded = sk[3];
  for (std::size_t s = 0; s < sk.size(); ++s) forward.merge(sk[s]);
  for (std::size_t s = sk.size(); s-- > 0;) backward.merge(sk[s]);
  {
    std::vector<QuantileSketch> level = sk;
    while (level.size() > 1) {
      std::vector<QuantileSketch> next;
      for (std::size_t i = 0; i + 1 < level.size(); i += 2) {
        next.push_back(level[i + 1]);
        next.back().merge(level[i]);
      }
      level = std::move(next);
    }
    tree = level[0];
    tree.merge(QuantileSketch{});  // settles the window like the others
  }
  for (std::size_t s : {0, 7, 1, 6, 2, 5, 4}) seeded.merge(sk[s]);

  QuantileSketch whole;
  for (double x : all) whole.add(x);

  REQUIRE(forward.count() == all.size());
  require_identical(forward, backward);
  require_identical(forward, tree);
  require_identical(forward, seeded);
  require_identical(forward, whole);
  // After a merge the window depends only on the occupied buckets, so memory agrees too.
  CHECK(forward.memory_bytes() == backward.memory_bytes());
  CHECK(forward.memory_bytes() == tree.memory_bytes());
  CHECK(forward.memory_bytes() == seeded.memory_bytes());
  QuantileSketch settled;
  settled.merge(whole);
  CHECK(forward.memory_bytes() == settled.memory_bytes());
  // And merging is still accurate.
  check_against_exact(forward, all, "merged shards");

  QuantileSketch self = sk[0];
  self.merge(self);
  CHECK(self.count() == 2 * sk[0].count());
  CHECK(same_bits(self.quantile(0.5), sk[0].quantile(0.5)));
}

TEST_CASE("sketch memory stays within max_memory_bytes and does not grow in the steady state") {
  const double a = 1e-3;
  const std::size_t max_bytes = QuantileSketch::max_memory_bytes(a);
  // The whole double range at a = 1e-3 is 2,046 octaves of 0.75 / ln(gamma) = 375 buckets,
  // ~767,000 buckets a side: about 12.3 MB for both.
  CHECK(max_bytes > 12'000'000);
  CHECK(max_bytes < 12'500'000);
  CHECK(QuantileSketch::max_memory_bytes(1e-2) < max_bytes);

  std::mt19937_64 rng(11);
  std::lognormal_distribution<double> d(3.0, 2.0);
  QuantileSketch s(a);
  double lo = std::numeric_limits<double>::infinity(), hi = 0.0;
  for (int i = 0; i < 100000; ++i) {
    const double x = d(rng);
    lo = std::min(lo, x);
    hi = std::max(hi, x);
    s.add(x);
  }
  // A realistic metric: ~10 decades here, well under the worst case.
  const std::size_t settled = s.memory_bytes();
  CHECK(settled > 0);
  CHECK(settled < 200'000);
  for (int i = 0; i < 100000; ++i) s.add(std::clamp(d(rng), lo, hi));
  CHECK(s.memory_bytes() == settled);  // values inside the seen range never reallocate

  // Every magnitude from the smallest normal to the largest double, both signs.
  QuantileSketch full(a);
  for (double x = std::numeric_limits<double>::min(); std::isfinite(x); x *= 1.5) {
    full.add(x);
    full.add(-x);
  }
  full.add(std::numeric_limits<double>::max());
  full.add(-std::numeric_limits<double>::max());
  CHECK(full.memory_bytes() <= max_bytes);
  QuantileSketch merged(a);
  merged.merge(full);
  CHECK(merged.memory_bytes() <= max_bytes);
  CHECK(merged.memory_bytes() > max_bytes / 2);
}

TEST_CASE("a sketch read back answers as the one saved, at any accuracy") {
  // 1e-9: both index limits bind (about -2^30 and 2^30), so the range a store may span is 2^31
  // buckets; the values stay within a few hundred buckets of each other (a store is dense).
  for (const double a : {1e-2, 1e-3, 1e-9}) {
    INFO("accuracy " << a);
    QuantileSketch s(a);
    const double step = 100 * a;
    for (const double x : {-1.0, 0.0, 1.0, 1.0 + step, 1.0 + 2 * step, 1.0 + 3 * step}) s.add(x);
    tcosim::ByteWriter out;
    s.save(out);
    const std::string bytes = out.take();
    tcosim::ByteReader in(bytes);
    const QuantileSketch back = QuantileSketch::load(in);
    CHECK(back.count() == s.count());
    for (const double q : {0.0, 0.3, 0.5, 0.9, 1.0}) CHECK(same_bits(back.quantile(q), s.quantile(q)));
  }
}

TEST_CASE("adding a column of values gives the sketch of adding them one by one, bit for bit") {
  // Every kind of value: both signs, the zero bucket, NaN (ignored), infinities and the
  // largest doubles (the top buckets); the negative store's window widens as values come.
  std::mt19937_64 rng(5);
  std::lognormal_distribution<double> spread(0.0, 4.0);
  std::vector<double> xs = {0.0,
                            -0.0,
                            1e-300,
                            std::numeric_limits<double>::quiet_NaN(),
                            std::numeric_limits<double>::infinity(),
                            -std::numeric_limits<double>::infinity(),
                            std::numeric_limits<double>::max(),
                            -std::numeric_limits<double>::max()};
  for (int i = 0; i < 5000; ++i) xs.push_back((i % 3 == 0 ? -1.0 : 1.0) * spread(rng));
  // Runs of one sign: whole blocks of positive values take add()'s one-store path.
  for (int i = 0; i < 1500; ++i) xs.push_back(spread(rng));
  for (int i = 0; i < 600; ++i) xs.push_back(-spread(rng));
  QuantileSketch one(1e-3), column(1e-3);
  for (const double x : xs) one.add(x);
  column.add(xs.data(), 17);  // two calls: a column's adds continue where the last call left off
  column.add(xs.data() + 17, xs.size() - 17);
  tcosim::ByteWriter a, b;
  one.save(a);
  column.save(b);
  CHECK(a.take() == b.take());
  CHECK(column.memory_bytes() == one.memory_bytes());
  column.add(xs.data(), 0);
  CHECK(column.count() == one.count());
}

TEST_CASE("a sketch prints its accuracy, count and bucket range") {
  QuantileSketch s(0.01);
  CHECK(fmt::format("{}", s) == "QuantileSketch{accuracy=0.01, empty}");
  for (int i = 0; i < 3; ++i) s.add(0.0);
  CHECK(fmt::format("{}", s) == "QuantileSketch{accuracy=0.01, 3 values, buckets from 0 to 0}");
  for (double x : {-2.0, 10.0, 1000.0}) s.add(x);
  CHECK(s.quantile(0.0) == Approx(-2.0).epsilon(0.01));
  CHECK(s.quantile(1.0) == Approx(1000.0).epsilon(0.01));
  CHECK(fmt::format("{}", s) == fmt::format("QuantileSketch{{accuracy=0.01, 6 values, buckets from {} to {}}}",
                                            s.quantile(0.0), s.quantile(1.0)));
}
