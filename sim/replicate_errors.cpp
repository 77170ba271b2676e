#include "sim/replicate_errors.hpp"

#include <array>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <stdexcept>
#include <vector>

#include "sim/exact_quantiles.hpp"

namespace tcosim {

double replicate_t95(std::size_t replicates) {
  if (replicates < 2) throw std::invalid_argument("replicate_t95: at least 2 replicates");
  return boost::math::quantile(boost::math::students_t(static_cast<double>(replicates - 1)), 0.975);
}

void apply_replicate_estimates(std::span<const ReplicateEstimate> replicates, std::uint64_t n,
                               std::span<const double, kQuantileLevels.size()> widen, MetricSummary& s) {
  const std::size_t R = replicates.size();
  if (R < 2) throw std::invalid_argument("apply_replicate_estimates: at least 2 replicates");
  if (n <= R) return;
  const double rr = static_cast<double>(R);
  const double t95 = replicate_t95(R);
  double mean_ss = 0.0;
  for (const ReplicateEstimate& e : replicates) {
    const double d = static_cast<double>(e.count) * (e.mean - s.mean);
    mean_ss += d * d;
  }
  s.stderr_mean = std::sqrt(rr / (rr - 1.0) * mean_ss) / static_cast<double>(n);
  for (std::size_t i = 0; i < kQuantileLevels.size(); ++i) {
    double sum = 0.0;
    for (const ReplicateEstimate& e : replicates) sum += e.quantiles[i];
    const double avg = sum / rr;
    double ss = 0.0;
    for (const ReplicateEstimate& e : replicates) ss += (e.quantiles[i] - avg) * (e.quantiles[i] - avg);
    const double half = t95 * std::sqrt(ss / (rr - 1.0) / rr) + widen[i];
    s.quantile_ci95[i] = {s.quantiles[i] - half, s.quantiles[i] + half};
  }
}

void apply_replicate_errors(std::span<const double> values, std::size_t replicates, MetricSummary& s) {
  const std::size_t n = values.size();
  const std::size_t R = replicates;
  if (R < 2) throw std::invalid_argument("apply_replicate_errors: at least 2 replicates");
  if (n <= R) return;
  std::vector<double> own;
  own.reserve(n / R + 1);
  std::vector<ReplicateEstimate> estimates(R);
  for (std::size_t r = 0; r < R; ++r) {
    own.clear();
    for (std::size_t t = r; t < n; t += R) own.push_back(values[t]);
    double sum = 0.0;
    for (double v : own) sum += v;
    estimates[r].count = own.size();
    estimates[r].mean = sum / static_cast<double>(own.size());
    exact_quantiles(own, kQuantileLevels, estimates[r].quantiles);
  }
  static constexpr std::array<double, kQuantileLevels.size()> kExact{};
  apply_replicate_estimates(estimates, n, kExact, s);
}

}  // namespace tcosim
