// A metric's reported statistics (sim/metric_summary.hpp) from exact samples and from a sketch.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>
#include <random>
#include <span>
#include <vector>

#include "sim/metric_summary.hpp"
#include "support/printable.hpp"

using namespace tcosim;

namespace {

std::vector<double> one_to(std::size_t n) {
  std::vector<double> v(n);
  std::iota(v.begin(), v.end(), 1.0);
  return v;
}

}  // namespace

TEST_CASE("percentile interval ranks bracket each level's order statistic") {
  for (std::uint64_t n : {1ull, 20ull, 100ull, 100000ull}) {
    const PercentileCiRanks ci = percentile_ci_ranks(n);
    for (std::size_t i = 0; i < kQuantileLevels.size(); ++i) {
      INFO("n = " << n << ", level " << kQuantileNames[i]);
      const auto k = static_cast<std::size_t>(std::floor(kQuantileLevels[i] * static_cast<double>(n - 1)));
      CHECK(ci[i].lo <= k);
      CHECK(ci[i].hi >= k);
      CHECK(ci[i].hi <= n - 1);
      CHECK(ci[i].lo == quantile_ci_ranks(n, kQuantileLevels[i]).lo);
    }
  }
}

TEST_CASE("summarize_exact of 1..100: type-7 percentiles, CVaR, intervals and curve") {
  const std::vector<double> v = one_to(100);
  const Moments m = Moments::of(v.data(), v.size());
  const PercentileCiRanks ci = percentile_ci_ranks(v.size());
  const MetricSummary s = summarize_exact(m, v, ci);
  CHECK(s.mean == 50.5);
  CHECK(s.sd == Approx(std::sqrt(100.0 * 101 / 12)));  // (n^2 - 1) / 12 with n - 1 denominator
  CHECK(s.stderr_mean == Approx(s.sd / 10));
  CHECK(s.min == 1.0);
  CHECK(s.max == 100.0);
  CHECK(s.quantiles[0] == Approx(1.99));  // p1: h = 0.99
  CHECK(s.quantiles[kP50Index] == 50.5);  // h = 49.5
  CHECK(s.quantiles[kP95Index] == Approx(95.05));
  CHECK(s.cvar95 == Approx(98.0));  // mean of 96..100
  for (std::size_t i = 0; i < kQuantileLevels.size(); ++i) {
    // The value of rank r is r + 1.
    CHECK(s.quantile_ci95[i][0] == static_cast<double>(ci[i].lo + 1));
    CHECK(s.quantile_ci95[i][1] == static_cast<double>(ci[i].hi + 1));
  }
  CHECK(s.curve.front() == 1.0);
  CHECK(s.curve[50] == 50.5);
  CHECK(s.curve.back() == 100.0);
  CHECK(fmt::format("{}", s) ==
        fmt::format("MetricSummary{{mean=50.5, sd={}, min=1, p50=50.5, p95={}, max=100, cvar95={}}}", s.sd,
                    s.quantiles[kP95Index], s.cvar95));
}

TEST_CASE("summarize_exact of no values has the moments' fields only") {
  const MetricSummary s = summarize_exact(Moments{}, std::span<const double>{}, percentile_ci_ranks(0));
  CHECK(s.mean == 0.0);
  CHECK(s.quantiles[kP50Index] == 0.0);
}

TEST_CASE("summarize_sketch agrees with summarize_exact to the sketch's accuracy") {
  std::mt19937_64 rng(2024);
  std::lognormal_distribution<double> d(10.0, 1.0);
  std::vector<double> v(20000);
  for (double& x : v) x = d(rng);
  const double a = 0.005;
  QuantileSketch sketch(a);
  for (double x : v) sketch.add(x);
  const Moments m = Moments::of(v.data(), v.size());
  const PercentileCiRanks ci = percentile_ci_ranks(v.size());
  const MetricSummary exact = summarize_exact(m, v, ci);
  const MetricSummary approx = summarize_sketch(m, sketch, ci);
  std::vector<double> sorted = v;
  std::sort(sorted.begin(), sorted.end());
  // A sketch quantile is within relative a of the order statistic of its rank; allow the
  // neighbouring order statistics for the rank's rounding (and the float slack of the buckets).
  auto near_rank = [&](double got, std::size_t r) {
    const double lo = sorted[r == 0 ? 0 : r - 1] * (1 - a - 1e-12);
    const double hi = sorted[std::min(r + 1, sorted.size() - 1)] * (1 + a + 1e-12);
    return got >= lo && got <= hi;
  };
  const double last = static_cast<double>(v.size() - 1);
  CHECK(approx.mean == exact.mean);
  CHECK(approx.sd == exact.sd);
  CHECK(approx.min == exact.min);
  CHECK(approx.max == exact.max);
  for (std::size_t i = 0; i < kQuantileLevels.size(); ++i) {
    INFO(kQuantileNames[i]);
    CHECK(near_rank(approx.quantiles[i], static_cast<std::size_t>(kQuantileLevels[i] * last)));
    CHECK(approx.quantiles[i] == Approx(exact.quantiles[i]).epsilon(2 * a));
    CHECK(near_rank(approx.quantile_ci95[i][0], ci[i].lo));
    CHECK(near_rank(approx.quantile_ci95[i][1], ci[i].hi));
  }
  CHECK(approx.cvar95 == Approx(exact.cvar95).epsilon(a + 1e-9));
  CHECK(approx.curve.front() == exact.min);
  CHECK(approx.curve.back() == exact.max);
}
