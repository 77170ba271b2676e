#pragma once
// The reported statistics of one metric (MODEL.md section 5), from either exact samples or a sketch.
#include <array>
#include <span>
#include <string>

#include "sim/moments.hpp"
#include "sim/order_statistics.hpp"
#include "sim/quantile_levels.hpp"
#include "sim/quantile_sketch.hpp"

namespace tcosim {

/// Levels of the fine quantile curve kept for charts (CDFs): 0, 0.01, ..., 1.
inline constexpr std::size_t kCurvePoints = 101;

/// mean, sd, stderr, min, max, cvar95, the percentiles of kQuantileLevels with their
/// distribution-free 95 % confidence intervals, and a 101-point quantile curve for charts.
struct MetricSummary {
  double mean = 0.0, sd = 0.0, stderr_mean = 0.0, min = 0.0, max = 0.0, cvar95 = 0.0;
  std::array<double, kQuantileLevels.size()> quantiles{};
  /// [lo, hi] per level: order statistics bracketing the quantile with >= 95 % coverage.
  std::array<std::array<double, 2>, kQuantileLevels.size()> quantile_ci95{};
  /// Quantiles at level i / 100 for i = 0..100 (0 is the min, 100 the max).
  std::array<double, kCurvePoints> curve{};
  /// Mean, sd, the range, p50, p95 and cvar95.
  std::string to_string() const;
};

/// Ranks of the 95 % intervals of every kQuantileLevels percentile for n values; the same for
/// every metric of a run, so computed once.
using PercentileCiRanks = std::array<RankInterval, kQuantileLevels.size()>;
PercentileCiRanks percentile_ci_ranks(std::uint64_t n);

/// Exact order statistics of `values` (left as they are) plus the chunk-ordered moments.
MetricSummary summarize_exact(const Moments& m, std::span<const double> values, const PercentileCiRanks& ci);
/// The same of a paired difference, computed where read (the same numbers as of it stored).
MetricSummary summarize_exact(const Moments& m, const Differences& values, const PercentileCiRanks& ci);
/// Sketch quantiles (clamped into the exact [min, max]) plus the chunk-ordered moments.
MetricSummary summarize_sketch(const Moments& m, const QuantileSketch& sketch, const PercentileCiRanks& ci);

}  // namespace tcosim
