// What `tcosim replay` prints (report/replay_json.hpp): the format-1 shape unchanged, and in
// format 2 each option's monthly table, whose months add up to the trial's metrics.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "models/trial.hpp"
#include "report/replay_json.hpp"
#include "sim/philox_stream.hpp"
#include "support/printable.hpp"
#include "support/scenario_fixtures.hpp"

using namespace tcosim;

namespace {

// Uncertain inputs everywhere, a leak and a risk that may happen, so trials differ.
const char* kReplayScenario = R"(
tcosim: 1
name: replay-months
horizon_months: 18.5
market:
  demand_units: {dist: uniform, min: 4000, max: 9000}
  unit_margin: {dist: triangular, min: 20, mode: 30, max: 45}
finance: {carrying_rate: 0.2, salvage_fraction: 0.3}
options:
  - name: a
    model: oem
    design_cost: {dist: uniform, min: 20000, max: 40000}
    tooling_cost: 15000
    unit_cost: {dist: uniform, min: 9, max: 11}
    duty_rate: 0.05
    freight_per_unit: 0.8
    defect_rate: 0.02
    development_months: {dist: uniform, min: 2, max: 4}
    production_months: 2
    ip_leak: {annual_probability: 0.3, margin_loss: 0.4, response_cost: 5000}
    risks: [{name: recert, probability: 0.5, cost: {dist: uniform, min: 1000, max: 3000}}]
  - name: b
    model: odm
    unit_cost: {dist: uniform, min: 12, max: 14}
    moq: 800
    production_months: {dist: uniform, min: 1, max: 3}
    delays: [{name: slip, probability: 0.4, months: {dist: uniform, min: 1, max: 4}}]
)";

Slot add_input(Scenario& s, const std::string& path, Distribution d, double lo = 0.0) {
  s.inputs.push_back(InputSpec{path, input_id_for(path), d, lo});
  return static_cast<Slot>(s.inputs.size() - 1);
}

/// The scenario as format 2 (MODEL.md 7.1), built field by field: a discount rate and a runway;
/// option a pays a deposit and its price changes; option b orders in lots and may be tariffed.
Scenario format2_scenario() {
  Scenario s = test::parse_or_fail(kReplayScenario, "replay-months.yaml");
  s.format = 2;
  s.discount_rate = 0.12;
  s.runway = 60000;
  s.options[0].deposit = 0.3;
  s.options[0].price_change_per_year =
      add_input(s, "a.price_change_per_year", Distribution::uniform(-0.08, 0.02), -0.99);
  s.options[1].order_cover_months = 2;
  s.options[1].tariff_events.push_back(
      TariffSlots{"t", add_input(s, "b.tariff_events.t.time", Distribution::uniform(0, 30)),
                  add_input(s, "b.tariff_events.t.added_rate", Distribution::uniform(0.05, 0.2))});
  return s;
}

std::vector<double> inputs_of(const Scenario& s, std::uint64_t trial) {
  std::vector<double> x(s.inputs.size());
  sample_inputs(s, 3, trial, x);
  return x;
}

double sum(const nlohmann::ordered_json& rows, const char* key) {
  double total = 0.0;
  for (const auto& row : rows) total += row[key].get<double>();
  return total;
}

std::vector<std::string> keys(const nlohmann::ordered_json& j) {
  std::vector<std::string> out;
  for (const auto& [key, value] : j.items()) out.push_back(key);
  return out;
}

}  // namespace

TEST_CASE("replay of a format-1 scenario keeps its shape: no months") {
  const Scenario s = test::parse_or_fail(kReplayScenario, "replay-months.yaml");
  const auto j = replay_json(s, 4, inputs_of(s, 4));
  CHECK(keys(j) == std::vector<std::string>{"trial", "inputs", "outputs", "decision"});
  CHECK(j["trial"] == 4);
  CHECK(j["outputs"]["a"].size() == kFormat1MetricCount);
  CHECK(keys(j["decision"]) == std::vector<std::string>{"cheapest", "fastest", "regret"});
}

TEST_CASE("replay of a format-2 scenario prints each option's months with every column") {
  const Scenario s = format2_scenario();
  const auto j = replay_json(s, 0, inputs_of(s, 0));
  CHECK(keys(j) == std::vector<std::string>{"trial", "inputs", "outputs", "decision", "months"});
  CHECK(keys(j["months"]) == std::vector<std::string>{"a", "b"});
  CHECK(j["outputs"]["a"].size() == kMetricCount);
  const auto& rows = j["months"]["b"];
  REQUIRE(rows.size() == s.months());
  CHECK(keys(rows[0]) == std::vector<std::string>{"month", "month_end", "demand", "sold", "arrivals", "ordered",
                                                  "design", "tooling", "purchase", "carrying", "quality", "delay_cost",
                                                  "ip_loss", "risk_cost", "deposit", "balance", "cash_out", "cash_in",
                                                  "cumulative_cash"});
  CHECK(rows[0]["month"] == 0);
  CHECK(rows[s.months() - 1]["month"] == s.months() - 1);
  CHECK(rows[s.months() - 1]["month_end"] == 18.5);
}

TEST_CASE("replay's months add up, per component, to the trial's metrics of each option") {
  const Scenario s = format2_scenario();
  for (std::uint64_t trial : {0, 1, 2, 7, 19}) {
    const auto j = replay_json(s, trial, inputs_of(s, trial));
    for (const OptionSpec& o : s.options) {
      INFO("trial " << trial << ", option " << o.name);
      const auto& rows = j["months"][o.name];
      const auto& out = j["outputs"][o.name];
      auto metric = [&](Metric m) { return out[std::string(kMetricNames[m])].get<double>(); };
      const auto near = [](double v) { return Approx(v).epsilon(1e-9).margin(1e-6); };
      CHECK(sum(rows, "design") + sum(rows, "tooling") == near(metric(kUpfront)));
      CHECK(sum(rows, "purchase") == near(metric(kPurchase)));
      CHECK(sum(rows, "carrying") == near(metric(kCarrying)));
      CHECK(sum(rows, "quality") == near(metric(kQuality)));
      CHECK(sum(rows, "delay_cost") == near(metric(kDelayCost)));
      CHECK(sum(rows, "ip_loss") == near(metric(kIpLoss)));
      CHECK(sum(rows, "risk_cost") == near(metric(kRiskCost)));
      CHECK(sum(rows, "sold") == near(metric(kUnitsSold)));
      CHECK(sum(rows, "arrivals") == near(metric(kUnitsBought)));
      double costs = 0.0, npv = 0.0, cash = 0.0, peak = 0.0;
      for (const auto& row : rows) {
        double month = 0.0;
        for (const char* c :
             {"design", "tooling", "purchase", "carrying", "quality", "delay_cost", "ip_loss", "risk_cost"})
          month += row[c].get<double>();
        const double k = row["month"].get<double>(), mid = (k + row["month_end"].get<double>()) / 2;
        costs += month;
        npv += month * std::pow(1.0 + s.discount_rate, -mid / 12.0);
        cash += row["cash_in"].get<double>() - row["cash_out"].get<double>();
        CHECK(row["cumulative_cash"].get<double>() == near(cash));
        peak = std::max(peak, -cash);
      }
      CHECK(costs == near(metric(kTotalCost)));
      CHECK(npv == near(metric(kNpvCost)));
      CHECK(peak == near(metric(kPeakCash)));
    }
  }
}
