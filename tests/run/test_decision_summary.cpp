// The decision analytics of a run (run/decision_summary.hpp) against direct computations on the
// recorded trials, between exact and streaming mode, and on planted scenarios.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "models/metric.hpp"
#include "run/run_plan.hpp"
#include "run/simulate.hpp"
#include "run/thread_limit.hpp"
#include "sim/exact_quantiles.hpp"
#include "support/printable.hpp"
#include "support/scenario_fixtures.hpp"

using namespace tcosim;

namespace {

/// Two ODM options that differ only in a's unit cost; the margin moves both equally (the same
/// time to market), the demand is fixed.
const char* kPlanted = R"(
tcosim: 1
name: planted-difference
horizon_months: 24
market: {demand_units: 1000, unit_margin: {dist: uniform, min: 5, max: 15}}
options:
  - {name: a, model: odm, unit_cost: {dist: uniform, min: 4, max: 6}, moq: 100, production_months: 3}
  - {name: b, model: odm, unit_cost: 5, moq: 100, production_months: 3}
)";

const InputInformation& evppi_of(const Scenario& s, const SimulationResult& r, const std::string& path) {
  for (const InputInformation& e : r.value_of_information.evppi)
    if (s.inputs[e.input].path == path) return e;
  FAIL("no EVPPI for " << path);
  throw;
}

/// An exact run of `s` with every trial recorded in the samples.
SimulationResult recorded_run(const Scenario& s, std::uint64_t trials) {
  RunConfig cfg;
  cfg.trials = trials;
  cfg.sample_rows = trials;
  SimulationResult r = simulate(s, cfg);
  REQUIRE(r.quantile_method == QuantileMethod::Exact);
  return r;
}

}  // namespace

TEST_CASE("paired difference, P(a cheaper) and EVPI equal a direct computation on the recorded trials", "[analytics]") {
  const Scenario s = test::format1_scenario();
  const std::size_t trials = 20000;
  const SimulationResult r = recorded_run(s, trials);
  REQUIRE(!r.paired_difference.empty());
  const PairedDifference& p = r.paired_difference.front();
  // The pair is the two lowest mean costs, lowest first.
  std::vector<double> means;
  for (const OptionResult& o : r.options) means.push_back(o.metrics[kTotalCost].mean);
  std::vector<std::size_t> order = {0, 1, 2};
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return means[x] < means[y]; });
  CHECK(p.a == order[0]);
  CHECK(p.b == order[1]);
  CHECK_FALSE(p.named);
  CHECK(p.quantile_source == "exact");
  const std::size_t mc = s.metric_count(), n_in = s.inputs.size(), width = r.samples.width;
  std::vector<double> diff(trials), lowest(trials);
  double a_cheaper = 0.0;
  for (std::size_t t = 0; t < trials; ++t) {
    const double* row = &r.samples.values[t * width + n_in];
    diff[t] = row[p.a * mc + kTotalCost] - row[p.b * mc + kTotalCost];
    a_cheaper += diff[t] < 0 ? 1 : 0;
    lowest[t] = std::min({row[kTotalCost], row[mc + kTotalCost], row[2 * mc + kTotalCost]});
  }
  double sum = 0.0;
  for (double d : diff) sum += d;
  const double mean = sum / static_cast<double>(diff.size());
  double ss = 0.0;
  for (double d : diff) ss += (d - mean) * (d - mean);
  CHECK(p.difference.mean == Approx(mean).epsilon(1e-9));
  CHECK(p.difference.sd == Approx(std::sqrt(ss / static_cast<double>(diff.size() - 1))).epsilon(1e-9));
  CHECK(p.p_a_cheaper == a_cheaper / static_cast<double>(trials));
  std::array<double, 3> q{};
  exact_quantiles(diff, std::array<double, 3>{0.05, 0.5, 0.95}, q);
  CHECK(p.difference.quantiles[1] == q[0]);
  CHECK(p.difference.quantiles[kP50Index] == q[1]);
  CHECK(p.difference.quantiles[kP95Index] == q[2]);
  // EVPI: the chosen option's mean minus the mean of the per-trial lowest = its mean regret.
  double low = 0.0;
  for (double v : lowest) low += v;
  const ValueOfInformation& v = r.value_of_information;
  CHECK(v.choice == order[0]);
  CHECK(v.evpi == Approx(means[order[0]] - low / static_cast<double>(trials)).epsilon(1e-9));
  CHECK(v.evpi == r.options[v.choice].mean_regret);
  for (const OptionResult& o : r.options) CHECK(v.evpi <= o.mean_regret);
  // Every varying input has an EVPPI, none above EVPI beyond its error.
  std::size_t varying = 0;
  for (const InputSpec& in : s.inputs) varying += in.dist.is_constant() ? 0 : 1;
  CHECK(v.evppi.size() == varying);
  for (const InputInformation& e : v.evppi) CHECK(e.estimate.value <= v.evpi + 4.0 * e.estimate.std_error);
  // Drivers: strongest first, with finite swings.
  REQUIRE(!p.drivers.empty());
  for (std::size_t i = 1; i < p.drivers.size(); ++i)
    CHECK(std::fabs(p.drivers[i - 1].spearman) >= std::fabs(p.drivers[i].spearman));
  for (const DifferenceDriver& d : p.drivers) CHECK(std::isfinite(d.swing()));
}

TEST_CASE("exact stress quantiles are the order statistics of each decile's recorded trials", "[analytics]") {
  const Scenario s = test::format1_scenario();
  const std::size_t trials = 20000;
  const SimulationResult r = recorded_run(s, trials);
  const std::size_t mc = s.metric_count(), n_in = s.inputs.size(), width = r.samples.width;
  std::size_t checked = 0;
  for (const StressCase& c : r.stress) {
    const Distribution& d = s.inputs[c.input].dist;
    // Where F^-1 strictly increases, the lowest decile of the uniform is the trials below
    // F^-1(0.1) and the highest those from F^-1(0.9) on.
    if (d.kind == DistKind::Discrete || d.kind == DistKind::Bernoulli || d.kind == DistKind::Exponential) continue;
    const double edge = d.from_uniform(c.high ? 0.9 : 0.1);
    for (std::size_t o = 0; o < r.options.size(); ++o) {
      INFO(s.inputs[c.input].path << (c.high ? " high" : " low") << ", option " << o);
      std::vector<double> costs;
      for (std::size_t t = 0; t < trials; ++t) {
        const double x = r.samples.values[t * width + c.input];
        if (c.high ? x >= edge : x < edge) costs.push_back(r.samples.values[t * width + n_in + o * mc + kTotalCost]);
      }
      REQUIRE(!costs.empty());
      double sum = 0.0;
      for (double v : costs) sum += v;
      CHECK(c.options[o].mean == Approx(sum / static_cast<double>(costs.size())).epsilon(1e-9));  // the same trials
      std::array<double, 2> q{};
      exact_quantiles(costs, std::array<double, 2>{0.5, 0.95}, q);
      CHECK(c.options[o].p50 == q[0]);
      CHECK(c.options[o].p95 == q[1]);
    }
    ++checked;
  }
  CHECK(checked >= 2);
}

TEST_CASE("a planted difference: EVPPI of its input equals EVPI, an input moving both options equally has 0",
          "[analytics]") {
  const Scenario s = test::parse_or_fail(kPlanted);
  RunConfig cfg;
  cfg.trials = 40000;
  const SimulationResult r = simulate(s, cfg);
  const ValueOfInformation& v = r.value_of_information;
  const InputInformation& cost = evppi_of(s, r, "a.unit_cost");
  const InputInformation& margin = evppi_of(s, r, "market.unit_margin");
  INFO("evpi " << v.evpi << " a.unit_cost " << cost.estimate.to_string() << " margin " << margin.estimate.to_string());
  // The difference is linear in a's unit cost, so its 20 bins lose at most one bin's worth of
  // the crossing: |EVPPI - EVPI| within 4 standard errors, the bias and 1 %.
  CHECK(std::fabs(cost.estimate.value - v.evpi) <= 4.0 * cost.estimate.std_error + cost.estimate.bias + 0.01 * v.evpi);
  CHECK(cost.estimate.distinguishable());
  // a and b tie on average, so noise moves the margin's bins to either side: a small value,
  // within its bias and standard error.
  CHECK_FALSE(margin.estimate.distinguishable());
  CHECK(margin.estimate.value - margin.estimate.bias <= 4.0 * margin.estimate.std_error);
  CHECK(margin.estimate.value < 0.02 * v.evpi);
  // The drivers of the difference: only a.unit_cost moves it.
  REQUIRE(!r.paired_difference.empty());
  CHECK(s.inputs[r.paired_difference[0].drivers.at(0).input].path == "a.unit_cost");
  CHECK(std::fabs(r.paired_difference[0].drivers[0].spearman) > 0.99);
  // Stress on a.unit_cost: in its lowest decile a wins every trial, in its highest b does.
  const auto low = std::find_if(r.stress.begin(), r.stress.end(), [&](const StressCase& c) {
    return s.inputs[c.input].path == "a.unit_cost" && !c.high;
  });
  REQUIRE(low != r.stress.end());
  CHECK(low->options[0].p_best_cost == 1.0);
  CHECK(low->choice == 0);
  const StressCase& high = *(low + 1);
  CHECK(high.high);
  CHECK(high.options[1].p_best_cost == 1.0);
  CHECK(high.choice == 1);
  CHECK(low->flips != high.flips);
}

TEST_CASE("streaming gives the exact mode's bins and stress, and its quantiles within the sketch's accuracy",
          "[analytics]") {
  const Scenario s = test::format1_scenario();
  const ThreadLimit limit(2);  // the sketch's memory plan grows with the threads
  RunConfig cfg;
  cfg.trials = 300000;  // enough for the exact store (72 MB) to exceed the budget below
  const SimulationResult exact = simulate(s, cfg);
  cfg.max_memory_bytes = 48ull << 20;
  const SimulationResult sketch = simulate(s, cfg);
  REQUIRE(exact.quantile_method == QuantileMethod::Exact);
  REQUIRE(sketch.quantile_method == QuantileMethod::Sketch);
  const ValueOfInformation &ve = exact.value_of_information, &vs = sketch.value_of_information;
  CHECK(ve.evpi == vs.evpi);
  REQUIRE(ve.evppi.size() == vs.evppi.size());
  for (std::size_t i = 0; i < ve.evppi.size(); ++i) {
    CHECK(ve.evppi[i].input == vs.evppi[i].input);
    CHECK(ve.evppi[i].estimate.value == vs.evppi[i].estimate.value);
  }
  // Stress: the same means and wins; P50 and P95 exact (from the stored outcomes and each
  // trial's stress mark) against the sketch's, within its relative accuracy plus the spacing of
  // neighbouring order statistics (type 7 interpolates; the sketch answers the lower one), which
  // is about 1e-5 of the value with 30,000 trials per decile.
  REQUIRE(exact.stress.size() == sketch.stress.size());
  const double acc = sketch.sketch_accuracy;
  for (std::size_t i = 0; i < exact.stress.size(); ++i)
    for (std::size_t o = 0; o < s.options.size(); ++o) {
      const StressOption &e = exact.stress[i].options[o], &k = sketch.stress[i].options[o];
      CHECK(e.mean == k.mean);
      CHECK(e.p_best_cost == k.p_best_cost);
      CHECK(std::fabs(k.p50 - e.p50) <= (acc + 1e-4) * std::fabs(e.p50));
      CHECK(std::fabs(k.p95 - e.p95) <= (acc + 1e-4) * std::fabs(e.p95));
    }
  const PairedDifference &pe = exact.paired_difference.front(), &ps = sketch.paired_difference.front();
  CHECK(ps.quantile_source == "ddsketch");
  CHECK(pe.p_a_cheaper == ps.p_a_cheaper);
  CHECK(ps.difference.mean == Approx(pe.difference.mean).epsilon(1e-9));
  CHECK(ps.difference.sd == Approx(pe.difference.sd).epsilon(1e-6));
  // A sketch quantile is within its relative accuracy of the order statistic of the same rank.
  const double a = sketch.sketch_accuracy;
  for (std::size_t i : {std::size_t{1}, kP50Index, kP95Index})
    CHECK(std::fabs(ps.difference.quantiles[i] - pe.difference.quantiles[i]) <=
          a * std::fabs(pe.difference.quantiles[i]) + 1e-6 * pe.difference.sd);
}

TEST_CASE("a --compare flag adds a named pair, and unknown or repeated names are refused", "[analytics]") {
  const Scenario s = test::format1_scenario();
  RunConfig cfg;
  cfg.trials = 5000;
  const SimulationResult plain = simulate(s, cfg);
  const PairedDifference& first = plain.paired_difference.at(0);
  cfg.compare = {{s.options[first.b].name, s.options[first.a].name},
                 {s.options[first.a].name, s.options[first.b].name}};
  const SimulationResult r = simulate(s, cfg);
  REQUIRE(r.paired_difference.size() == 2);
  CHECK(r.paired_difference[0].named);  // the default pair, named again
  CHECK(r.paired_difference[1].named);
  CHECK(r.paired_difference[1].a == first.b);
  CHECK(r.paired_difference[1].difference.mean == Approx(-first.difference.mean));
  CHECK(r.paired_difference[1].p_a_cheaper + first.p_a_cheaper == Approx(1.0).margin(1e-3));
  cfg.compare = {{"nope", s.options[0].name}};
  CHECK_THROWS_WITH(plan_run(s, cfg), Catch::Contains("no option 'nope'"));
  cfg.compare = {{s.options[0].name, s.options[0].name}};
  CHECK_THROWS_WITH(plan_run(s, cfg), Catch::Contains("with itself"));
}
