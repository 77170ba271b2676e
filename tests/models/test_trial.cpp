#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <vector>

#include "models/trial.hpp"
#include "models/trial_decision.hpp"
#include "run/simulate.hpp"
#include "support/printable.hpp"
#include "support/scenario_fixtures.hpp"

using namespace tcosim;
using tcosim::test::parse_or_fail;
using tcosim::test::pin_input;

namespace {

// Every input constant; the three options exercise every component of MODEL.md section 3.
// H = 24, D = 2400 (r = 100 units/month), m = 10.
const char* kConstantScenario = R"(
tcosim: 1
name: hand-computed
horizon_months: 24
market: {demand_units: 2400, unit_margin: 10}
finance: {carrying_rate: 0.25, salvage_fraction: 0.5}
options:
  - name: a
    model: oem
    design_cost: 1000
    tooling_cost: 2000
    unit_cost: 5
    duty_rate: 0.1
    freight_per_unit: 0.5
    defect_rate: 0.01
    moq: 1000.5
    development_months: 2
    production_months: 2
    delays: [{name: rework, probability: 1, months: 2}]
    ip_leak: {annual_probability: 0.5, margin_loss: 0.2}
    risks:
      - {name: happens, probability: 1, cost: 500}
      - {name: never, probability: 0, cost: 9999}
  - name: b
    model: odm
    unit_cost: 8
    moq: 3000
    production_months: 4
    ip_leak: {annual_probability: 0.5, margin_loss: 0.5, response_cost: 100}
  - name: c
    model: contract
    design_cost: 50000
    unit_cost: 4
    moq: 500
    development_months: 20
    production_months: 6
    ip_leak: {annual_probability: 0.5, margin_loss: 1}
)";

std::vector<OptionOutcome> run_trial(const Scenario& s, std::uint64_t trial) {
  std::vector<double> x(s.inputs.size());
  sample_inputs(s, 7, trial, x);
  std::vector<OptionOutcome> out;
  for (const OptionSpec& o : s.options) out.push_back(evaluate_option(s, o, x));
  return out;
}

}  // namespace

TEST_CASE("constant inputs give the hand-computed totals of every component") {
  Scenario s = parse_or_fail(kConstantScenario);
  pin_input(s, "a.ip_leak.time", 10.0);  // leaks after a's launch at month 6
  pin_input(s, "b.ip_leak.time", 2.0);   // leaks before b's launch at month 4
  pin_input(s, "c.ip_leak.time", 30.0);  // after the horizon: no loss
  const auto out = run_trial(s, 0);

  SECTION("a: delay event, MOQ below sales, defects, risks, leak after TTM") {
    const OptionOutcome& a = out[0];
    // ttm = 2 + 2 + 2; S = 18; U = 1800; lc = 5 * 1.1 + 0.5 = 6; q_moq = ceil(1000.5) = 1001; Q = 1800
    CHECK(a[kTtmMonths] == Approx(6.0));
    CHECK(a[kUnitsSold] == Approx(1800.0));
    CHECK(a[kUpfront] == Approx(3000.0));
    CHECK(a[kPurchase] == Approx(1800.0 * 6.0));                             // nothing left over to salvage
    CHECK(a[kCarrying] == Approx(0.25 * 6.0 * (1001.0 / 2) * (18.0 / 12)));  // 1126.125
    CHECK(a[kQuality] == Approx(0.01 * 1800 * 6.0));                         // 108
    CHECK(a[kDelayCost] == Approx(10.0 * 600));                              // 6000
    CHECK(a[kIpLoss] == Approx(0.2 * 10 * 100 * (24 - 10)));                 // 2800: lost from the leak on
    CHECK(a[kRiskCost] == Approx(500.0));
    CHECK(a[kTotalCost] == Approx(3000 + 10800 + 1126.125 + 108 + 6000 + 2800 + 500));
  }
  SECTION("b: MOQ above sales with salvage, leak before TTM") {
    const OptionOutcome& b = out[1];
    // ttm = 0 + 4; S = 20; U = 2000; Q = 3000; leftovers 1000 salvaged at half of lc = 8
    CHECK(b[kTtmMonths] == Approx(4.0));
    CHECK(b[kUnitsSold] == Approx(2000.0));
    CHECK(b[kUpfront] == 0.0);
    CHECK(b[kPurchase] == Approx(3000 * 8.0 - 0.5 * 1000 * 8.0));    // 20000
    CHECK(b[kCarrying] == Approx(0.25 * 8.0 * 1500 * (20.0 / 12)));  // 5000
    CHECK(b[kQuality] == 0.0);
    CHECK(b[kDelayCost] == Approx(10.0 * 400));                    // 4000
    CHECK(b[kIpLoss] == Approx(100 + 0.5 * 10 * 100 * (24 - 4)));  // 10100: from launch on
    CHECK(b[kTotalCost] == Approx(20000 + 5000 + 4000 + 10100));
  }
  SECTION("c: never on sale, whole MOQ bought and half salvaged, leak after the horizon") {
    const OptionOutcome& c = out[2];
    CHECK(c[kTtmMonths] == Approx(26.0));
    CHECK(c[kUnitsSold] == 0.0);
    CHECK(c[kPurchase] == Approx(500 * 4.0 - 0.5 * 500 * 4.0));  // 1000
    CHECK(c[kCarrying] == 0.0);                                  // never on sale: S = 0
    CHECK(c[kDelayCost] == Approx(10.0 * 2400));                 // all demand lost
    CHECK(c[kIpLoss] == 0.0);
    CHECK(c[kTotalCost] == Approx(50000 + 1000 + 24000));
  }
  SECTION("decision: cheapest, fastest, ties go to the first listed") {
    const TrialDecision d = decide(out);
    CHECK(d.best == 0);
    CHECK(d.fastest == 1);
    CHECK(d.lowest_cost == Approx(24334.125));
    std::vector<OptionOutcome> tie = {out[1], out[1]};
    CHECK(decide(tie).best == 0);
    CHECK(decide(tie).fastest == 0);
  }
}

TEST_CASE("draws are clamped at 0 (and defect rate at 1) as MODEL.md section 3 says") {
  Scenario s = parse_or_fail(R"(
tcosim: 1
name: clamps
horizon_months: 12
market: {demand_units: 1200, unit_margin: 1}
options:
  - {name: a, model: odm, unit_cost: {dist: normal, mean: -100, sd: 1}, defect_rate: {dist: uniform, min: 2, max: 3}}
  - {name: b, model: odm, unit_cost: 1}
)");
  std::vector<double> x(s.inputs.size());
  for (std::uint64_t t = 0; t < 100; ++t) {
    sample_inputs(s, 1, t, x);
    CHECK(x[tcosim::test::slot_of(s, "a.unit_cost")] == 0.0);
    CHECK(x[tcosim::test::slot_of(s, "a.defect_rate")] == 1.0);
  }
}

TEST_CASE("random inputs reproduce closed-form expectations within 5 standard errors") {
  // unit_cost ~ U(4, 6) and a delay of 3 months with probability 0.4: everything else constant,
  // so E[purchase] = U * E[lc] and E[ttm] = 4 + 0.4 * 3 have closed forms.
  Scenario s = parse_or_fail(R"(
tcosim: 1
name: closed-form
horizon_months: 24
market: {demand_units: 2400, unit_margin: 10}
options:
  - name: a
    model: oem
    unit_cost: {dist: uniform, min: 4, max: 6}
    moq: 100
    development_months: 2
    production_months: 2
    delays: [{name: slip, probability: 0.4, months: 3}]
    ip_leak: {annual_probability: 0.2, margin_loss: 0, response_cost: 1000}
  - {name: b, model: odm, unit_cost: 5, moq: 100, production_months: 3}
)");
  RunConfig cfg;
  cfg.trials = 100000;
  cfg.seed = 42;
  const SimulationResult r = simulate(s, cfg);
  const auto& a = r.options[0].metrics;
  const double n = static_cast<double>(cfg.trials);

  // TTM: 4 + 3 B, B ~ Bernoulli(0.4)
  const double ttm_mean = 4 + 0.4 * 3, ttm_sd = 3 * std::sqrt(0.4 * 0.6);
  CHECK(std::fabs(a[kTtmMonths].mean - ttm_mean) < 5 * ttm_sd / std::sqrt(n));
  CHECK(a[kTtmMonths].sd == Approx(ttm_sd).epsilon(0.02));
  // Leak before the horizon with probability 1 - (1 - 0.2)^(24 / 12); costs the response only.
  const double p_leak = 1 - std::pow(0.8, 2.0);
  CHECK(std::fabs(a[kIpLoss].mean - 1000 * p_leak) < 5 * 1000 * std::sqrt(p_leak * (1 - p_leak) / n));
  // Purchase given the delay: U = 100 (24 - ttm); E[purchase] = E[U] * E[unit_cost] by independence.
  const double e_units = 100 * (24 - ttm_mean);
  CHECK(a[kUnitsSold].mean == Approx(e_units).epsilon(5 * 100 * ttm_sd / std::sqrt(n) / e_units));
  const double purchase_sd = a[kPurchase].sd;
  CHECK(std::fabs(a[kPurchase].mean - e_units * 5.0) < 5 * purchase_sd / std::sqrt(n));
  // b is constant: every statistic equals the hand value.
  CHECK(r.options[1].metrics[kTtmMonths].quantiles[4] == 3.0);
  CHECK(r.options[1].metrics[kTtmMonths].sd == 0.0);
  // p_fastest: a (ttm 4 or 7) is never faster than b (3).
  CHECK(r.options[1].p_fastest == 1.0);
}

TEST_CASE("evaluate_option_columns gives evaluate_option's values bit for bit") {
  // 300 trials: two whole tiles of the column evaluation and a partial one; the default
  // scenario has delays, risks and ip_leak on every option, and correlated inputs.
  const Scenario s = tcosim::test::format1_scenario();  // format 2's months: test_monthly_model
  const std::size_t n = 300, n_in = s.inputs.size();
  std::vector<double> cols(n_in * n), out(kFormat1MetricCount * n);
  TrialSampler sampler(s, 11, Sampling::Random);
  sampler.sample_columns(0, n, cols.data(), n);
  std::vector<double> x(n_in);
  for (const OptionSpec& o : s.options) {
    evaluate_option_columns(s, o, cols.data(), n, n, out.data(), n);
    std::size_t differing = 0;
    for (std::size_t t = 0; t < n; ++t) {
      for (std::size_t k = 0; k < n_in; ++k) x[k] = cols[k * n + t];
      const OptionOutcome row = evaluate_option(s, o, x);
      for (std::size_t m = 0; m < kFormat1MetricCount; ++m)
        differing += std::memcmp(&row[m], &out[m * n + t], sizeof(double)) != 0 ? 1 : 0;
    }
    INFO("option " << o.name);
    CHECK(differing == 0);
  }
}
