

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "models/trial.hpp"
#include "report/summary_json.hpp"
#include "run/chunk_schedule.hpp"
#include "run/run_plan.hpp"
#include "run/simulate.hpp"
#include "run/thread_limit.hpp"
#include "sim/replicate_errors.hpp"
#include "sim/sobol_points.hpp"
#include "support/printable.hpp"
#include "support/run_binary.hpp"
#include "support/scenario_fixtures.hpp"
#include "support/summary_numbers.hpp"

using namespace tcosim;

namespace {

using tcosim::test::default_scenario;
using tcosim::test::format1_scenario;

SimulationResult run_with_threads(const Scenario& s, RunConfig cfg, int threads) {
  const ThreadLimit limit(threads);
  return simulate(s, cfg);
}

std::string numbers_only(const Scenario& s, const SimulationResult& r) {
  return test::without_timing(summary_json(s, r)).dump();
}

}  // namespace

TEST_CASE("summaries are bit-identical for 1, 2 and 4 threads", "[threads]") {
  const Scenario s = format1_scenario();
  RunConfig cfg;
  cfg.trials = 3 * kChunkTrials * 64 + 1234;  // several waves and a ragged last chunk
  cfg.seed = 99;
  const std::string one = numbers_only(s, run_with_threads(s, cfg, 1));
  CHECK(numbers_only(s, run_with_threads(s, cfg, 2)) == one);
  CHECK(numbers_only(s, run_with_threads(s, cfg, 4)) == one);
  SECTION("and in streaming (sketch) mode too") {
    cfg.trials = 150000;
    cfg.max_memory_bytes = 32ull << 20;  // too small to store 150k x 30 outcomes exactly
    const SimulationResult a = run_with_threads(s, cfg, 1);
    REQUIRE(a.quantile_method == QuantileMethod::Sketch);
    CHECK(numbers_only(s, run_with_threads(s, cfg, 3)) == numbers_only(s, a));
  }
}

TEST_CASE("the sketch agrees with exact order statistics within its relative-error bound", "[threads]") {
  const Scenario s = format1_scenario();
  RunConfig cfg;
  cfg.trials = 100000;
  cfg.seed = 5;
  cfg.sample_rows = cfg.trials;  // every outcome, to find the exact neighbouring order statistics
  const SimulationResult exact = run_with_threads(s, cfg, 2);
  cfg.sample_rows = 0;
  cfg.max_memory_bytes = 32ull << 20;  // exact storage needs 24 MB for the outcomes plus recorded trials
  const SimulationResult sketch = run_with_threads(s, cfg, 2);
  REQUIRE(exact.quantile_method == QuantileMethod::Exact);
  REQUIRE(sketch.quantile_method == QuantileMethod::Sketch);
  const double a = kSketchRelativeAccuracy;
  const std::size_t n = cfg.trials;
  std::vector<double> column(n);
  for (std::size_t o = 0; o < s.options.size(); ++o)
    for (std::size_t m = 0; m < kFormat1MetricCount; ++m) {
      for (std::size_t t = 0; t < n; ++t)
        column[t] = exact.samples.values[t * exact.samples.width + s.inputs.size() + o * kFormat1MetricCount + m];
      std::sort(column.begin(), column.end());
      const MetricSummary& e = exact.options[o].metrics[m];
      const MetricSummary& k = sketch.options[o].metrics[m];
      INFO(s.options[o].name << "." << kMetricNames[m]);
      CHECK(k.mean == e.mean);  // moments do not depend on the quantile method
      CHECK(k.max == e.max);
      for (std::size_t q = 0; q < kQuantileLevels.size(); ++q) {
        // The sketch answers with a value within relative error a of an order statistic next to
        // rank q (n - 1); all values here are >= 0, so the bracket below is exact.
        const double h = kQuantileLevels[q] * static_cast<double>(n - 1);
        const double lo = column[static_cast<std::size_t>(std::floor(h))];
        const double hi = column[static_cast<std::size_t>(std::ceil(h))];
        INFO(kQuantileNames[q] << ": sketch " << k.quantiles[q] << " order statistics [" << lo << ", " << hi << "]");
        CHECK(k.quantiles[q] >= lo * (1 - a) - 1e-12);
        CHECK(k.quantiles[q] <= hi * (1 + a) + 1e-12);
      }
      CHECK(std::fabs(k.cvar95 - e.cvar95) <= a * std::fabs(e.cvar95) + 1e-9);
    }
}

TEST_CASE("recorded samples equal a replay of the same trial", "[threads]") {
  const Scenario s = format1_scenario();
  RunConfig cfg;
  cfg.trials = 2 * kChunkTrials + 17;
  cfg.seed = 3;
  cfg.sample_rows = cfg.trials;
  const SimulationResult r = run_with_threads(s, cfg, 2);
  std::vector<double> x(s.inputs.size());
  for (std::uint64_t t : {std::uint64_t{0}, std::uint64_t{1}, kChunkTrials - 1, kChunkTrials, cfg.trials - 1}) {
    sample_inputs(s, cfg.seed, t, x);
    const double* row = r.samples.values.data() + t * r.samples.width;
    CHECK(std::memcmp(row, x.data(), x.size() * sizeof(double)) == 0);
    for (std::size_t o = 0; o < s.options.size(); ++o) {
      const OptionOutcome out = evaluate_option(s, s.options[o], x);
      CHECK(std::memcmp(row + x.size() + o * kFormat1MetricCount, out.data(), kFormat1MetricCount * sizeof(double)) ==
            0);
    }
  }
}

TEST_CASE("a tiny budget that cannot hold even the sketch is refused with the size needed") {
  const Scenario s = format1_scenario();
  RunConfig cfg;
  cfg.trials = 1000;
  cfg.max_memory_bytes = 1 << 20;
  CHECK_THROWS_WITH(simulate(s, cfg), Catch::Contains("--max-memory") && Catch::Contains("too small"));
}

TEST_CASE("one trial is a valid run") {
  const Scenario s = format1_scenario();
  RunConfig cfg;
  cfg.trials = 1;
  const SimulationResult r = simulate(s, cfg);
  for (const OptionResult& o : r.options) {
    CHECK(o.metrics[kTotalCost].sd == 0.0);
    CHECK(o.metrics[kTotalCost].quantiles[0] == o.metrics[kTotalCost].quantiles[8]);
    CHECK(o.metrics[kTotalCost].cvar95 == o.metrics[kTotalCost].max);
  }
}

TEST_CASE("sensitivity ranks a planted dominant input first", "[analytics]") {
  const Scenario s = tcosim::test::parse_or_fail(R"(
tcosim: 1
name: planted
horizon_months: 24
market: {demand_units: {dist: uniform, min: 2300, max: 2400}, unit_margin: 10}
options:
  - {name: a, model: odm, unit_cost: {dist: uniform, min: 1, max: 1000}, moq: 100, production_months: {dist: uniform, min: 2, max: 3}}
  - {name: b, model: odm, unit_cost: 5, moq: 100, production_months: 3}
)");
  RunConfig cfg;
  cfg.trials = 20000;
  const SimulationResult r = simulate(s, cfg);
  const auto& a = r.options[0];
  REQUIRE(!a.sensitivity_total_cost.empty());
  CHECK(s.inputs[a.sensitivity_total_cost[0].input].path == "a.unit_cost");
  CHECK(a.sensitivity_total_cost[0].spearman > 0.9);
  double total = 0;
  for (const auto& e : a.sensitivity_total_cost) total += e.contribution;
  CHECK(total == Approx(1.0));
  CHECK(s.inputs[a.sensitivity_ttm[0].input].path == "a.production_months");
  // b's own inputs are constant; only the market can move its cost.
  for (const auto& e : r.options[1].sensitivity_total_cost) CHECK(s.inputs[e.input].path.rfind("market.", 0) == 0);
  CHECK(r.sensitivity_trials == kSensitivityTrials);
}

TEST_CASE("targets give the probability of exceeding the budget and the deadline", "[analytics]") {
  const Scenario s = tcosim::test::parse_or_fail(R"(
tcosim: 1
name: targets
horizon_months: 24
market: {demand_units: 2400, unit_margin: 10}
targets: {budget: 1000000, deadline_months: 5}
options:
  - name: a
    model: odm
    unit_cost: 5
    moq: 100
    production_months: 4
    delays: [{name: slip, probability: 0.4, months: 3}]
  - {name: b, model: odm, unit_cost: 500, moq: 100, production_months: 3}
)");
  RunConfig cfg;
  cfg.trials = 40000;
  const SimulationResult r = simulate(s, cfg);
  // a is late exactly when the slip happens: Bernoulli(0.4).
  const double se = std::sqrt(0.4 * 0.6 / static_cast<double>(cfg.trials));
  REQUIRE(r.options[0].p_late.has_value());
  CHECK(std::fabs(*r.options[0].p_late - 0.4) < 5 * se);
  CHECK(*r.options[0].p_over_budget == 0.0);  // a costs at most 2400 * 5 + lost margin << budget
  CHECK(*r.options[1].p_over_budget == 1.0);  // b buys > 2000 units at 500
  CHECK(*r.options[1].p_late == 0.0);
}

TEST_CASE("a precision target stops at the same trial count for any thread count", "[analytics][threads]") {
  const Scenario s = format1_scenario();
  RunConfig cfg;
  cfg.trials = 10000000;
  cfg.target_precision = 0.01;
  const SimulationResult one = run_with_threads(s, cfg, 1);
  const SimulationResult two = run_with_threads(s, cfg, 2);
  CHECK(one.stopped_reason == StopReason::Precision);
  CHECK(one.trials < cfg.trials);
  CHECK(one.trials % kChunkTrials == 0);
  CHECK(numbers_only(s, one) == numbers_only(s, two));
  for (const OptionResult& o : one.options) {
    const MetricSummary& m = o.metrics[kTotalCost];
    CHECK(1.959963984540054 * m.stderr_mean <= 0.01 * m.mean);
    for (std::size_t i : {kP50Index, kP95Index})
      CHECK(0.5 * (m.quantile_ci95[i][1] - m.quantile_ci95[i][0]) <= 0.01 * m.quantiles[i]);
  }
  SECTION("and stops at the trial limit when the target is out of reach") {
    cfg.trials = 70000;
    cfg.target_precision = 1e-5;
    const SimulationResult capped = simulate(s, cfg);
    CHECK(capped.stopped_reason == StopReason::Trials);
    CHECK(capped.trials == 70000);
  }
}

// Several waves with recorded samples on 2 and 4 threads, exact and streaming, bit for bit.
// Small, so it is also the subset to run under ThreadSanitizer by hand (see docs/testing.md).
TEST_CASE("parallel runs agree bit for bit with samples recorded, exact and streaming", "[threads]") {
  const Scenario s = format1_scenario();
  RunConfig cfg;
  cfg.trials = 20 * kChunkTrials + 7;
  cfg.sample_rows = 100;
  const std::string exact = numbers_only(s, run_with_threads(s, cfg, 2));
  CHECK(numbers_only(s, run_with_threads(s, cfg, 4)) == exact);
  cfg.max_memory_bytes = 32ull << 20;  // exact needs ~34 MB here, the sketch on 4 threads ~30 MB
  const SimulationResult a = run_with_threads(s, cfg, 2);
  REQUIRE(a.quantile_method == QuantileMethod::Sketch);
  CHECK(numbers_only(s, run_with_threads(s, cfg, 4)) == numbers_only(s, a));
}

TEST_CASE("Latin hypercube runs with correlations are bit-identical for 1 and 3 threads", "[threads]") {
  const Scenario s = format1_scenario();  // ships with a correlations block
  REQUIRE(!s.correlation.empty());
  RunConfig cfg;
  cfg.trials = 5 * kChunkTrials + 123;
  cfg.sampling = Sampling::Lhs;
  const SimulationResult one = run_with_threads(s, cfg, 1);
  CHECK(numbers_only(s, run_with_threads(s, cfg, 3)) == numbers_only(s, one));
  CHECK(summary_json(s, one)["sampling"] == "lhs");
}

namespace {

/// A sobol run of the format-1 twin that streams: the trial limit's outcomes (about 500 MB) do
/// not fit the budget, the replicate sketches do; the precision target stops it after a few rounds.
RunConfig streaming_sobol(std::uint64_t seed) {
  RunConfig cfg;
  cfg.trials = 1 << 21;
  cfg.max_memory_bytes = 320ull << 20;
  cfg.target_precision = 0.005;
  cfg.seed = seed;
  cfg.sampling = Sampling::Sobol;
  return cfg;
}

/// Runs `cfg` on 2 threads until a stop signal in its first wave (SIGTERM's number; the first
/// wave is checkpointed), then resumes it on 3 threads: the resumed run's result.
SimulationResult interrupted_and_resumed(const Scenario& s, RunConfig cfg, const char* dir_name) {
  tcosim::test::TempDir dir(dir_name);
  cfg.checkpoint = {dir.path() / "checkpoint", 0.0, false};
  const std::atomic<int> stop{15};
  cfg.stop = &stop;
  CHECK_THROWS_AS(run_with_threads(s, cfg, 2), RunInterrupted);
  cfg.stop = nullptr;
  cfg.checkpoint.resume = true;
  return run_with_threads(s, cfg, 3);
}

}  // namespace

TEST_CASE("sobol runs with correlations are bit-identical for 1 and 3 threads and after a resume, exact and streaming",
          "[threads]") {
  const Scenario s = format1_scenario();  // ships with a correlations block
  REQUIRE(!s.correlation.empty());
  RunConfig exact;
  exact.trials = kWaveChunks * kChunkTrials + 5000;  // two waves: the first is checkpointed
  exact.seed = 21;
  exact.sampling = Sampling::Sobol;
  for (const RunConfig& cfg : {exact, streaming_sobol(21)}) {
    const SimulationResult one = run_with_threads(s, cfg, 1);
    INFO(to_string(one.quantile_method));
    CHECK(one.quantile_method == (cfg.target_precision ? QuantileMethod::Sketch : QuantileMethod::Exact));
    CHECK(summary_json(s, one)["sampling"] == "sobol");
    CHECK(numbers_only(s, run_with_threads(s, cfg, 3)) == numbers_only(s, one));
    const SimulationResult resumed = interrupted_and_resumed(s, cfg, "sobol-resume");
    // The first wave (or, with rounds, the first round of 16 chunks) was checkpointed.
    CHECK(resumed.resumed_trials == (cfg.target_precision ? kFirstRoundChunks : kWaveChunks) * kChunkTrials);
    CHECK(numbers_only(s, resumed) == numbers_only(s, one));
  }
}

TEST_CASE("streaming sobol error bars are the exact run's, widened by the sketch's accuracy", "[analytics]") {
  const Scenario s = format1_scenario();
  RunConfig cfg = streaming_sobol(8);
  const SimulationResult streamed = run_with_threads(s, cfg, 2);
  REQUIRE(streamed.quantile_method == QuantileMethod::Sketch);
  cfg.trials = streamed.trials;  // the same trials, every outcome stored
  cfg.target_precision.reset();
  cfg.max_memory_bytes = 2ull << 30;
  const SimulationResult exact = run_with_threads(s, cfg, 2);
  REQUIRE(exact.quantile_method == QuantileMethod::Exact);
  const double a = kSketchRelativeAccuracy;
  const double t = replicate_t95(kSobolReplicates) / std::sqrt(double(kSobolReplicates));
  for (std::size_t o = 0; o < s.options.size(); ++o)
    for (std::size_t m : {kTotalCost, kTtmMonths}) {
      const MetricSummary &got = streamed.options[o].metrics[m], &want = exact.options[o].metrics[m];
      INFO("option " << o << " metric " << m);
      // The same moments (the same chunks, folded alike); replicate means merged chunk by chunk
      // against summed at the end: the same to rounding.
      CHECK(got.mean == want.mean);
      CHECK(got.stderr_mean == Approx(want.stderr_mean).epsilon(1e-9));
      for (std::size_t i = 0; i < kQuantileLevels.size(); ++i) {
        const double q = got.quantiles[i], widen = a / (1 - a) * std::fabs(q);
        const double half = 0.5 * (got.quantile_ci95[i][1] - got.quantile_ci95[i][0]);
        const double want_half = 0.5 * (want.quantile_ci95[i][1] - want.quantile_ci95[i][0]);
        INFO("level " << kQuantileLevels[i] << ": half-width " << half << ", exact " << want_half);
        // Each replicate's sketch percentile is within a of its order statistic (and of the
        // exact type-7 percentile, to the gap to the next order statistic), so the spread of
        // the 16 moves by at most t95 / 4 * sqrt(16 / 15) times twice that.
        CHECK(std::fabs((half - widen) - want_half) <= t * std::sqrt(16.0 / 15.0) * 2.0 * a * std::fabs(q) * 1.01);
      }
    }
}

TEST_CASE("sobol runs report replicate error bars, far tighter than independent trials would have", "[analytics]") {
  const Scenario s = format1_scenario();
  RunConfig cfg;
  cfg.trials = 16 * kChunkTrials;  // 16 replicates of 4,096 points
  cfg.seed = 3;
  cfg.sampling = Sampling::Sobol;
  const SimulationResult r = simulate(s, cfg);
  for (const OptionResult& o : r.options) {
    const MetricSummary& m = o.metrics[kTotalCost];
    const double iid = m.sd / std::sqrt(static_cast<double>(r.trials));
    INFO("stderr " << m.stderr_mean << ", sd / sqrt(n) " << iid);
    // The replicate stderr is positive (the shifts differ) and QMC makes it several times smaller.
    CHECK(m.stderr_mean > 0.0);
    CHECK(m.stderr_mean < 0.5 * iid);
    for (std::size_t i = 0; i < kQuantileLevels.size(); ++i) {
      CHECK(m.quantile_ci95[i][0] <= m.quantiles[i]);
      CHECK(m.quantile_ci95[i][1] >= m.quantiles[i]);
    }
  }
}

TEST_CASE("a sobol precision target stops at the same trial count for any thread count", "[analytics][threads]") {
  const Scenario s = format1_scenario();
  RunConfig cfg;
  cfg.trials = 1 << 21;  // sobol keeps every outcome: the limit must fit in memory
  cfg.target_precision = 0.005;
  cfg.sampling = Sampling::Sobol;
  const SimulationResult one = run_with_threads(s, cfg, 1);
  const SimulationResult two = run_with_threads(s, cfg, 2);
  CHECK(one.stopped_reason == StopReason::Precision);
  CHECK(one.trials % (kSobolReplicates * kChunkTrials) == 0);  // each replicate a power of two points
  CHECK(numbers_only(s, one) == numbers_only(s, two));
  for (const OptionResult& o : one.options) {
    const MetricSummary& m = o.metrics[kTotalCost];
    CHECK(replicate_t95(kSobolReplicates) * m.stderr_mean <= 0.005 * m.mean);
    for (std::size_t i : {kP50Index, kP95Index})
      CHECK(0.5 * (m.quantile_ci95[i][1] - m.quantile_ci95[i][0]) <= 0.005 * m.quantiles[i]);
  }
}

// Format 2 (MODEL.md section 7): the cash curve is 12 more series per option, stored or
// sketched beside the metrics, and must be as deterministic as they are.
namespace {

// Two options, twelve months, every kind of format-2 input: small enough for exact runs of a
// few hundred thousand trials.
constexpr const char* kCashScenario = R"(
tcosim: 2
name: cash-small
horizon_months: 12
market:
  demand_units: {dist: lognormal, median: 20000, p90: 40000}
  unit_margin: {dist: uniform, min: 15, max: 25}
  demand_profile:
    growth_per_year: {dist: uniform, min: 0, max: 0.4}
finance:
  discount_rate: 0.08
  runway: 90000
options:
  - name: oem
    model: oem
    tooling_cost: {dist: uniform, min: 40000, max: 60000}
    unit_cost: {dist: uniform, min: 9, max: 12}
    payment: {deposit: 0.3}
    order_cover_months: 2
    delays: [{name: rework, probability: 0.3, months: 2}]
  - name: odm
    model: odm
    unit_cost: {dist: triangular, min: 12, max: 16, mode: 13}
    moq: 3000
    price_change_per_year: {dist: normal, mean: -0.03, sd: 0.02}
    tariff_events: [{name: t, annual_probability: 0.2, added_rate: 0.1}]
correlations:
  - [market.demand_units, oem.unit_cost, 0.3]
)";

// numbers_only plus what summary.json may not carry yet: the cash curves and cash probabilities.
std::string numbers_with_cash(const Scenario& s, const SimulationResult& r) {
  auto j = test::without_timing(summary_json(s, r));
  for (std::size_t o = 0; o < s.options.size(); ++o) {
    const OptionResult& res = r.options[o];
    const CashCurve& c = res.cash_curve;
    auto& opt = j["options"][s.options[o].name];
    opt["test_cash_curve"] = {c.month_end, c.p5, c.p25, c.p50, c.p75, c.p95};
    opt["test_p_no_payback"] = res.p_no_payback;
    opt["test_p_cash_short"] = res.p_cash_short.value_or(-1.0);
  }
  return j.dump();
}

}  // namespace

TEST_CASE("format 2: summaries and cash curves are bit-identical for 1 and 2 threads", "[threads][format2]") {
  const Scenario s = tcosim::test::parse_or_fail(kCashScenario);
  REQUIRE(s.format == 2);
  RunConfig cfg;
  cfg.trials = 20 * kChunkTrials + 77;
  cfg.seed = 8;
  cfg.sample_rows = 30;
  const SimulationResult one = run_with_threads(s, cfg, 1);
  REQUIRE(one.quantile_method == QuantileMethod::Exact);
  for (const OptionResult& o : one.options) {
    CHECK(o.cash_curve.month_end.size() == 12);
    CHECK(o.cash_curve.p95.size() == 12);
    CHECK(o.p_cash_short.has_value());
    CHECK(o.metrics[kPeakCash].max >= o.metrics[kPeakCash].quantiles[kP50Index]);
  }
  CHECK(numbers_with_cash(s, run_with_threads(s, cfg, 2)) == numbers_with_cash(s, one));
  SECTION("with Latin hypercube sampling") {
    cfg.sampling = Sampling::Lhs;
    const SimulationResult lhs = run_with_threads(s, cfg, 1);
    CHECK(numbers_with_cash(s, run_with_threads(s, cfg, 2)) == numbers_with_cash(s, lhs));
  }
  SECTION("in streaming mode") {
    cfg.max_memory_bytes = 32ull << 20;  // exact needs 34 MB for 52 series; sketches on 2 threads ~27 MB
    const SimulationResult a = run_with_threads(s, cfg, 1);
    REQUIRE(a.quantile_method == QuantileMethod::Sketch);
    CHECK(numbers_with_cash(s, run_with_threads(s, cfg, 2)) == numbers_with_cash(s, a));
  }
}

TEST_CASE("format 2: the sketched cash curve agrees with the exact one within the stated accuracy",
          "[threads][format2]") {
  const Scenario s = tcosim::test::parse_or_fail(kCashScenario);
  RunConfig cfg;
  cfg.trials = 100001;  // (n - 1) q is whole at every band: each exact quantile is one order statistic
  cfg.seed = 5;
  const SimulationResult exact = run_with_threads(s, cfg, 2);
  cfg.max_memory_bytes = 32ull << 20;
  const SimulationResult sketch = run_with_threads(s, cfg, 2);
  REQUIRE(exact.quantile_method == QuantileMethod::Exact);
  REQUIRE(sketch.quantile_method == QuantileMethod::Sketch);
  // The summary states the method and the accuracy the bound below uses.
  CHECK(summary_json(s, sketch)["quantile_method"] == "ddsketch");
  CHECK(summary_json(s, sketch)["quantile_relative_error"] == kSketchRelativeAccuracy);
  const double a = sketch.sketch_accuracy;
  for (std::size_t o = 0; o < s.options.size(); ++o) {
    const CashCurve &e = exact.options[o].cash_curve, &k = sketch.options[o].cash_curve;
    CHECK(k.month_end == e.month_end);
    for (std::size_t m = 0; m < e.month_end.size(); ++m) {
      INFO(s.options[o].name << " month end " << e.month_end[m]);
      const std::array<double, 5> ev{e.p5[m], e.p25[m], e.p50[m], e.p75[m], e.p95[m]};
      const std::array<double, 5> kv{k.p5[m], k.p25[m], k.p50[m], k.p75[m], k.p95[m]};
      for (std::size_t b = 0; b < ev.size(); ++b) {
        INFO("band " << b << ": exact " << ev[b] << ", sketch " << kv[b]);
        CHECK(std::fabs(kv[b] - ev[b]) <= a * std::fabs(ev[b]) + 1e-9);
      }
    }
    for (std::size_t m = 0; m < s.metric_count(); ++m) {
      INFO(kMetricNames[m]);
      CHECK(sketch.options[o].metrics[m].mean == exact.options[o].metrics[m].mean);  // moments: method-free
    }
    CHECK(sketch.options[o].p_no_payback == exact.options[o].p_no_payback);
    CHECK(sketch.options[o].p_cash_short == exact.options[o].p_cash_short);
  }
}

TEST_CASE("format 2: a checkpointed and resumed run gives the uninterrupted numbers, exact and streaming",
          "[threads][format2]") {
  const Scenario s = tcosim::test::parse_or_fail(kCashScenario);
  tcosim::test::TempDir dir("format2-resume");
  for (const std::uint64_t budget : {2ull << 30, 32ull << 20}) {
    INFO("max memory " << budget);
    RunConfig cfg;
    cfg.trials = kWaveChunks * kChunkTrials + 5000;  // two waves: the first is checkpointed
    cfg.seed = 13;
    cfg.sampling = Sampling::Lhs;
    cfg.max_memory_bytes = budget;
    const SimulationResult ref = run_with_threads(s, cfg, 2);
    const auto file = dir.path() / fmt::format("checkpoint-{}", budget);
    cfg.checkpoint = {file, 0.0, false};
    const std::atomic<int> stop{15};  // as if SIGTERM came during the first wave
    cfg.stop = &stop;
    CHECK_THROWS_AS(run_with_threads(s, cfg, 2), RunInterrupted);
    REQUIRE(std::filesystem::exists(file));
    cfg.stop = nullptr;
    cfg.checkpoint.resume = true;
    const SimulationResult resumed = run_with_threads(s, cfg, 1);
    CHECK(resumed.resumed_trials == kWaveChunks * kChunkTrials);
    CHECK(resumed.quantile_method == ref.quantile_method);
    CHECK(numbers_with_cash(s, resumed) == numbers_with_cash(s, ref));
  }
}

TEST_CASE("format 2: a precision target watches npv_cost, the decision metric", "[analytics][format2]") {
  const Scenario s = tcosim::test::parse_or_fail(kCashScenario);
  RunConfig cfg;
  cfg.trials = 4000000;
  cfg.target_precision = 0.01;
  const SimulationResult r = simulate(s, cfg);
  REQUIRE(r.stopped_reason == StopReason::Precision);
  for (const OptionResult& o : r.options) {
    const MetricSummary& m = o.metrics[kNpvCost];
    CHECK(1.959963984540054 * m.stderr_mean <= 0.01 * m.mean);
    for (std::size_t i : {kP50Index, kP95Index})
      CHECK(0.5 * (m.quantile_ci95[i][1] - m.quantile_ci95[i][0]) <= 0.01 * m.quantiles[i]);
  }
}
