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
