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

void apply_replicate_errors(std::span<const double> values, std::size_t replicates, MetricSummary& s) {
  const std::size_t n = values.size();
  const std::size_t R = replicates;
  if (R < 2) throw std::invalid_argument("apply_replicate_errors: at least 2 replicates");
  if (n <= R) return;
  const double t95 = replicate_t95(R);
  const auto levels = std::span<const double>(kQuantileLevels);
  std::vector<double> own;
  own.reserve(n / R + 1);
  std::array<double, kQuantileLevels.size()> q{}, q_sum{}, q_sq{};
  std::vector<std::array<double, kQuantileLevels.size()>> q_r(R);
  double mean_ss = 0.0;
  for (std::size_t r = 0; r < R; ++r) {
    own.clear();
    for (std::size_t t = r; t < n; t += R) own.push_back(values[t]);
    double sum = 0.0;
    for (double v : own) sum += v;
    const double c = static_cast<double>(own.size());
    const double d = c * (sum / c - s.mean);
    mean_ss += d * d;
    exact_quantiles(own, levels, q);
    q_r[r] = q;
    for (std::size_t i = 0; i < q.size(); ++i) q_sum[i] += q[i];
  }
  const double rr = static_cast<double>(R);
  s.stderr_mean = std::sqrt(rr / (rr - 1.0) * mean_ss) / static_cast<double>(n);
  for (std::size_t i = 0; i < q.size(); ++i) {
    const double avg = q_sum[i] / rr;
    for (std::size_t r = 0; r < R; ++r) q_sq[i] += (q_r[r][i] - avg) * (q_r[r][i] - avg);
    const double half = t95 * std::sqrt(q_sq[i] / (rr - 1.0) / rr);
    s.quantile_ci95[i] = {s.quantiles[i] - half, s.quantiles[i] + half};
  }
}

}  // namespace tcosim
