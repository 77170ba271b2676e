// Error bars from independent replicates (sim/replicate_errors.hpp).
#include <Random123/uniform.hpp>
#include <boost/math/distributions/gamma.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "sim/exact_quantiles.hpp"
#include "sim/replicate_errors.hpp"
#include "sim/sobol_points.hpp"
#include "support/printable.hpp"

using namespace tcosim;

namespace {

MetricSummary summary_of(const std::vector<double>& values) {
  MetricSummary s;
  Moments m = Moments::of(values.data(), values.size());
  s.mean = m.mean;
  s.stderr_mean = m.stderr_of_mean();
  exact_quantiles(values, kQuantileLevels, s.quantiles);
  for (std::size_t i = 0; i < kQuantileLevels.size(); ++i) s.quantile_ci95[i] = {-1.0, -2.0};
  return s;
}

}  // namespace

TEST_CASE("replicate stderr is the spread of the replicate means over sqrt(R)") {
  // Replicate 0 = trials 0, 2 = {1, 3} (mean 2), replicate 1 = {10, 20} (mean 15): sd 9.192, / sqrt 2 = 6.5.
  MetricSummary s = summary_of({1, 10, 3, 20});
  apply_replicate_errors(std::vector<double>{1, 10, 3, 20}, 2, s);
  CHECK(s.stderr_mean == Approx(6.5).epsilon(1e-12));
  // Percentile intervals: centred on the run's own percentile, t(1) * sd(Q_r) / sqrt(2) either side.
  // The medians of the replicates are 2 and 15, as their means are.
  const double half = replicate_t95(2) * 6.5;
  CHECK(replicate_t95(2) == Approx(12.706204736).epsilon(1e-9));
  CHECK(s.quantile_ci95[kP50Index][0] == Approx(s.quantiles[kP50Index] - half).epsilon(1e-12));
  CHECK(s.quantile_ci95[kP50Index][1] == Approx(s.quantiles[kP50Index] + half).epsilon(1e-12));
  CHECK(replicate_t95(kSobolReplicates) == Approx(2.131449546).epsilon(1e-9));
}

TEST_CASE("replicates of unequal size weight their means by their counts") {
  // n = 5, R = 2: replicate 0 = {0, 2, 4} (mean 2), replicate 1 = {1, 3} (mean 2): no spread.
  const std::vector<double> v = {0, 1, 2, 3, 4};
  MetricSummary s = summary_of(v);
  apply_replicate_errors(v, 2, s);
  CHECK(s.stderr_mean == Approx(0.0).margin(1e-15));
  // Replicate 0 = {0, 2, 4} (mean 2, 3 trials), replicate 1 = {1, 5} (mean 3, 2 trials), run mean 2.4.
  const std::vector<double> w = {0, 1, 2, 5, 4};
  MetricSummary t = summary_of(w);
  apply_replicate_errors(w, 2, t);
  // sqrt(2 * ((3 (2 - 2.4))^2 + (2 (3 - 2.4))^2)) / 5 = sqrt(2 * (1.44 + 1.44)) / 5
  CHECK(t.stderr_mean == Approx(std::sqrt(2 * 2.88) / 5).epsilon(1e-12));
}

TEST_CASE("replicate estimates give the stored values' error bars, widened by a known bound") {
  // What streaming sobol runs pass (per-replicate counts, means and sketch percentiles) against
  // what exact runs compute from the stored values: the same arithmetic, plus the widening.
  std::vector<double> v(64);
  for (std::size_t t = 0; t < v.size(); ++t) v[t] = std::sin(0.37 * double(t)) * 10.0 + double(t % 5);
  MetricSummary from_values = summary_of(v);
  apply_replicate_errors(v, 4, from_values);
  std::vector<ReplicateEstimate> estimates(4);
  for (std::size_t r = 0; r < 4; ++r) {
    std::vector<double> own;
    for (std::size_t t = r; t < v.size(); t += 4) own.push_back(v[t]);
    double sum = 0.0;
    for (double x : own) sum += x;
    estimates[r] = {own.size(), sum / double(own.size()), {}};
    exact_quantiles(own, kQuantileLevels, estimates[r].quantiles);
  }
  std::array<double, kQuantileLevels.size()> widen{};
  MetricSummary plain = summary_of(v);
  apply_replicate_estimates(estimates, v.size(), widen, plain);
  CHECK(plain.stderr_mean == from_values.stderr_mean);
  CHECK(plain.quantile_ci95 == from_values.quantile_ci95);
  for (std::size_t i = 0; i < widen.size(); ++i) widen[i] = 0.5 * double(i + 1);
  MetricSummary widened = summary_of(v);
  apply_replicate_estimates(estimates, v.size(), widen, widened);
  CHECK(widened.stderr_mean == from_values.stderr_mean);
  for (std::size_t i = 0; i < widen.size(); ++i) {
    CHECK(widened.quantile_ci95[i][0] == Approx(from_values.quantile_ci95[i][0] - widen[i]).epsilon(1e-14));
    CHECK(widened.quantile_ci95[i][1] == Approx(from_values.quantile_ci95[i][1] + widen[i]).epsilon(1e-14));
  }
  CHECK_THROWS_AS(apply_replicate_estimates(std::span(estimates).first(1), v.size(), widen, widened),
                  std::invalid_argument);
}

TEST_CASE("with at most one trial per replicate the independent-trial estimates stay") {
  const std::vector<double> v = {3, 1, 4};
  MetricSummary s = summary_of(v);
  const MetricSummary before = s;
  apply_replicate_errors(v, 16, s);
  CHECK(s.stderr_mean == before.stderr_mean);
  CHECK(s.quantile_ci95 == before.quantile_ci95);
  CHECK_THROWS_AS(apply_replicate_errors(v, 1, s), std::invalid_argument);
}

TEST_CASE("replicate intervals of shifted Sobol runs cover the mean, P50 and P95 at least 95 % of the time") {
  // X = -ln u1 - ln u2 - ln u3 ~ Gamma(3, 1): mean 3, percentiles from Boost.Math. Each run has
  // 4,096 trials, 16 interleaved replicates of 256 points, as a sobol run of tcosim lays them out.
  constexpr std::size_t kRuns = 400, kR = kSobolReplicates, kN = 4096, kD = 3;
  const boost::math::gamma_distribution<double> gamma(3.0);
  const double truth[3] = {3.0, boost::math::quantile(gamma, 0.5), boost::math::quantile(gamma, 0.95)};
  SobolPoints sobol(kD);
  std::vector<std::uint64_t> points(kN / kR * kD);
  sobol.points(0, kN / kR, points.data());
  std::size_t covered[3] = {};
  std::vector<double> x(kN);
  for (std::uint64_t seed = 0; seed < kRuns; ++seed) {
    for (std::size_t t = 0; t < kN; ++t) {
      const std::size_t j = t / kR, r = t % kR;
      double sum = 0.0;
      for (std::size_t d = 0; d < kD; ++d)
        sum -= std::log(
            r123::u01fixedpt<double>(points[j * kD + d] ^ sobol_shift(seed, static_cast<std::uint32_t>(d), r)));
      x[t] = sum;
    }
    MetricSummary s = summary_of(x);
    apply_replicate_errors(x, kR, s);
    const double t95 = replicate_t95(kR);
    covered[0] += std::fabs(s.mean - truth[0]) <= t95 * s.stderr_mean ? 1 : 0;
    covered[1] += s.quantile_ci95[kP50Index][0] <= truth[1] && truth[1] <= s.quantile_ci95[kP50Index][1] ? 1 : 0;
    covered[2] += s.quantile_ci95[kP95Index][0] <= truth[2] && truth[2] <= s.quantile_ci95[kP95Index][1] ? 1 : 0;
  }
  // Coverage of at least 95 % less 3 standard errors of a proportion over 400 runs (3.3 points).
  const double floor = 0.95 - 3.0 * std::sqrt(0.95 * 0.05 / kRuns);
  for (std::size_t i = 0; i < 3; ++i) {
    const double share = static_cast<double>(covered[i]) / kRuns;
    INFO((i == 0 ? "mean" : i == 1 ? "P50" : "P95") << " covered in " << share * 100 << " % of runs");
    CHECK(share >= floor);
  }
}
