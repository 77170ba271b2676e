#pragma once
// Error bars of a randomized quasi-Monte Carlo run from its independent replicates. The binomial
// intervals of order statistics and sd / sqrt(n) assume independent trials; the points of a
// Sobol run are not, and their errors are far smaller. With R independently randomized
// replicates (sim/sobol_points.hpp), the spread of R replicate estimates is an honest measure
// of the run's error whatever the dependence inside a replicate (Owen 1997; L'Ecuyer 2018).
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "sim/metric_summary.hpp"
#include "sim/quantile_levels.hpp"

namespace tcosim {

/// Student's t quantile for a two-sided 95 % interval from `replicates` estimates (R - 1 degrees
/// of freedom): 2.131 for R = 16.
double replicate_t95(std::size_t replicates);

/// One replicate's own estimates: its trial count, mean and kQuantileLevels percentiles.
struct ReplicateEstimate {
  std::uint64_t count = 0;
  double mean = 0.0;
  std::array<double, kQuantileLevels.size()> quantiles{};
};

/// Replaces s.stderr_mean and s.quantile_ci95 by the spread of `replicates` (the run's n trials
/// split among them): stderr = sqrt(R / (R - 1) * sum c_r^2 (m_r - m)^2) / n around the run's
/// mean m = s.mean, and percentile i's interval s.quantiles[i] +- (t95 * sd(Q_ri) / sqrt(R) +
/// widen[i]). `widen` is a known bound on the error of each quantile apart from sampling (a
/// sketch's relative accuracy times the value; zero for exact order statistics). With n <= R the
/// independent-trial estimates in `s` are kept (see apply_replicate_errors). Needs R >= 2.
void apply_replicate_estimates(std::span<const ReplicateEstimate> replicates, std::uint64_t n,
                               std::span<const double, kQuantileLevels.size()> widen, MetricSummary& s);

/// Replaces s.stderr_mean and s.quantile_ci95 by the replicate estimates. `values[t]` is trial t's
/// outcome and trial t belongs to replicate t % replicates. With replicate means m_r over c_r
/// trials and the run's mean m (s.mean), stderr = sqrt(R / (R - 1) * sum c_r^2 (m_r - m)^2) / n,
/// which is sd(m_r) / sqrt(R) when every c_r = n / R. The interval of percentile i is centred on
/// the run's own percentile (s.quantiles[i], from all trials): +- t95 * sd(Q_ri) / sqrt(R), with
/// Q_ri the type-7 percentile of replicate r alone. With n <= R every replicate holds at most one
/// trial, whose uniforms are independent of the others' (a shifted first point is uniform), so
/// the independent-trial estimates already in `s` are kept. Needs replicates >= 2.
void apply_replicate_errors(std::span<const double> values, std::size_t replicates, MetricSummary& s);

}  // namespace tcosim
