#include "sim/metric_summary.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

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

double curve_level(std::size_t i) { return static_cast<double>(i) / static_cast<double>(kCurvePoints - 1); }

template <class Values>
MetricSummary summarize_selected(const Moments& m, const Values& values, const PercentileCiRanks& ci) {
  MetricSummary s = from_moments(m);
  const std::size_t n = values.size();
  if (n == 0) return s;
  std::vector<std::size_t> ranks;
  for (double q : kQuantileLevels) type7_ranks(n, q, ranks);
  for (std::size_t i = 0; i < kCurvePoints; ++i) type7_ranks(n, curve_level(i), ranks);
  for (const RankInterval& r : ci) {
    ranks.push_back(r.lo);
    ranks.push_back(r.hi);
  }
  const std::size_t upper_from = upper_cvar_ranks(n, kCvarLevel, ranks);
  const RankSelection sel = select_ranks(values, std::move(ranks), upper_from);
  for (std::size_t i = 0; i < kQuantileLevels.size(); ++i) {
    s.quantiles[i] = type7_from_selected(sel, n, kQuantileLevels[i]);
    s.quantile_ci95[i] = {sel.at(ci[i].lo), sel.at(ci[i].hi)};
  }
  for (std::size_t i = 0; i < kCurvePoints; ++i) s.curve[i] = type7_from_selected(sel, n, curve_level(i));
  s.cvar95 = upper_cvar_from_selected(sel, n, kCvarLevel);
  return s;
}

}  // namespace

PercentileCiRanks percentile_ci_ranks(std::uint64_t n) {
  PercentileCiRanks ci{};
  for (std::size_t i = 0; i < kQuantileLevels.size(); ++i) ci[i] = quantile_ci_ranks(n, kQuantileLevels[i]);
  return ci;
}

MetricSummary summarize_exact(const Moments& m, std::span<const double> values, const PercentileCiRanks& ci) {
  return summarize_selected(m, values, ci);
}

MetricSummary summarize_exact(const Moments& m, const Differences& values, const PercentileCiRanks& ci) {
  return summarize_selected(m, values, ci);
}

MetricSummary summarize_sketch(const Moments& m, const QuantileSketch& sketch, const PercentileCiRanks& ci) {
  MetricSummary s = from_moments(m);
  const double last = m.n > 1 ? static_cast<double>(m.n - 1) : 1.0;
  // Bucket representatives can sit just outside the observed range; the exact extremes are known.
  auto at = [&](double q) { return std::clamp(sketch.quantile(q), m.min, m.max); };
  for (std::size_t i = 0; i < kQuantileLevels.size(); ++i) {
    s.quantiles[i] = at(kQuantileLevels[i]);
    s.quantile_ci95[i] = {at(static_cast<double>(ci[i].lo) / last), at(static_cast<double>(ci[i].hi) / last)};
  }
  for (std::size_t i = 0; i < kCurvePoints; ++i) s.curve[i] = at(curve_level(i));
  s.curve.front() = m.min;
  s.curve.back() = m.max;
  s.cvar95 = std::clamp(sketch.upper_cvar(kCvarLevel), m.min, m.max);
  return s;
}

std::string MetricSummary::to_string() const {
  return fmt::format("MetricSummary{{mean={}, sd={}, min={}, p50={}, p95={}, max={}, cvar95={}}}", mean, sd, min,
                     quantiles[kP50Index], quantiles[kP95Index], max, cvar95);
}

}  // namespace tcosim
