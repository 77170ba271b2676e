#pragma once
// The reported statistics of one metric (MODEL.md section 5), from either exact samples or a sketch.
#include <array>
#include <span>

#include "sim/moments.hpp"
#include "sim/quantile_levels.hpp"
#include "sim/quantile_sketch.hpp"

namespace tcosim {

/// mean, sd, stderr, min, max, cvar95 and the percentiles of kQuantileLevels.
struct MetricSummary {
  double mean = 0.0, sd = 0.0, stderr_mean = 0.0, min = 0.0, max = 0.0, cvar95 = 0.0;
  std::array<double, kQuantileLevels.size()> quantiles{};
};

/// Exact order statistics of `values` (reordered in place) plus the chunk-ordered moments.
MetricSummary summarize_exact(const Moments& m, std::span<double> values);
/// Sketch quantiles (clamped into the exact [min, max]) plus the chunk-ordered moments.
MetricSummary summarize_sketch(const Moments& m, const QuantileSketch& sketch);

}  // namespace tcosim
