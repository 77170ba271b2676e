#include "run/summarize.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "run/decision_summary.hpp"
#include "run/finite_outcomes.hpp"
#include "sim/exact_quantiles.hpp"
#include "sim/metric_summary.hpp"
#include "sim/quantile_levels.hpp"
#include "sim/rank_correlation.hpp"
#include "sim/replicate_errors.hpp"
#include "sim/sobol_points.hpp"
#include "util/tsan_edges.hpp"

namespace tcosim {

namespace {

/// True when |value| bounds the half-width to within `rel` of the value.
bool within(double half_width, double value, double rel) { return half_width <= rel * std::fabs(value); }

/// Streaming sobol: stderr and the percentiles' intervals of metric series j (option * metric_count
/// + metric) from its replicates' moments and sketches. A sketch's percentile is within its
/// relative accuracy a of the order statistic, a bound that is not sampling error and that the
/// replicates' spread does not see (every replicate may fall in one bucket): the intervals are
/// widened by it, so a streaming run never claims more precision than its sketches hold.
void apply_sketch_replicates(const RunState& state, const ChunkState& total, std::size_t j, std::uint64_t trials,
                             MetricSummary& summary) {
  const RunShape& shape = state.shape();
  const std::size_t R = shape.replicates;
  std::array<ReplicateEstimate, kSobolReplicates> estimates{};
  if (R > estimates.size()) throw std::logic_error("apply_sketch_replicates: more replicates than a sobol run has");
  for (std::size_t r = 0; r < R; ++r) {
    const Moments& own = total.replicate_metrics[j * R + r];
    const QuantileSketch& sketch = state.sketches()[shape.replicate_sketch(j, r)];
    estimates[r].count = own.n;
    estimates[r].mean = own.mean;
    if (own.n == 0) continue;  // only when the run has at most R trials: the estimates are not used
    for (std::size_t i = 0; i < kQuantileLevels.size(); ++i)
      estimates[r].quantiles[i] = std::clamp(sketch.quantile(kQuantileLevels[i]), own.min, own.max);
  }
  const double a = shape.sketch_accuracy;
  std::array<double, kQuantileLevels.size()> widen{};
  for (std::size_t i = 0; i < widen.size(); ++i) widen[i] = a / (1.0 - a) * std::fabs(summary.quantiles[i]);
  apply_replicate_estimates(std::span(estimates).first(R), trials, widen, summary);
}

/// The summary of option o's metric m: from the stored outcomes (exact) or the sketch. Under
/// sobol sampling the trials are not independent: stderr and the percentiles' intervals come
/// from the spread of the replicates (their stored outcomes, or in streaming mode their own
/// moments and sketches).
MetricSummary summarize_series(const RunState& state, const ChunkState& total, std::size_t o, std::size_t m,
                               std::uint64_t trials, const PercentileCiRanks& ci, Sampling sampling) {
  const RunShape& shape = state.shape();
  const std::size_t k = o * shape.series_per_option() + m;
  const std::size_t j = o * shape.metric_count + m;
  const Moments& moments = total.metrics[j];
  if (!shape.exact) {
    MetricSummary summary = summarize_sketch(moments, state.sketches()[k], ci);
    if (shape.replicates > 0) apply_sketch_replicates(state, total, j, trials, summary);
    return summary;
  }
  const std::span<const double> values(state.stored()[k], trials);
  MetricSummary summary = summarize_exact(moments, values, ci);
  if (sampling == Sampling::Sobol) apply_replicate_errors(values, kSobolReplicates, summary);
  return summary;
}

void summarize_metrics(const RunState& state, const ChunkState& total, std::uint64_t trials, SimulationResult& result) {
  const PercentileCiRanks ci = percentile_ci_ranks(trials);
  const std::size_t mc = state.shape().metric_count;
  ForkJoinEdges edges;
  tbb::parallel_for(std::size_t{0}, state.shape().metric_series(), edges.task([&](std::size_t k) {
    result.options[k / mc].metrics[k % mc] =
        summarize_series(state, total, k / mc, k % mc, trials, ci, result.sampling);
  }));
  edges.join();
}

/// MODEL.md 7.5: P5, P25, P50, P75 and P95 of C_k at every month end, per option.
void summarize_cash_curves(const Scenario& s, const RunState& state, std::uint64_t trials, SimulationResult& result) {
  const RunShape& shape = state.shape();
  const std::size_t months = shape.cash_months;
  if (months == 0) return;
  static constexpr std::array<double, 5> kLevels = {0.05, 0.25, 0.5, 0.75, 0.95};
  for (OptionResult& r : result.options) {
    CashCurve& c = r.cash_curve;
    c.month_end.resize(months);
    for (auto* band : {&c.p5, &c.p25, &c.p50, &c.p75, &c.p95}) band->resize(months);
    for (std::size_t k = 0; k < months; ++k) c.month_end[k] = std::min(static_cast<double>(k + 1), s.horizon_months);
  }
  ForkJoinEdges edges;
  tbb::parallel_for(std::size_t{0}, shape.options * months, edges.task([&](std::size_t i) {
    const std::size_t o = i / months, k = i % months;
    const std::size_t series = o * shape.series_per_option() + shape.metric_count + k;
    std::array<double, kLevels.size()> q{};
    if (shape.exact) {
      exact_quantiles(std::span(state.stored()[series], trials), kLevels, q);
    } else {
      for (std::size_t l = 0; l < kLevels.size(); ++l) q[l] = state.sketches()[series].quantile(kLevels[l]);
    }
    CashCurve& c = result.options[o].cash_curve;
    c.p5[k] = q[0], c.p25[k] = q[1], c.p50[k] = q[2], c.p75[k] = q[3], c.p95[k] = q[4];
  }));
  edges.join();
}

void decision_probabilities(const Scenario& s, const ChunkState& total, std::uint64_t trials,
                            SimulationResult& result) {
  const double n = static_cast<double>(trials);
  for (std::size_t o = 0; o < s.options.size(); ++o) {
    OptionResult& r = result.options[o];
    r.p_best_cost = static_cast<double>(total.best[o]) / n;
    r.p_fastest = static_cast<double>(total.fastest[o]) / n;
    r.p_never_on_sale = static_cast<double>(total.never_on_sale[o]) / n;
    r.mean_regret = total.regret[o].mean;
    if (s.targets.budget) r.p_over_budget = static_cast<double>(total.over_budget[o]) / n;
    if (s.targets.deadline_months) r.p_late = static_cast<double>(total.late[o]) / n;
    if (s.format >= 2) {
      r.p_no_payback = static_cast<double>(total.no_payback[o]) / n;
      if (s.runway) r.p_cash_short = static_cast<double>(total.cash_short[o]) / n;
    }
  }
}

void take_samples(RunState& state, std::uint64_t trials, SimulationResult& result) {
  result.samples.rows = std::min<std::size_t>(state.shape().sample_rows, trials);
  result.samples.width = state.shape().sample_width();
  result.samples.values = std::move(state.samples());
  result.samples.values.resize(result.samples.rows * result.samples.width);
}

}  // namespace

std::vector<std::vector<double>> rank_columns(const Scenario& s, const RunState& state, std::size_t rows) {
  const std::vector<double>& sens = state.sens();
  const std::size_t width = state.shape().sens_width();
  std::vector<std::vector<double>> ranks(width);
  ForkJoinEdges edges;
  tbb::parallel_for(std::size_t{0}, width, edges.task([&](std::size_t c) {
    if (c < s.inputs.size() && s.inputs[c].dist.is_constant()) return;
    std::vector<double> column(rows);
    for (std::size_t t = 0; t < rows; ++t) column[t] = sens[t * width + c];
    ranks[c].resize(rows);
    average_ranks(column, ranks[c]);
  }));
  edges.join();
  return ranks;
}

namespace {

/// Sensitivity on the first trials: rank every column once, correlate per option.
void summarize_sensitivities(const Scenario& s, const std::vector<std::vector<double>>& ranks,
                             SimulationResult& result) {
  const std::size_t n_in = s.inputs.size();
  const std::vector<std::vector<double>> input_ranks(ranks.begin(), ranks.begin() + static_cast<std::ptrdiff_t>(n_in));
  ForkJoinEdges edges;
  tbb::parallel_for(std::size_t{0}, s.options.size(), edges.task([&](std::size_t o) {
    result.options[o].sensitivity_total_cost = sensitivities(s, o, ranks[n_in + 2 * o], input_ranks);
    result.options[o].sensitivity_ttm = sensitivities(s, o, ranks[n_in + 2 * o + 1], input_ranks);
  }));
  edges.join();
}

}  // namespace

void summarize(const Scenario& s, RunState& state, std::uint64_t trials, SimulationResult& result,
               const std::vector<std::pair<std::string, std::string>>& compare) {
  const ChunkState total = state.total();
  check_finite_outcomes(s, state, total);
  result.options.resize(s.options.size());
  summarize_metrics(state, total, trials, result);
  summarize_cash_curves(s, state, trials, result);
  decision_probabilities(s, total, trials, result);
  take_samples(state, trials, result);
  const std::size_t rows = std::min<std::size_t>(state.shape().sens_rows, trials);
  result.sensitivity_trials = rows;
  const std::vector<std::vector<double>> ranks = rank_columns(s, state, rows);
  summarize_sensitivities(s, ranks, result);
  summarize_decision(s, state, total, trials, compare, ranks, result);
}

std::vector<SensitivityEntry> sensitivities(const Scenario& s, std::size_t o, std::span<const double> output_ranks,
                                            const std::vector<std::vector<double>>& input_ranks) {
  std::vector<SensitivityEntry> out;
  const std::string prefix = s.options[o].name + ".";
  for (Slot k = 0; k < s.inputs.size(); ++k) {
    const std::string& path = s.inputs[k].path;
    if (input_ranks[k].empty() || !(path.starts_with("market.") || path.starts_with(prefix))) continue;
    const double r = pearson_correlation(input_ranks[k], output_ranks);
    if (std::isnan(r)) continue;  // constant in the subsample: no information
    out.push_back({k, r, r * r});
  }
  double total = 0.0;
  for (const auto& e : out) total += e.contribution;
  for (auto& e : out) e.contribution = total > 0 ? e.contribution / total : 0.0;
  std::stable_sort(out.begin(), out.end(), [](const SensitivityEntry& a, const SensitivityEntry& b) {
    return std::fabs(a.spearman) > std::fabs(b.spearman);
  });
  return out;
}

bool precise_enough(const RunState& state, std::uint64_t trials, double relative, Sampling sampling) {
  const PercentileCiRanks ci = percentile_ci_ranks(trials);
  const ChunkState total = state.total();
  for (std::size_t o = 0; o < state.shape().options; ++o) {
    // The decision cost: npv_cost in format 2 (the shape has 14 metrics only then).
    const std::size_t m_cost = state.shape().metric_count > kNpvCost ? kNpvCost : kTotalCost;
    const MetricSummary q = summarize_series(state, total, o, m_cost, trials, ci, sampling);
    // Under sobol the mean's half-width is the replicates' t interval, like the percentiles'.
    const double z = sampling == Sampling::Sobol ? replicate_t95(kSobolReplicates) : kZ95;
    if (!within(z * q.stderr_mean, q.mean, relative)) return false;
    for (std::size_t i : {kP50Index, kP95Index}) {
      const double half = 0.5 * (q.quantile_ci95[i][1] - q.quantile_ci95[i][0]);
      if (!within(half, q.quantiles[i], relative)) return false;
    }
  }
  return true;
}

}  // namespace tcosim
