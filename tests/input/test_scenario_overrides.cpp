// --set PATH=VALUE overrides (input/scenario_overrides.hpp), through the parser as the CLI uses them.
#include <catch2/catch.hpp>
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "input/scenario_overrides.hpp"
#include "input/scenario_parser.hpp"
#include "support/run_binary.hpp"
#include "support/scenario_fixtures.hpp"

using tcosim::ParseOptions;
using tcosim::ParseResult;
using tcosim::test::all_errors;
using tcosim::test::slot_of;

namespace {

const std::string kFull = tcosim::test::read_file(std::string(TCOSIM_SOURCE_DIR) + "/tests/data/scenario_full.yaml");

ParseResult parse_with(const std::vector<std::string>& sets) {
  return tcosim::parse_scenario_text(kFull, "full.yaml", ParseOptions{.repair_correlations = false, .overrides = sets});
}

double mean_of(const tcosim::Scenario& s, const std::string& path) { return s.inputs[slot_of(s, path)].dist.mean(); }

}  // namespace

TEST_CASE("overrides change scalars anywhere in the scenario, long and short forms") {
  const ParseResult r =
      parse_with({"horizon_months=24", "run.seed=3", "finance.carrying_rate=0.3", "options.oem-sz.unit_cost.max=20",
                  "odm_dg.unit_cost=12", "market.unit_margin.mean=25", "oem-sz.delays.tooling rework.probability=0.5",
                  "cm-penang.freight_per_unit=1.5", "targets.budget=1e6"});
  INFO(all_errors(r));
  REQUIRE(r.scenario);
  const tcosim::Scenario& s = *r.scenario;
  CHECK(s.horizon_months == 24);
  CHECK(s.run.seed == 3);
  CHECK(s.carrying_rate == 0.3);
  CHECK(mean_of(s, "oem-sz.unit_cost") == Approx((11.0 + 20.0) / 2));
  CHECK(s.inputs[slot_of(s, "odm_dg.unit_cost")].dist.is_constant());
  CHECK(mean_of(s, "odm_dg.unit_cost") == 12.0);
  CHECK(mean_of(s, "cm-penang.freight_per_unit") == 1.5);  // absent from the file: created
  CHECK(s.targets.budget == 1e6);
  CHECK(mean_of(s, "oem-sz.delays.tooling rework") == Approx(1.0 * 0.5 + 2.0 * 0.3 + 3.0 * 0.2));
  CHECK(s.options[0].delays[0].name == "tooling rework");
  CHECK(s.inputs[s.options[0].delays[0].occurs].dist.mean() == Approx(0.5));
}

TEST_CASE("the content hash reflects overrides, independent of their order") {
  const ParseResult none = parse_with({});
  const ParseResult a = parse_with({"horizon_months=24", "run.seed=3"});
  const ParseResult b = parse_with({"run.seed=3", "horizon_months=24"});
  REQUIRE((none.scenario && a.scenario && b.scenario));
  CHECK(none.scenario->sha256 == tcosim::scenario_sha256(kFull, {}));
  CHECK(a.scenario->sha256 != none.scenario->sha256);
  CHECK(a.scenario->sha256 == b.scenario->sha256);
}

TEST_CASE("a bad path names the --set, the level where it failed and the keys valid there") {
  SECTION("misspelt key") {
    const ParseResult r = parse_with({"market.demand_unit.median=6000"});
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].field == "--set market.demand_unit.median");
    CHECK_THAT(r.errors[0].message, Catch::Contains("did you mean `demand_units`?") &&
                                        Catch::Contains("valid here: demand_units, unit_margin"));
  }
  SECTION("unknown option") {
    const ParseResult r = parse_with({"options.odm-dg.unit_cost=12"});
    REQUIRE(r.errors.size() == 1);
    CHECK_THAT(r.errors[0].message, Catch::Contains("no option named `odm-dg`") && Catch::Contains("odm_dg"));
  }
  SECTION("parameter the distribution does not have") {
    const ParseResult r = parse_with({"oem-sz.unit_cost.mean=12"});
    REQUIRE(r.errors.size() == 1);
    CHECK_THAT(r.errors[0].message, Catch::Contains("valid here: dist, min, max"));
  }
  SECTION("into a constant") {
    const ParseResult r = parse_with({"cm-penang.unit_cost.mean=12"});
    REQUIRE(r.errors.size() == 1);
    CHECK_THAT(r.errors[0].message, Catch::Contains("not a mapping") && Catch::Contains("set it whole"));
  }
  SECTION("malformed, empty value and set twice") {
    CHECK(parse_with({"horizon_months"}).errors.at(0).message.find("PATH=VALUE") != std::string::npos);
    CHECK(parse_with({"horizon_months="}).errors.at(0).message.find("missing value") != std::string::npos);
    CHECK(parse_with({"horizon_months=1", "horizon_months=2"}).errors.at(0).message.find("set twice") !=
          std::string::npos);
  }
}

TEST_CASE("validation errors about an overridden value point at the --set, not the file") {
  SECTION("type error") {
    const ParseResult r = parse_with({"odm_dg.unit_cost.min=abc"});
    INFO(all_errors(r));
    REQUIRE(!r.scenario);
    bool found = false;
    for (const auto& d : r.errors) found = found || (d.field == "--set odm_dg.unit_cost.min" && d.line == 0);
    CHECK(found);
  }
  SECTION("a quoted number stays a string") {
    const ParseResult r = parse_with({"horizon_months=\"24\""});
    REQUIRE(!r.scenario);
    CHECK(r.errors.at(0).field == "--set horizon_months");
  }
  SECTION("out of range") {
    const ParseResult r = parse_with({"oem-sz.delays.tooling rework.probability=1.5"});
    REQUIRE(!r.scenario);
    CHECK(r.errors.at(0).field == "--set oem-sz.delays.tooling rework.probability");
  }
  SECTION("a dist map replaced by a number, and a number by a dist map") {
    const ParseResult r = parse_with({"oem-sz.unit_cost=13", "cm-penang.unit_cost={dist: uniform, min: 10, max: 14}"});
    INFO(all_errors(r));
    REQUIRE(r.scenario);
    CHECK(mean_of(*r.scenario, "oem-sz.unit_cost") == 13.0);
    CHECK(mean_of(*r.scenario, "cm-penang.unit_cost") == Approx(12.0));
  }
}

TEST_CASE("apply_overrides on a bare tree reports without a file") {
  YAML::Node root = YAML::Load("a: {b: 1}\noptions: []\n");
  const tcosim::Diagnostics d = tcosim::apply_overrides(root, {"a.b=2"});
  CHECK(d.empty());
  CHECK(root["a"]["b"].as<int>() == 2);
  const tcosim::Diagnostics bad = tcosim::apply_overrides(root, {"zzz=1"});
  REQUIRE(bad.size() == 1);
  CHECK(bad[0].field == "--set zzz");
}

TEST_CASE("run --set changes the run and its recorded hash") {
  tcosim::test::TempDir a("set-a"), b("set-b");
  const std::string scen = std::string(TCOSIM_SOURCE_DIR) + "/scenarios/default.yaml";
  REQUIRE(tcosim::test::run_tcosim("run " + scen + " --trials 3000 -q --out " + a.str()).status == 0);
  const auto r = tcosim::test::run_tcosim("run --set horizon_months=24 " + scen +
                                          " --set run.seed=5 --trials 3000 -q --out " + b.str());
  INFO(r.output);
  REQUIRE(r.status == 0);
  const auto ja = nlohmann::json::parse(tcosim::test::read_file(a.path() / "summary.json"));
  const auto jb = nlohmann::json::parse(tcosim::test::read_file(b.path() / "summary.json"));
  CHECK(jb["horizon_months"] == 24);
  CHECK(jb["seed"] == 5);
  CHECK(ja["scenario_sha256"] != jb["scenario_sha256"]);
  const auto bad = tcosim::test::run_tcosim("run " + scen + " --set market.demand_unit=5 -q --out " + b.str());
  CHECK(bad.status == 1);
  CHECK_THAT(bad.output, Catch::Contains("--set market.demand_unit") && Catch::Contains("demand_units"));
}

TEST_CASE("a value that names itself through an alias is an error, not a stack overflow") {
  const ParseResult r = parse_with({"market.unit_margin=&a [*a]", "horizon_months=&b {x: *b}"});
  INFO(all_errors(r));
  CHECK_FALSE(r.scenario);
  REQUIRE(r.errors.size() == 2);
  for (const auto& d : r.errors) CHECK(d.message.find("is nested more than 1000 levels deep") != std::string::npos);
  CHECK(r.errors[0].field == "--set market.unit_margin");
  // Aliases that do not loop are fine.
  const ParseResult ok = parse_with({"market.unit_margin={dist: discrete, values: &v [1, 2], weights: *v}"});
  INFO(all_errors(ok));
  CHECK(ok.scenario);
}

TEST_CASE("a duplicate inside a --set value names no line (it has none)") {
  const ParseResult r = parse_with({"market.unit_margin={dist: uniform, min: 1, min: 2, max: 3}",
                                    "options.odm_dg.delays=[{name: d, probability: 1, months: 1}, "
                                    "{name: d, probability: 1, months: 2}]"});
  INFO(all_errors(r));
  CHECK_FALSE(r.scenario);
  REQUIRE(r.errors.size() == 2);
  for (const auto& d : r.errors) CHECK(d.message.find("line") == std::string::npos);
  CHECK(r.errors[0].message == "duplicate key `min`");
  CHECK(r.errors[1].message == "duplicate delay name `d`");
}

namespace {

const std::string kFormat2Scenario =
    tcosim::test::read_file(std::string(TCOSIM_SOURCE_DIR) + "/tests/data/scenario_format2_full.yaml");

/// scenario_full.yaml as a format-2 file: none of the format-2 fields is in the file.
std::string full_as_format2() {
  std::string text = kFull;
  text.replace(text.find("tcosim: 1"), 9, "tcosim: 2");
  return text;
}

ParseResult parse_text_with(const std::string& text, const std::vector<std::string>& sets) {
  return tcosim::parse_scenario_text(text, "f2.yaml", ParseOptions{.repair_correlations = false, .overrides = sets});
}

}  // namespace

TEST_CASE("overrides set the format-2 fields, creating the blocks a file leaves out") {
  const ParseResult r =
      parse_text_with(full_as_format2(),
                      {"market.demand_profile.growth_per_year=0.1", "market.demand_profile.start_month=4",
                       "finance.discount_rate=0.2", "finance.runway=1e6", "oem-sz.payment.deposit=0.5",
                       "oem-sz.order_cover_months=2", "odm_dg.price_change_per_year={dist: uniform, min: -0.1, max: 0}",
                       "cm-penang.tariff_events=[{name: t, annual_probability: 0.2, added_rate: 0.1}]"});
  INFO(all_errors(r));
  REQUIRE(r.scenario);
  const tcosim::Scenario& s = *r.scenario;
  CHECK(s.demand_profile.growth_per_year == slot_of(s, "market.demand_profile.growth_per_year"));
  CHECK(mean_of(s, "market.demand_profile.growth_per_year") == 0.1);
  CHECK(s.demand_profile.start_month == 4);
  CHECK(s.discount_rate == 0.2);
  CHECK(s.runway == 1e6);
  CHECK(s.options[0].deposit == 0.5);
  CHECK(s.options[0].order_cover_months == 2);
  CHECK(s.options[1].price_change_per_year == slot_of(s, "odm_dg.price_change_per_year"));
  CHECK(mean_of(s, "odm_dg.price_change_per_year") == Approx(-0.05));
  REQUIRE(s.options[2].tariff_events.size() == 1);
  CHECK(s.options[2].tariff_events[0].added_rate == slot_of(s, "cm-penang.tariff_events.t.added_rate"));
}

TEST_CASE("overrides reach inside the format-2 fields a file gives") {
  const ParseResult r = parse_text_with(
      kFormat2Scenario,
      {"market.demand_profile.growth_per_year.mode=0.3", "market.demand_profile.seasonality[11]=2",
       "oem-sz.tariff_events.section-301 increase.added_rate.max=0.3",
       "oem-sz.tariff_events.de minimis.annual_probability=0.5", "oem-sz.price_change_per_year.mean=-0.05"});
  INFO(all_errors(r));
  REQUIRE(r.scenario);
  const tcosim::Scenario& s = *r.scenario;
  CHECK(mean_of(s, "market.demand_profile.growth_per_year") == Approx((-0.1 + 0.3 + 0.5) / 3));
  CHECK(s.demand_profile.seasonality[11] == 2);
  CHECK(mean_of(s, "oem-sz.tariff_events.section-301 increase.added_rate") == Approx(0.2));
  CHECK(s.inputs[slot_of(s, "oem-sz.tariff_events.de minimis.time")].dist.p[0] == Approx(-std::log1p(-0.5) / 12));
  CHECK(mean_of(s, "oem-sz.price_change_per_year") == Approx(-0.05));
}

TEST_CASE("a bad format-2 override is refused like any other") {
  SECTION("misspelt key inside demand_profile") {
    const ParseResult r = parse_text_with(kFormat2Scenario, {"market.demand_profile.growth=0.1"});
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].field == "--set market.demand_profile.growth");
    CHECK(r.errors[0].message ==
          "no key `growth` in `market.demand_profile`; did you mean `growth_per_year`? (valid here: growth_per_year, "
          "seasonality, start_month)");
  }
  SECTION("misspelt payment key, payment absent from the file") {
    const ParseResult r = parse_text_with(full_as_format2(), {"oem-sz.payment.deposti=0.5"});
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].message ==
          "no key `deposti` in `options.oem-sz.payment`; did you mean `deposit`? (valid here: deposit)");
  }
  SECTION("unknown tariff event") {
    const ParseResult r = parse_text_with(kFormat2Scenario, {"oem-sz.tariff_events.section-302.added_rate=0.1"});
    REQUIRE(r.errors.size() == 1);
    CHECK_THAT(r.errors[0].message,
               Catch::Contains("no entry named `section-302`") && Catch::Contains("section-301 increase"));
  }
  SECTION("an out-of-range value points at the --set") {
    const ParseResult r = parse_text_with(kFormat2Scenario, {"finance.discount_rate=1"});
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].to_string() == "f2.yaml: --set finance.discount_rate: must lie in [0, 1), found 1");
  }
  SECTION("a format-2 field set on a format-1 file") {
    const ParseResult r = parse_with({"finance.discount_rate=0.2"});
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].to_string() ==
          "full.yaml: --set finance.discount_rate: `discount_rate` needs `tcosim: 2` (format 2, money over time); this "
          "file says `tcosim: 1`");
  }
}
