#include "sim/metric_summary.hpp"

#include <algorithm>

#include "sim/exact_quantiles.hpp"

namespace tcosim {

namespace {

MetricSummary from_moments(const Moments& m) {
  MetricSummary s;
  s.mean = m.mean;
  s.sd = m.sd();
  s.stderr_mean = m.stderr_of_mean();
  s.min = m.min;
  s.max = m.max;
  return s;
}

}  // namespace

MetricSummary summarize_exact(const Moments& m, std::span<double> values) {
  MetricSummary s = from_moments(m);
  exact_quantiles(values, kQuantileLevels, s.quantiles);
  s.cvar95 = exact_upper_cvar(values, kCvarLevel);
  return s;
}

MetricSummary summarize_sketch(const Moments& m, const QuantileSketch& sketch) {
  MetricSummary s = from_moments(m);
  // Bucket representatives can sit just outside the observed range; the exact extremes are known.
  for (std::size_t i = 0; i < kQuantileLevels.size(); ++i)
    s.quantiles[i] = std::clamp(sketch.quantile(kQuantileLevels[i]), m.min, m.max);
  s.cvar95 = std::clamp(sketch.upper_cvar(kCvarLevel), m.min, m.max);
  return s;
}

}  // namespace tcosim
