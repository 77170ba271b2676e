// The chunk kernel (models/chunk_kernel.hpp) computes, a column batch at a time, exactly what
// sample_inputs, evaluate_option and decide give trial by trial: its ChunkState, its exact
// sinks, its streaming sketches and its sample and sensitivity rows.
#include <algorithm>
#include <array>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

#include "models/chunk_kernel.hpp"
#include "models/trial.hpp"
#include "models/trial_decision.hpp"
#include "sim/distribution.hpp"
#include "sim/philox_batch.hpp"
#include "sim/sobol_points.hpp"
#include "support/printable.hpp"
#include "support/scenario_fixtures.hpp"

using namespace tcosim;

namespace {

// Random market and costs, a correlated pair, a delay and a risk, and both targets, so every
// counter of a ChunkState moves.
const char* kKernelScenario = R"(
tcosim: 1
name: kernel
horizon_months: 10
market: {demand_units: {dist: pert, min: 1000, mode: 3000, max: 8000}, unit_margin: {dist: uniform, min: 5, max: 15}}
options:
  - name: a
    model: oem
    tooling_cost: {dist: triangular, min: 5000, mode: 8000, max: 20000}
    unit_cost: {dist: normal, mean: 10, sd: 1, min: 0}
    moq: 1000
    development_months: {dist: uniform, min: 2, max: 8}
    production_months: 2
    delays: [{name: rework, probability: 0.3, months: {dist: uniform, min: 1, max: 4}}]
  - name: b
    model: odm
    unit_cost: {dist: lognormal, median: 12, p90: 15}
    moq: 500
    production_months: {dist: uniform, min: 1, max: 11}
    risks: [{name: recall, probability: 0.1, cost: 20000}]
correlations:
  - [a.unit_cost, b.unit_cost, 0.6]
targets: {budget: 60000, deadline_months: 7}
)";

constexpr std::uint64_t kSeed = 11;

/// Trials [first, last) evaluated one by one: every series' values and the state they give.
struct TrialByTrial {
  std::vector<std::vector<double>> series;  ///< [option * kFormat1MetricCount + metric][trial - first]
  std::vector<std::vector<double>> inputs;  ///< [trial - first][input]
  ChunkState state;
};

TrialByTrial trial_by_trial(const Scenario& s, Sampling sampling, std::uint64_t first, std::uint64_t last) {
  const std::size_t n_opt = s.options.size();
  const auto n = static_cast<std::size_t>(last - first);
  TrialByTrial r;
  r.series.assign(n_opt * kFormat1MetricCount, std::vector<double>(n));
  std::vector<std::vector<double>> regret(n_opt, std::vector<double>(n));
  r.state.reset(n_opt, kFormat1MetricCount);
  for (std::uint64_t trial = first; trial < last; ++trial) {
    const std::size_t t = trial - first;
    std::vector<double> x(s.inputs.size());
    sample_inputs(s, kSeed, trial, x, sampling);
    std::vector<OptionOutcome> out;
    for (const OptionSpec& o : s.options) out.push_back(evaluate_option(s, o, x));
    const TrialDecision d = decide(out);
    ++r.state.best[d.best];
    ++r.state.fastest[d.fastest];
    for (std::size_t o = 0; o < n_opt; ++o) {
      for (std::size_t m = 0; m < kFormat1MetricCount; ++m) r.series[o * kFormat1MetricCount + m][t] = out[o][m];
      regret[o][t] = out[o][kTotalCost] - d.lowest_cost;
      r.state.never_on_sale[o] += out[o][kTtmMonths] >= s.horizon_months ? 1 : 0;
      r.state.over_budget[o] += out[o][kTotalCost] > *s.targets.budget ? 1 : 0;
      r.state.late[o] += out[o][kTtmMonths] > *s.targets.deadline_months ? 1 : 0;
    }
    r.inputs.push_back(std::move(x));
  }
  // The kernel takes a chunk's moments a column at a time (Moments::of), so the same here.
  for (std::size_t k = 0; k < r.series.size(); ++k) r.state.metrics[k] = Moments::of(r.series[k].data(), n);
  for (std::size_t o = 0; o < n_opt; ++o) r.state.regret[o] = Moments::of(regret[o].data(), n);
  return r;
}

void check_same_moments(const std::vector<Moments>& got, const std::vector<Moments>& want) {
  REQUIRE(got.size() == want.size());
  for (std::size_t k = 0; k < got.size(); ++k) {
    INFO("series " << k);
    CHECK(got[k].n == want[k].n);
    CHECK(got[k].mean == want[k].mean);
    CHECK(got[k].m2 == want[k].m2);
    CHECK(got[k].min == want[k].min);
    CHECK(got[k].max == want[k].max);
  }
}

void check_same_state(const ChunkState& got, const ChunkState& want) {
  check_same_moments(got.metrics, want.metrics);
  check_same_moments(got.regret, want.regret);
  CHECK(got.best == want.best);
  CHECK(got.fastest == want.fastest);
  CHECK(got.never_on_sale == want.never_on_sale);
  CHECK(got.over_budget == want.over_budget);
  CHECK(got.late == want.late);
}

ChunkSinks targets_only(const Scenario& s) {
  ChunkSinks sinks;
  sinks.budget = *s.targets.budget;
  sinks.deadline = *s.targets.deadline_months;
  return sinks;
}

}  // namespace

TEST_CASE("the kernel's chunk state is what trial-by-trial evaluation and decide give") {
  const Scenario s = test::parse_or_fail(kKernelScenario);
  const Sampling sampling = GENERATE(Sampling::Random, Sampling::Lhs, Sampling::Sobol);
  // A whole chunk, and a short last chunk that starts on a chunk boundary.
  const auto [first, last] =
      GENERATE(std::pair<std::uint64_t, std::uint64_t>{kChunkTrials, 2 * kChunkTrials},
               std::pair<std::uint64_t, std::uint64_t>{2 * kChunkTrials, 2 * kChunkTrials + 300});
  INFO(fmt::format("{}, trials [{}, {})", sampling, first, last));
  ChunkKernel kernel(s, kSeed, sampling, true, 0.01);
  ChunkState st;
  kernel.run(first, last, targets_only(s), st);
  const TrialByTrial want = trial_by_trial(s, sampling, first, last);
  check_same_state(st, want.state);
  // Every counter moved somewhere, so the comparison above is not of zeros.
  CHECK(st.over_budget[0] + st.over_budget[1] > 0);
  CHECK(st.late[0] + st.late[1] > 0);
  CHECK(st.never_on_sale[0] + st.never_on_sale[1] > 0);
  CHECK(st.best[0] > 0);
  CHECK(st.best[1] > 0);
}

TEST_CASE("exact sinks hold every series by trial, the sample and sensitivity rows the first trials") {
  const Scenario s = test::parse_or_fail(kKernelScenario);
  const std::uint64_t n = 1000;
  const std::size_t n_in = s.inputs.size(), n_opt = s.options.size(), series = n_opt * kFormat1MetricCount;
  std::vector<std::vector<double>> stored(series, std::vector<double>(n));
  std::vector<double*> stored_ptrs;
  for (auto& v : stored) stored_ptrs.push_back(v.data());
  ChunkSinks sinks = targets_only(s);
  sinks.stored = stored_ptrs;
  sinks.sample_rows = 10;
  sinks.sample_width = n_in + series;
  std::vector<double> samples(sinks.sample_rows * sinks.sample_width);
  sinks.samples = samples.data();
  sinks.sens_rows = 20;
  sinks.sens_width = n_in + 2 * n_opt;
  std::vector<double> sens(sinks.sens_rows * sinks.sens_width);
  sinks.sens = sens.data();

  ChunkKernel kernel(s, kSeed, Sampling::Random, false, 0.01);
  ChunkState st;
  kernel.run(0, n, sinks, st);
  CHECK(kernel.sketches().empty());
  const TrialByTrial want = trial_by_trial(s, Sampling::Random, 0, n);
  check_same_state(st, want.state);
  for (std::size_t k = 0; k < series; ++k) CHECK(stored[k] == want.series[k]);
  for (std::size_t t = 0; t < sinks.sample_rows; ++t) {
    const double* row = &samples[t * sinks.sample_width];
    for (std::size_t k = 0; k < n_in; ++k) CHECK(row[k] == want.inputs[t][k]);
    for (std::size_t k = 0; k < series; ++k) CHECK(row[n_in + k] == want.series[k][t]);
  }
  for (std::size_t t = 0; t < sinks.sens_rows; ++t) {
    const double* row = &sens[t * sinks.sens_width];
    for (std::size_t k = 0; k < n_in; ++k) CHECK(row[k] == want.inputs[t][k]);
    for (std::size_t o = 0; o < n_opt; ++o) {
      CHECK(row[n_in + 2 * o] == want.series[o * kFormat1MetricCount + kTotalCost][t]);
      CHECK(row[n_in + 2 * o + 1] == want.series[o * kFormat1MetricCount + kTtmMonths][t]);
    }
  }
}

TEST_CASE("streaming sketches hold what the exact sinks would, bucket for bucket") {
  const Scenario s = test::parse_or_fail(kKernelScenario);
  const double accuracy = 0.01;
  ChunkKernel kernel(s, kSeed, Sampling::Random, true, accuracy);
  ChunkState st;
  // Two chunks into the same kernel: its sketches accumulate across runs.
  kernel.run(0, kChunkTrials, targets_only(s), st);
  kernel.run(kChunkTrials, kChunkTrials + 500, targets_only(s), st);
  const TrialByTrial want = trial_by_trial(s, Sampling::Random, 0, kChunkTrials + 500);
  REQUIRE(kernel.sketches().size() == want.series.size());
  for (std::size_t k = 0; k < want.series.size(); ++k) {
    QuantileSketch ref(accuracy);
    for (double v : want.series[k]) ref.add(v);
    const QuantileSketch& got = kernel.sketches()[k];
    INFO("series " << k);
    CHECK(got.count() == kChunkTrials + 500);
    for (double q : {0.0, 0.05, 0.5, 0.95, 1.0}) CHECK(got.quantile(q) == ref.quantile(q));
  }
}

TEST_CASE("streaming sobol keeps each metric's trials t mod 16 apart: moments and sketches per replicate") {
  const Scenario s = test::parse_or_fail(kKernelScenario);
  const double accuracy = 0.01;
  ChunkKernel kernel(s, kSeed, Sampling::Sobol, true, accuracy);
  ChunkState st;
  // A chunk, then a ragged one that starts off a multiple of 16 (a kernel may be handed any range).
  const std::uint64_t end = 2 * kChunkTrials + 37;
  kernel.run(0, kChunkTrials, targets_only(s), st);
  ChunkState later;
  kernel.run(kChunkTrials + 5, end, targets_only(s), later);
  const TrialByTrial want = trial_by_trial(s, Sampling::Sobol, 0, end);
  const std::size_t mc = s.metric_count(), series = want.series.size();
  REQUIRE(kernel.sketches().size() == series + kSobolReplicates * s.options.size() * mc);
  REQUIRE(st.replicate_metrics.size() == kSobolReplicates * s.options.size() * mc);
  for (std::size_t k : {std::size_t{kTotalCost}, mc + kTtmMonths}) {
    for (std::uint64_t r : {0u, 5u, 15u}) {
      INFO("metric series " << k << ", replicate " << r);
      QuantileSketch ref(accuracy);
      Moments first;
      for (std::uint64_t t = 0; t < end; ++t) {
        if (t % kSobolReplicates != r || (t >= kChunkTrials && t < kChunkTrials + 5)) continue;
        ref.add(want.series[k][t]);
        if (t < kChunkTrials) first.add(want.series[k][t]);
      }
      const QuantileSketch& got = kernel.sketches()[series + k * kSobolReplicates + r];
      CHECK(got.count() == ref.count());
      for (double q : {0.0, 0.5, 0.95, 1.0}) CHECK(got.quantile(q) == ref.quantile(q));
      const Moments& own = st.replicate_metrics[k * kSobolReplicates + r];
      CHECK(own.n == kChunkTrials / kSobolReplicates);
      CHECK(own.mean == Approx(first.mean).epsilon(1e-12));
      CHECK(own.min == first.min);
      CHECK(own.max == first.max);
      // The ragged range [4,101, 8,229): its own replicate moments, counted from trial 4,101.
      Moments ragged;
      for (std::uint64_t t = kChunkTrials + 5; t < end; ++t)
        if (t % kSobolReplicates == r) ragged.add(want.series[k][t]);
      const Moments& got_ragged = later.replicate_metrics[k * kSobolReplicates + r];
      CHECK(got_ragged.n == ragged.n);
      CHECK(got_ragged.mean == Approx(ragged.mean).epsilon(1e-12));
      CHECK(got_ragged.max == ragged.max);
    }
  }
  // Random sampling and exact sobol keep none.
  CHECK(ChunkKernel(s, kSeed, Sampling::Random, true, accuracy).sketches().size() == series);
  ChunkKernel exact(s, kSeed, Sampling::Sobol, false, accuracy);
  CHECK(exact.sketches().empty());
}

namespace {

/// The EVPPI bin of every input of trials [0, n), computed here from the Philox uniforms and,
/// for correlated inputs, the copula written out (MODEL.md): z = Phi^-1(u), z' = L z, u' = Phi(z').
std::vector<std::vector<std::uint8_t>> bins_by_hand(const Scenario& s, std::uint64_t n) {
  const std::size_t n_in = s.inputs.size();
  std::vector<std::vector<double>> u(n_in, std::vector<double>(n));
  for (std::size_t k = 0; k < n_in; ++k) input_uniforms(kSeed, 0, s.inputs[k].id, n, u[k].data());
  const CorrelationSpec& c = s.correlation;
  const std::size_t m = c.slots.size();
  std::vector<std::vector<double>> corr(m, std::vector<double>(n));
  for (std::size_t t = 0; t < n; ++t)
    for (std::size_t i = 0; i < m; ++i) {
      double z = 0.0;
      for (std::size_t q = 0; q <= i; ++q) z += c.cholesky[i * m + q] * standard_normal_quantile(u[c.slots[q]][t]);
      corr[i][t] = 0.5 * std::erfc(-z / std::sqrt(2.0));
    }
  for (std::size_t i = 0; i < m; ++i) u[c.slots[i]] = corr[i];
  std::vector<std::vector<std::uint8_t>> bins(n_in, std::vector<std::uint8_t>(n));
  for (std::size_t k = 0; k < n_in; ++k)
    for (std::size_t t = 0; t < n; ++t) bins[k][t] = value_bin(u[k][t]);
  return bins;
}

/// The analytics shape of kKernelScenario with inputs 0 and 2 as the stress inputs.
AnalyticsShape stressed_shape(const Scenario& s, bool streaming) {
  AnalyticsShape shape = AnalyticsShape::of(s, streaming);
  shape.stress = {0, 2};
  return shape;
}

/// A kernel of kKernelScenario with that shape, for trials [0, n): a chunk and part of the next.
struct StressedKernel {
  explicit StressedKernel(bool streaming)
      : s(test::parse_or_fail(kKernelScenario)),
        shape(stressed_shape(s, streaming)),
        kernel(s, kSeed, Sampling::Random, streaming, 0.01, shape) {}
  Scenario s;
  AnalyticsShape shape;
  ChunkKernel kernel;
  std::uint64_t n = kChunkTrials + 500;
};

/// Trials [0, n) in a whole chunk and a partial one, their states merged.
ChunkState two_chunks(ChunkKernel& kernel, const ChunkSinks& sinks, std::uint64_t n) {
  ChunkState st, later;
  kernel.run(0, kChunkTrials, sinks, st);
  kernel.run(kChunkTrials, n, sinks, later);
  st.merge(later);
  return st;
}

}  // namespace

TEST_CASE("decision analytics: bins, pair counts and sketches equal a direct computation on the trials",
          "[analytics]") {
  StressedKernel k(true);
  const Scenario& s = k.s;
  const AnalyticsShape& shape = k.shape;
  const std::uint64_t n = k.n;
  ChunkKernel& kernel = k.kernel;
  REQUIRE(shape.pair_sketches);
  const ChunkState st = two_chunks(kernel, targets_only(s), n);
  const TrialByTrial want = trial_by_trial(s, Sampling::Random, 0, n);
  const auto bins = bins_by_hand(s, n);
  const std::size_t n_opt = s.options.size();
  const auto cost = [&](std::size_t o, std::size_t t) { return want.series[o * kFormat1MetricCount + kTotalCost][t]; };
  const auto best_of = [&](std::size_t t) { return cost(0, t) <= cost(1, t) ? std::size_t{0} : std::size_t{1}; };
  REQUIRE(n_opt == 2);
  for (std::size_t a = 0; a < n_opt; ++a)
    for (std::size_t b = 0; b < n_opt; ++b) {
      std::uint64_t cheaper = 0;
      for (std::size_t t = 0; t < n; ++t) cheaper += cost(a, t) < cost(b, t) ? 1 : 0;
      CHECK(st.cheaper[a * n_opt + b] == cheaper);
    }
  REQUIRE(st.binned.inputs() == shape.binned.size());
  for (std::size_t j = 0; j < shape.binned.size(); ++j) {
    const Slot k = shape.binned[j];
    INFO("input " << s.inputs[k].path);
    // Conditional means per bin, and EVPPI from them, straight from the trials.
    std::vector<double> count(kValueBins), sum(kValueBins * n_opt), total(n_opt);
    for (std::size_t t = 0; t < n; ++t) {
      const std::size_t b = bins[k][t];
      count[b] += 1;
      for (std::size_t o = 0; o < n_opt; ++o) sum[b * n_opt + o] += cost(o, t), total[o] += cost(o, t);
    }
    double lowest_mean = std::min(total[0], total[1]) / static_cast<double>(n), expected_min = 0.0;
    for (std::size_t b = 0; b < kValueBins; ++b) {
      REQUIRE(st.binned.count(j, b) == count[b]);
      for (std::size_t o = 0; o < n_opt; ++o) {
        CHECK(st.binned.mean(j, b, o) == Approx(sum[b * n_opt + o] / count[b]).epsilon(1e-12));
      }
      expected_min += std::min(sum[b * n_opt], sum[b * n_opt + 1]) / static_cast<double>(n);
    }
    CHECK(st.binned.evppi(j, {}).value == Approx(lowest_mean - expected_min).margin(1e-9 * lowest_mean));
  }
  // The pair's difference: its moments, and in streaming mode its sketch; then each stress
  // input's low and high deciles: sketches per option and who was cheapest.
  Moments moments;
  for (std::size_t t = 0; t < n; ++t) moments.add(cost(0, t) - cost(1, t));
  CHECK(st.pair_diff.at(0).n == n);
  CHECK(st.pair_diff[0].mean == Approx(moments.mean).epsilon(1e-12));
  CHECK(st.pair_diff[0].variance() == Approx(moments.variance()).epsilon(1e-9));
  const std::size_t first = kernel.sketches().size() - shape.sketch_count();
  QuantileSketch diff(0.01);
  for (std::size_t t = 0; t < n; ++t) diff.add(cost(0, t) - cost(1, t));
  for (double q : {0.05, 0.5, 0.95})
    CHECK(kernel.sketches()[first + shape.pair_index(0, 1)].quantile(q) == diff.quantile(q));
  for (std::size_t j = 0; j < shape.stress.size(); ++j) {
    const Slot k = shape.binned[shape.stress[j]];
    for (std::size_t high = 0; high < 2; ++high)
      for (std::size_t o = 0; o < n_opt; ++o) {
        QuantileSketch ref(0.01);
        for (std::size_t t = 0; t < n; ++t)
          if (high ? bins[k][t] >= kValueBins - 2 : bins[k][t] < 2) ref.add(cost(o, t));
        const QuantileSketch& got = kernel.sketches()[first + shape.stress_sketch(j, high, o)];
        CHECK(got.count() == ref.count());
        CHECK(got.quantile(0.5) == ref.quantile(0.5));
        CHECK(got.quantile(0.95) == ref.quantile(0.95));
        std::uint64_t wins = 0;
        for (std::size_t t = 0; t < n; ++t)
          wins += (high ? bins[k][t] >= kValueBins - 2 : bins[k][t] < 2) && best_of(t) == o ? 1 : 0;
        CHECK(st.stress_wins[(j * 2 + high) * n_opt + o] == wins);
      }
  }
}

TEST_CASE("a reused chunk state's bins are replaced, not added to", "[analytics]") {
  StressedKernel k(false);
  const ChunkSinks sinks = targets_only(k.s);
  ChunkState fresh, reused;
  k.kernel.run(0, kChunkTrials, sinks, fresh);
  // The state of another chunk, run again with chunk 0: the bits of a fresh state.
  k.kernel.run(kChunkTrials, 2 * kChunkTrials, sinks, reused);
  k.kernel.run(0, kChunkTrials, sinks, reused);
  REQUIRE(reused.binned.sums().size() == fresh.binned.sums().size());
  CHECK(std::memcmp(reused.binned.sums().data(), fresh.binned.sums().data(), fresh.binned.sums().size_bytes()) == 0);
  // A range of two batches: the second batch adds to the first's sums.
  ChunkState both, later;
  k.kernel.run(kChunkTrials, 2 * kChunkTrials, sinks, later);
  k.kernel.run(0, 2 * kChunkTrials, sinks, both);
  for (std::size_t j = 0; j < k.shape.binned.size(); ++j)
    for (std::size_t b = 0; b < kValueBins; ++b)
      REQUIRE(both.binned.count(j, b) == fresh.binned.count(j, b) + later.binned.count(j, b));
  // No trials: zero sums, whatever the state held.
  k.kernel.run(5, 5, sinks, both);
  CHECK(std::all_of(both.binned.sums().begin(), both.binned.sums().end(), [](double x) { return x == 0.0; }));
}

TEST_CASE("exact mode marks each trial's stress deciles instead of sketching them, and keeps the subsample's bins",
          "[analytics]") {
  StressedKernel k(false);
  REQUIRE_FALSE(k.shape.stress_sketches);
  CHECK(k.kernel.sketches().empty());
  const Scenario& s = k.s;
  const AnalyticsShape& shape = k.shape;
  const std::uint64_t n = k.n;
  const std::size_t series = s.options.size() * s.series_per_option();
  std::vector<std::vector<double>> stored(series, std::vector<double>(n));
  std::vector<double*> columns;
  for (auto& c : stored) columns.push_back(c.data());
  std::vector<StressMark> marks(n, 0xff);  // the kernel must overwrite every byte
  ChunkSinks sinks = targets_only(s);
  sinks.stored = columns;
  sinks.stress_marks = marks.data();
  // The sensitivity rows and their bins, for the first 600 trials.
  sinks.sens_rows = 600;
  sinks.sens_width = s.inputs.size() + 2 * s.options.size();
  std::vector<double> sens(sinks.sens_rows * sinks.sens_width);
  std::vector<std::uint8_t> sens_bins(sinks.sens_rows * shape.binned.size(), 0xff);
  sinks.sens = sens.data();
  sinks.sens_bins = sens_bins.data();
  const ChunkState st = two_chunks(k.kernel, sinks, n);
  const auto bins = bins_by_hand(s, n);
  std::uint64_t wrong_bins = 0;
  for (std::size_t t = 0; t < sinks.sens_rows; ++t)
    for (std::size_t j = 0; j < shape.binned.size(); ++j)
      wrong_bins += sens_bins[t * shape.binned.size() + j] == bins[shape.binned[j]][t] ? 0 : 1;
  CHECK(wrong_bins == 0);
  std::uint64_t wrong = 0;
  std::array<std::uint64_t, 4> marked{};
  for (std::uint64_t t = 0; t < n; ++t) {
    StressMark want = 0;
    for (std::size_t j = 0; j < shape.stress.size(); ++j) {
      const std::uint8_t b = bins[shape.binned[shape.stress[j]]][t];
      if (b < 2) want |= stress_bit(j, 0), ++marked[j * 2];
      if (b >= kValueBins - 2) want |= stress_bit(j, 1), ++marked[j * 2 + 1];
    }
    wrong += marks[t] == want ? 0 : 1;
  }
  CHECK(wrong == 0);
  // Each decile's wins count exactly its marked trials (about a tenth of them).
  for (std::size_t c = 0; c < 4; ++c) {
    CHECK(st.stress_wins[c * 2] + st.stress_wins[c * 2 + 1] == marked[c]);
    CHECK(marked[c] > n / 20);
  }
}

TEST_CASE("sinks and kernels print their mode and sizes") {
  const Scenario s = test::parse_or_fail(kKernelScenario);
  ChunkSinks sinks = targets_only(s);
  sinks.sample_rows = 10;
  sinks.sample_width = 27;
  CHECK(fmt::format("{}", sinks) ==
        "ChunkSinks{streaming, 10 sample rows x 27, 0 sensitivity rows x 0, budget=60000, deadline=7}");
  double* column = nullptr;
  sinks.stored = std::span<double* const>(&column, 1);
  CHECK(fmt::format("{}", sinks).starts_with("ChunkSinks{exact, 1 series, "));
  const ChunkKernel streaming(s, 3, Sampling::Lhs, true, 0.01);
  CHECK(fmt::format("{}", streaming).starts_with("ChunkKernel{TrialSampler{\"kernel\", seed=3, lhs, "));
  CHECK(fmt::format("{}", streaming).ends_with(", streaming into 20 sketches}"));
  CHECK(fmt::format("{}", ChunkKernel(s, 3, Sampling::Random, false, 0.01)).ends_with(", exact}"));
}
