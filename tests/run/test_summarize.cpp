#include <catch2/catch.hpp>
#include <cmath>

#include "run/summarize.hpp"
#include "sim/metric_summary.hpp"

using namespace tcosim;

namespace {

/// Options A and B; inputs market.a, A.b, B.c, A.d.
Scenario two_options() {
  Scenario s;
  for (std::string p : {"market.a", "A.b", "B.c", "A.d"}) s.inputs.emplace_back().path = std::move(p);
  for (std::string name : {"A", "B"}) s.options.emplace_back().name = std::move(name);
  return s;
}

/// One option, no inputs, `n` trials in one chunk whose total_cost is value(t).
template <class Value>
RunState one_option_state(std::uint64_t n, bool exact, Value value) {
  RunShape shape;
  shape.options = 1;
  shape.chunks = ChunkPlan{n, n};
  shape.exact = exact;
  RunState state(shape);
  ChunkState cs;
  cs.reset(1, kFormat1MetricCount);
  for (std::uint64_t t = 0; t < n; ++t) {
    const double v = value(t);
    for (std::size_t m = 0; m < kFormat1MetricCount; ++m) {
      if (exact)
        state.stored()[m][t] = v;
      else
        state.sketches()[m].add(v);
      cs.metrics[m].add(v);
    }
  }
  cs.best[0] = n / 4;
  cs.fastest[0] = n;
  state.push_chunk(0, cs);
  return state;
}

}  // namespace

TEST_CASE("sensitivities correlate an option's own and the market's inputs, strongest first") {
  const Scenario s = two_options();
  const std::vector<double> output{1, 2, 3, 4};
  const std::vector<std::vector<double>> inputs{{1, 2, 3, 4}, {1, 2, 4, 3}, {4, 3, 2, 1}, {}};
  const std::vector<SensitivityEntry> a = sensitivities(s, 0, output, inputs);
  REQUIRE(a.size() == 2);  // B.c is another option's, A.d constant
  CHECK(a[0].input == 0);
  CHECK(a[0].spearman == Approx(1.0));
  CHECK(a[0].contribution == Approx(1.0 / 1.64));
  CHECK(a[1].input == 1);
  CHECK(a[1].spearman == Approx(0.8));
  CHECK(a[1].contribution == Approx(0.64 / 1.64));
  const std::vector<SensitivityEntry> b = sensitivities(s, 1, output, inputs);
  REQUIRE(b.size() == 2);
  CHECK(b[0].input == 0);  // |1| = |-1|: ties keep the inputs' order
  CHECK(b[1].input == 2);
  CHECK(b[1].spearman == Approx(-1.0));
  CHECK(b[1].contribution == Approx(0.5));
}

TEST_CASE("an input constant in the subsample carries no sensitivity") {
  const Scenario s = two_options();
  const std::vector<double> output{1, 2, 3, 4};
  const std::vector<std::vector<double>> inputs{{2.5, 2.5, 2.5, 2.5}, {}, {}, {}};
  CHECK(sensitivities(s, 0, output, inputs).empty());
}

TEST_CASE("the precision test compares the mean's and the quantiles' 95 % half-widths with the target") {
  const std::uint64_t n = 1000;
  for (const bool exact : {true, false}) {
    INFO("exact " << exact);
    // Evenly spread values between 90 and 110: the mean is 100, sd about 5.8.
    const RunState spread =
        one_option_state(n, exact, [&](std::uint64_t t) { return 90.0 + 20.0 * (static_cast<double>(t) + 0.5) / n; });
    const Moments m = spread.total().metrics[kTotalCost];
    const double mean_rel = kZ95 * m.stderr_of_mean() / m.mean;
    CHECK(mean_rel == Approx(kZ95 * (20.0 / std::sqrt(12.0)) / std::sqrt(1000.0) / 100.0).epsilon(1e-3));
    CHECK_FALSE(precise_enough(spread, n, mean_rel * 0.999));
    CHECK(precise_enough(spread, n, 0.5));
    // A constant has no uncertainty at all.
    const RunState constant = one_option_state(n, exact, [](std::uint64_t) { return 42.0; });
    CHECK(precise_enough(constant, n, 1e-12));
  }
}

TEST_CASE("a summary gives the probabilities as fractions of the trials and the metrics' statistics") {
  Scenario s;
  s.options.resize(1);
  s.targets.budget = 1.0;
  RunState state = one_option_state(100, true, [](std::uint64_t t) { return static_cast<double>(t); });
  SimulationResult result;
  summarize(s, state, 100, result);
  REQUIRE(result.options.size() == 1);
  const OptionResult& r = result.options[0];
  CHECK(r.p_best_cost == 0.25);
  CHECK(r.p_fastest == 1.0);
  CHECK(r.p_over_budget == 0.0);  // the budget is set: the (empty) count is reported
  CHECK_FALSE(r.p_late);          // no deadline: no probability of being late
  CHECK(r.metrics[kTotalCost].mean == Approx(49.5));
  CHECK(r.metrics[kTotalCost].max == 99.0);
  CHECK(r.metrics[kTotalCost].quantiles[kP50Index] == Approx(49.5).margin(1.0));
  CHECK(result.samples.rows == 0);
  CHECK(result.sensitivity_trials == 0);
}

namespace {

/// Format 2 shape (MODEL.md 7): one option, 14 metrics and a 3-month cash curve; total_cost is
/// spread like t, npv_cost constant, and C_k = (k + 1) * 1000 - t. Counts: a third of the
/// trials without payback, a fifth short of cash.
RunState format2_state(std::uint64_t n, bool exact) {
  RunShape shape;
  shape.options = 1;
  shape.metric_count = kMetricCount;
  shape.cash_months = 3;
  shape.chunks = ChunkPlan{n, n};
  shape.exact = exact;
  RunState state(shape);
  ChunkState cs;
  cs.reset(1, kMetricCount);
  auto put = [&](std::size_t series, std::uint64_t t, double v) {
    if (exact)
      state.stored()[series][t] = v;
    else
      state.sketches()[series].add(v);
  };
  for (std::uint64_t t = 0; t < n; ++t) {
    for (std::size_t m = 0; m < kMetricCount; ++m) {
      const double v = m == kNpvCost ? 500.0 : 1.0 + static_cast<double>(t);
      put(m, t, v);
      cs.metrics[m].add(v);
    }
    for (std::size_t k = 0; k < 3; ++k) put(kMetricCount + k, t, static_cast<double>((k + 1) * 1000) - t);
  }
  cs.no_payback[0] = n / 3;
  cs.cash_short[0] = n / 5;
  state.push_chunk(0, cs);
  return state;
}

}  // namespace

TEST_CASE("format 2: the precision test watches npv_cost, not total_cost") {
  for (const bool exact : {true, false}) {
    INFO("exact " << exact);
    const RunState state = format2_state(1000, exact);
    // total_cost is spread from 1 to 1000 and far from 1e-9 precise; npv_cost is constant.
    CHECK(precise_enough(state, 1000, 1e-9));
  }
}

TEST_CASE("format 2: a summary gives the cash curve per month end and the cash probabilities") {
  Scenario s;
  s.format = 2;
  s.horizon_months = 2.5;
  s.runway = 1.0;
  s.options.resize(1);
  for (const bool exact : {true, false}) {
    INFO("exact " << exact);
    RunState state = format2_state(1001, exact);
    SimulationResult result;
    summarize(s, state, 1001, result);
    const OptionResult& r = result.options[0];
    CHECK(r.p_no_payback == 333.0 / 1001.0);
    CHECK(r.p_cash_short == 200.0 / 1001.0);
    const CashCurve& c = r.cash_curve;
    CHECK(c.month_end == std::vector<double>{1.0, 2.0, 2.5});  // the last month ends at the horizon
    // C_k spans (k + 1) 1000 - 1000 .. (k + 1) 1000; (n - 1) q is whole, so exact is one order statistic.
    const double a = exact ? 0.0 : state.shape().sketch_accuracy;
    for (std::size_t k = 0; k < 3; ++k) {
      const double top = static_cast<double>((k + 1) * 1000);
      CHECK(c.p50[k] == Approx(top - 500).epsilon(a).margin(1e-9));
      CHECK(c.p5[k] == Approx(top - 950).epsilon(a).margin(1e-9));
      CHECK(c.p95[k] == Approx(top - 50).epsilon(a).margin(1e-9));
      CHECK(c.p25[k] <= c.p50[k]);
      CHECK(c.p75[k] >= c.p50[k]);
    }
    CHECK(r.metrics[kNpvCost].mean == 500.0);
  }
  SECTION("format 1 has no cash curve and no cash probabilities") {
    Scenario f1;
    f1.options.resize(1);
    RunShape shape;
    shape.options = 1;
    shape.chunks = ChunkPlan{10, 10};
    RunState state(shape);
    ChunkState cs;
    cs.reset(1, kFormat1MetricCount);
    for (std::uint64_t t = 0; t < 10; ++t)
      for (std::size_t m = 0; m < kFormat1MetricCount; ++m) state.stored()[m][t] = 1.0, cs.metrics[m].add(1.0);
    state.push_chunk(0, cs);
    SimulationResult result;
    summarize(f1, state, 10, result);
    CHECK(result.options[0].cash_curve.empty());
    CHECK_FALSE(result.options[0].p_cash_short);
  }
}
