// The validated scenario types (models/scenario.hpp): defaults, and how each prints.
#include <catch2/catch.hpp>
#include <limits>

#include "models/scenario.hpp"
#include "support/numeric.hpp"
#include "support/printable.hpp"
#include "support/scenario_fixtures.hpp"

using namespace tcosim;
using tcosim::test::kInf;

namespace {

InputSpec input(std::string path, Distribution d) {
  InputSpec in;
  in.path = std::move(path);
  in.id = input_id_for(in.path);
  in.dist = std::move(d);
  return in;
}

OptionSpec option(std::string name, ManufacturingModel model) {
  OptionSpec o;
  o.name = std::move(name);
  o.model = model;
  return o;
}

}  // namespace

TEST_CASE("a scenario's defaults are MODEL.md's") {
  const Scenario s;
  CHECK(s.currency == "USD");
  CHECK(s.carrying_rate == 0.25);
  CHECK(s.salvage_fraction == 0.0);
  CHECK(s.run.trials == 100000);
  CHECK(s.run.seed == 1);
  CHECK(s.run.sampling == Sampling::Random);
  CHECK(s.correlation.empty());
  CHECK_FALSE(s.targets.budget.has_value());
  CHECK(InputSpec{}.hi == kInf);
  CHECK(OptionSpec{}.model == ManufacturingModel::Oem);
  // Format 2's defaults mean format 1 (MODEL.md 7.1).
  CHECK(s.format == 1);
  CHECK(s.demand_profile.flat());
  CHECK(s.demand_profile.start_month == 1);
  CHECK(s.discount_rate == 0.0);
  CHECK_FALSE(s.runway.has_value());
  CHECK(OptionSpec{}.deposit == 0.0);
  CHECK(OptionSpec{}.price_change_per_year == kNoSlot);
  CHECK(OptionSpec{}.plain_totals());
}

TEST_CASE("the parts of a scenario print their identifying fields") {
  CHECK(fmt::format("{}", input("market.unit_margin", Distribution::uniform(8, 12))) ==
        "InputSpec{market.unit_margin: uniform(min=8, max=12), clamp [0, inf]}");
  CHECK(fmt::format("{}", EventSlots{"tooling rework", 4, 5}) ==
        "EventSlots{tooling rework: occurs=slot 4, amount=slot 5}");
  CHECK(fmt::format("{}", IpLeakSlots{7, 8, 9}) ==
        "IpLeakSlots{time=slot 7, margin_loss=slot 8, response_cost=slot 9}");
  OptionSpec o = option("odm-dg", ManufacturingModel::Odm);
  o.delays.resize(2);
  CHECK(fmt::format("{}", o) == "OptionSpec{odm-dg (odm), 2 delays, 0 risks}");
  o.has_ip_leak = true;
  o.risks.resize(1);
  CHECK(fmt::format("{}", o) == "OptionSpec{odm-dg (odm), 2 delays, 1 risks, ip_leak}");
  o.deposit = 0.3;
  o.order_cover_months = 3;
  o.price_change_per_year = 12;
  o.tariff_events.push_back(TariffSlots{"s301", 13, 14});
  CHECK(fmt::format("{}", o) ==
        "OptionSpec{odm-dg (odm), 2 delays, 1 risks, ip_leak, deposit 0.3, lots of 3 months, price change slot 12, 1 "
        "tariff events}");
  CHECK(fmt::format("{}", TariffSlots{"s301", 13, 14}) == "TariffSlots{s301: time=slot 13, added_rate=slot 14}");
  DemandProfile dp;
  CHECK(fmt::format("{}", dp) == "DemandProfile{flat, start_month=1}");
  dp.growth_per_year = 2;
  dp.start_month = 9;
  CHECK(fmt::format("{}", dp) == "DemandProfile{growth=slot 2, start_month=9}");
  CHECK(fmt::format("{}", RunDefaults{5000, 9, Sampling::Lhs}) == "RunDefaults{trials=5000, seed=9, sampling=lhs}");
  CorrelationSpec c;
  CHECK(fmt::format("{}", c) == "CorrelationSpec{none}");
  c.slots = {2, 5};
  c.repaired = true;
  CHECK(fmt::format("{}", c) == "CorrelationSpec{2 inputs at slots [2, 5], repaired}");
  Targets t;
  CHECK(fmt::format("{}", t) == "Targets{none}");
  t.deadline_months = 9;
  CHECK(fmt::format("{}", t) == "Targets{deadline_months=9}");
  t.budget = 5e5;
  CHECK(fmt::format("{}", t) == "Targets{budget=500000, deadline_months=9}");
}

TEST_CASE("a scenario prints its name, currency, horizon, first inputs and options") {
  Scenario s;
  s.name = "tiny";
  s.currency = "EUR";
  s.horizon_months = 24;
  s.inputs = {input("market.demand_units", Distribution::constant(2400)),
              input("market.unit_margin", Distribution::uniform(8, 12))};
  s.options = {option("a", ManufacturingModel::Oem), option("b", ManufacturingModel::Contract)};
  CHECK(
      fmt::format("{}", s) ==
      "Scenario{\"tiny\", format 1, EUR, 24 months, 2 inputs (market.demand_units: constant(2400), market.unit_margin: "
      "uniform(min=8, max=12)), options a (oem), b (contract)}");
  s.inputs.push_back(input("a.unit_cost", Distribution::pert(1, 2, 5)));
  s.inputs.push_back(input("b.unit_cost", Distribution::constant(3)));
  CHECK(
      fmt::format("{}", s) ==
      "Scenario{\"tiny\", format 1, EUR, 24 months, 4 inputs (market.demand_units: constant(2400), market.unit_margin: "
      "uniform(min=8, max=12), a.unit_cost: pert(min=1, mode=2, max=5, lambda=4), ...), options a (oem), b "
      "(contract)}");
}

TEST_CASE("a parsed scenario prints as the file describes it") {
  const Scenario s = test::default_scenario();
  const std::string text = fmt::format("{}", s);
  CHECK(text.starts_with(fmt::format("Scenario{{\"{}\", format {}, {}, {} months, {} inputs (market.demand_units: ",
                                     s.name, s.format, s.currency, s.horizon_months, s.inputs.size())));
  for (const OptionSpec& o : s.options) CHECK(text.find(fmt::format("{} ({})", o.name, o.model)) != std::string::npos);
  for (const InputSpec& in : s.inputs) CHECK(in.id == input_id_for(in.path));
}
