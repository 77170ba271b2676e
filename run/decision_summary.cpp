#include "run/decision_summary.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

#include "sim/exact_quantiles.hpp"
#include "sim/rank_correlation.hpp"
#include "util/tsan_edges.hpp"

namespace tcosim {

namespace {

/// Drivers kept per paired difference.
constexpr std::size_t kMaxDrivers = 10;

/// The option with the lowest mean decision cost, ties to the lower index.
std::size_t lowest_mean(const Scenario& s, const SimulationResult& r, std::size_t skip = kNoSlot) {
  std::size_t best = skip == 0 ? 1 : 0;
  for (std::size_t o = 0; o < r.options.size(); ++o) {
    if (o == skip) continue;
    if (r.options[o].metrics[s.decision_metric()].mean < r.options[best].metrics[s.decision_metric()].mean) best = o;
  }
  return best;
}

std::size_t option_index(const Scenario& s, const std::string& name) {
  for (std::size_t o = 0; o < s.options.size(); ++o)
    if (s.options[o].name == name) return o;
  throw std::logic_error("--compare names an unknown option: " + name);
}

/// Median of `values` (type-7 interpolation), reordering a copy.
double median(std::vector<double> values) {
  if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
  std::array<double, 1> q{};
  static constexpr std::array<double, 1> kHalf = {0.5};
  exact_quantiles(values, kHalf, q);
  return q[0];
}

/// The EVPPI bins of the first `rows` trials (the sensitivity subsample), as the kernels kept
/// them (RunState::sens_bins, a row per trial), input by input: input j's are [j * rows, (j + 1) * rows).
std::vector<std::uint8_t> subsample_bins(const RunState& state, std::size_t rows) {
  const std::size_t width = state.shape().sens_bin_width();
  std::vector<std::uint8_t> bins(width * rows);
  for (std::size_t t = 0; t < rows; ++t)
    for (std::size_t j = 0; j < width; ++j) bins[j * rows + t] = state.sens_bins()[t * width + j];
  return bins;
}

void value_of_information(const Scenario& s, const RunState& state, const ChunkState& total, std::uint64_t trials,
                          SimulationResult& result) {
  ValueOfInformation& v = result.value_of_information;
  v.choice = lowest_mean(s, result);
  v.evpi = total.regret[v.choice].mean;
  v.evpi_stderr = total.regret[v.choice].stderr_of_mean();
  const AnalyticsShape& a = state.shape().analytics;
  v.evppi.clear();
  // The standard errors' per-bin variances, from the sensitivity subsample.
  const std::size_t rows = std::min<std::size_t>(state.shape().sens_rows, trials);
  const std::vector<std::uint8_t> bins = subsample_bins(state, rows);
  const std::size_t width = state.shape().sens_width(), n_in = state.shape().inputs;
  std::vector<double> costs(rows * a.options);
  for (std::size_t t = 0; t < rows; ++t)
    for (std::size_t o = 0; o < a.options; ++o) costs[t * a.options + o] = state.sens()[t * width + n_in + 2 * o];
  v.evppi.resize(a.binned.size());
  ForkJoinEdges edges;
  tbb::parallel_for(std::size_t{0}, a.binned.size(), edges.task([&](std::size_t j) {
    const BinVariances var = BinVariances::of(bins.data() + j * rows, costs.data(), a.options, rows, a.options);
    v.evppi[j] = {a.binned[j], total.binned.evppi(j, var)};
  }));
  edges.join();
  std::stable_sort(v.evppi.begin(), v.evppi.end(), [](const InputInformation& x, const InputInformation& y) {
    return x.estimate.value > y.estimate.value;
  });
}

/// P50 and P95 of each option's cost in each stress decile, from the stored outcomes and the
/// stress marks (exact mode): quantiles[(c * options + o) * 2 + {0, 1}] for decile c = 2 j + high.
/// Type-7 order statistics like every exact quantile (NaN for an empty decile). Option by
/// option, one sequential pass over its stored costs and the marks sorts the costs into the
/// deciles' lists: reading each decile's trials from the stored series instead would touch a
/// new cache line per trial, 2 x stress inputs x options times over.
std::vector<double> marked_quantiles(const Scenario& s, const RunState& state, std::uint64_t trials) {
  const RunShape& shape = state.shape();
  const std::size_t deciles = 2 * shape.analytics.stress.size(), options = shape.analytics.options;
  std::vector<double> out(deciles * options * 2, std::numeric_limits<double>::quiet_NaN());
  const StressMark* marks = state.stress_marks();
  if (marks == nullptr) return out;
  if (shape.analytics.stress.size() > kStressInputs)
    throw std::logic_error("marked_quantiles: more stress inputs than a stress mark holds");
  // Each decile's size first (the same for every option); then every trial's cost is stored at
  // each decile's next place, which moves on only for the deciles its mark names: no branch on
  // the marks, whose bits are as random as the inputs (one spare place at each list's end).
  std::array<std::size_t, 8 * sizeof(StressMark)> size{};
  for (std::size_t c = 0; c < deciles; ++c) {
    std::size_t n = 0;  // a loop over the marks alone, which vectorises
    for (std::uint64_t t = 0; t < trials; ++t) n += (marks[t] >> c) & 1u;
    size[c] = n;
  }
  std::vector<std::vector<double>> costs(deciles);
  for (std::size_t c = 0; c < deciles; ++c) costs[c].resize(size[c] + 1);
  static constexpr std::array<double, 2> kLevels = {0.5, 0.95};
  for (std::size_t o = 0; o < options; ++o) {
    const double* values = state.stored()[o * shape.series_per_option() + s.decision_metric()];
    std::array<double*, 8 * sizeof(StressMark)> next{};
    for (std::size_t c = 0; c < deciles; ++c) next[c] = costs[c].data();
    for (std::uint64_t t = 0; t < trials; ++t)
      for (std::size_t c = 0; c < deciles; ++c) {
        *next[c] = values[t];
        next[c] += (marks[t] >> c) & 1u;
      }
    for (std::size_t c = 0; c < deciles; ++c)
      if (size[c] > 0)
        exact_quantiles(std::span(costs[c]).first(size[c]), kLevels, std::span(out).subspan((c * options + o) * 2, 2));
  }
  return out;
}

void stress_cases(const Scenario& s, const RunState& state, const ChunkState& total, std::uint64_t trials,
                  SimulationResult& result) {
  const RunShape& shape = state.shape();
  const AnalyticsShape& a = shape.analytics;
  const BinnedOutcomes& bins = total.binned;
  // Stress inputs in the order of their EVPPI (result.value_of_information, highest first).
  std::vector<std::size_t> order;
  for (const InputInformation& e : result.value_of_information.evppi)
    for (std::size_t j = 0; j < a.stress.size(); ++j)
      if (a.binned[a.stress[j]] == e.input) order.push_back(j);
  result.stress.clear();
  const std::vector<double> marked = a.stress_sketches ? std::vector<double>{} : marked_quantiles(s, state, trials);
  for (std::size_t j : order) {
    const std::size_t jj = a.stress[j];
    for (std::size_t high = 0; high < 2; ++high) {
      StressCase c;
      c.input = a.binned[jj];
      c.high = high == 1;
      const std::array<std::size_t, 2> decile =
          high ? std::array<std::size_t, 2>{kValueBins - 2, kValueBins - 1} : std::array<std::size_t, 2>{0, 1};
      double n = 0.0;
      for (std::size_t b : decile) n += bins.count(jj, b);
      c.options.resize(a.options);
      for (std::size_t o = 0; o < a.options; ++o) {
        StressOption& so = c.options[o];
        double sum = 0.0;
        for (std::size_t b : decile) sum += bins.sum(jj, b, o);
        so.mean = n > 0 ? sum / n : std::numeric_limits<double>::quiet_NaN();
        so.p_best_cost = n > 0 ? static_cast<double>(total.stress_wins[(j * 2 + high) * a.options + o]) / n : 0.0;
        if (a.stress_sketches) {
          const QuantileSketch& sk = state.sketches()[shape.series_sketches() + a.stress_sketch(j, high, o)];
          so.p50 = sk.quantile(0.5);
          so.p95 = sk.quantile(0.95);
        } else if (state.stress_marks() != nullptr) {
          so.p50 = marked[((j * 2 + high) * a.options + o) * 2];
          so.p95 = marked[((j * 2 + high) * a.options + o) * 2 + 1];
        } else {
          // Neither sketches nor marks (a hand-made streaming shape): no quantiles to give.
          so.p50 = so.p95 = std::numeric_limits<double>::quiet_NaN();
        }
        if (so.mean < c.options[c.choice].mean) c.choice = o;
      }
      c.flips = c.choice != result.value_of_information.choice;
      result.stress.push_back(std::move(c));
    }
  }
}

}  // namespace

std::vector<DifferenceDriver> difference_drivers(const Scenario& s, std::size_t a, std::size_t b,
                                                 std::span<const double> inputs, std::size_t width,
                                                 std::span<const double> diff,
                                                 const std::vector<std::vector<double>>& ranks) {
  std::vector<DifferenceDriver> out;
  const std::size_t rows = diff.size();
  if (rows < 2) return out;
  std::vector<double> diff_ranks(rows);
  average_ranks(diff, diff_ranks);
  for (Slot k = 0; k < s.inputs.size(); ++k) {
    if (ranks[k].empty()) continue;
    bool other_option = false;
    for (std::size_t o = 0; o < s.options.size(); ++o)
      other_option |= o != a && o != b && s.inputs[k].path.starts_with(s.options[o].name + ".");
    if (other_option) continue;
    const double r = pearson_correlation(ranks[k], diff_ranks);
    if (!std::isnan(r)) out.push_back({k, r, 0.0, 0.0});
  }
  std::stable_sort(out.begin(), out.end(), [](const DifferenceDriver& x, const DifferenceDriver& y) {
    return std::fabs(x.spearman) > std::fabs(y.spearman);
  });
  if (out.size() > kMaxDrivers) out.resize(kMaxDrivers);
  for (DifferenceDriver& d : out) {
    // The input's deciles on the subsample: values <= its P10 and >= its P90; an input whose
    // P10 and P90 tie (a rare event) splits into that value and the values above it.
    std::vector<double> x(rows);
    for (std::size_t t = 0; t < rows; ++t) x[t] = inputs[t * width + d.input];
    std::array<double, 2> q{};
    static constexpr std::array<double, 2> kDeciles = {0.1, 0.9};
    exact_quantiles(x, kDeciles, q);
    std::vector<double> low, high;
    for (std::size_t t = 0; t < rows; ++t) {
      if (x[t] <= q[0]) low.push_back(diff[t]);
      if (q[1] > q[0] ? x[t] >= q[1] : x[t] > q[0]) high.push_back(diff[t]);
    }
    d.low_median = median(std::move(low));
    d.high_median = median(std::move(high));
  }
  return out;
}

PairedDifference paired_difference(const Scenario& s, const RunState& state, const ChunkState& total,
                                   std::uint64_t trials, std::size_t a, std::size_t b,
                                   const std::vector<std::vector<double>>& sens_ranks) {
  const RunShape& shape = state.shape();
  PairedDifference p;
  p.a = a;
  p.b = b;
  p.p_a_cheaper = static_cast<double>(total.cheaper[a * shape.options + b]) / static_cast<double>(trials);
  // The subsample's differences: the drivers, and the quantiles when nothing better is kept.
  const std::size_t rows = std::min<std::size_t>(shape.sens_rows, trials);
  const std::size_t n_in = shape.inputs, width = shape.sens_width();
  std::vector<double> sub(rows);
  for (std::size_t t = 0; t < rows; ++t)
    sub[t] = state.sens()[t * width + n_in + 2 * a] - state.sens()[t * width + n_in + 2 * b];
  p.drivers = difference_drivers(s, a, b, std::span(state.sens()).first(rows * width), width, sub, sens_ranks);
  const PercentileCiRanks ci = percentile_ci_ranks(trials);
  const std::size_t cost = s.decision_metric();
  // Moments over every trial, merged in chunk order like every metric's; cost_b - cost_a's are
  // those of cost_a - cost_b mirrored.
  Moments m = total.pair_diff[shape.analytics.pair_index(std::min(a, b), std::max(a, b))];
  if (a > b) m.mean = -m.mean, std::swap(m.min, m.max), m.min = -m.min, m.max = -m.max;
  if (shape.exact) {
    // Read as differences of the stored costs: no array of a million differences to map.
    const std::span<const double> ca(state.stored()[a * shape.series_per_option() + cost], trials);
    const std::span<const double> cb(state.stored()[b * shape.series_per_option() + cost], trials);
    p.difference = summarize_exact(m, Differences{ca, cb}, ci);
    p.quantile_source = "exact";
  } else if (shape.analytics.pair_sketches) {
    const QuantileSketch& sk =
        state.sketches()[shape.series_sketches() + shape.analytics.pair_index(std::min(a, b), std::max(a, b))];
    p.difference = summarize_sketch(m, a < b ? sk : sk.negated(), ci);
    p.quantile_source = "ddsketch";
  } else {
    // Too many options for pair sketches: the quantiles of the subsample, the moments of
    // every trial.
    p.difference = summarize_exact(m, sub, percentile_ci_ranks(rows));
    p.quantile_source = "subsample";
  }
  return p;
}

void summarize_decision(const Scenario& s, const RunState& state, const ChunkState& total, std::uint64_t trials,
                        const std::vector<std::pair<std::string, std::string>>& compare,
                        const std::vector<std::vector<double>>& ranks, SimulationResult& result) {
  result.paired_difference.clear();
  result.stress.clear();
  result.value_of_information = {};
  if (s.options.size() < 2 || trials == 0) return;
  value_of_information(s, state, total, trials, result);
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  const std::size_t first = result.value_of_information.choice;
  pairs.emplace_back(first, lowest_mean(s, result, first));
  for (const auto& [x, y] : compare) pairs.emplace_back(option_index(s, x), option_index(s, y));
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    // Not a structured binding: clang 14 (the TSan build) cannot capture one in a lambda.
    const std::size_t a = pairs[i].first, b = pairs[i].second;
    auto& kept = result.paired_difference;
    const auto same =
        std::find_if(kept.begin(), kept.end(), [&](const PairedDifference& p) { return p.a == a && p.b == b; });
    if (same != kept.end()) {
      same->named = true;
      continue;
    }
    PairedDifference p = paired_difference(s, state, total, trials, a, b, ranks);
    p.named = i > 0;
    kept.push_back(std::move(p));
  }
  stress_cases(s, state, total, trials, result);
}

}  // namespace tcosim
