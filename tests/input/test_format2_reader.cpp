// Format 2 (MODEL.md 7.1): the fields only `tcosim: 2` files may use, through the parser as
// `tcosim check` and `tcosim run` read them; every refusal is checked word for word.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "input/format2_reader.hpp"
#include "input/scenario_parser.hpp"
#include "sim/philox_stream.hpp"
#include "support/numeric.hpp"
#include "support/printable.hpp"
#include "support/run_binary.hpp"
#include "support/scenario_fixtures.hpp"

using namespace tcosim;
using tcosim::test::data_file;
using tcosim::test::error_lines;
using tcosim::test::kInf;
using tcosim::test::parse_or_fail;
using tcosim::test::slot_of;

namespace {

// The base of every case. Lines added with with_market() start at 7, with_option() (inside
// odm-dg) and with_top() at 14.
const std::string kBase2 = R"(tcosim: 2
name: speaker
horizon_months: 36
market:
  demand_units: {dist: uniform, min: 1000, max: 2000}
  unit_margin: 20
options:
  - name: oem-sz
    model: oem
    unit_cost: {dist: triangular, min: 10, mode: 12, max: 15}
  - name: odm-dg
    model: odm
    unit_cost: 14
)";

std::string replace_once(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  REQUIRE(text.find(from, at + 1) == std::string::npos);
  text.replace(at, from.size(), to);
  return text;
}

/// `text` as a format-1 file.
std::string as_format1(const std::string& text) { return replace_once(text, "tcosim: 2\n", "tcosim: 1\n"); }

std::string with_market(const std::string& lines, const std::string& base = kBase2) {
  return replace_once(base, "  unit_margin: 20\n", "  unit_margin: 20\n" + lines);
}
std::string with_option(const std::string& lines, const std::string& base = kBase2) { return base + lines; }
std::string with_top(const std::string& lines, const std::string& base = kBase2) { return base + lines; }

std::vector<std::string> errors_of(const std::string& yaml) {
  const ParseResult r = parse_scenario_text(yaml, "bad.yaml");
  CHECK_FALSE(r.scenario.has_value());
  return error_lines(r.errors);
}

const std::string kTariff = "    tariff_events:\n      - name: t1\n";

struct Refused {
  std::string what, yaml, message;
};

std::vector<Refused> refused_format2_cases() {
  const std::string need = "needs `tcosim: 2` (format 2, money over time); this file says `tcosim: 1`";
  return {
      // Version and horizon.
      {"another version", replace_once(kBase2, "tcosim: 2", "tcosim: 3"),
       "bad.yaml:1:9: tcosim: unsupported format version `3`; expected `tcosim: 1` or `tcosim: 2`, the formats this "
       "tcosim reads"},
      {"horizon over 600 months", replace_once(kBase2, "horizon_months: 36", "horizon_months: 601"),
       "bad.yaml:3:17: horizon_months: format 2 allows at most 600 months, found 601"},
      {"horizon a fraction over 600 months", replace_once(kBase2, "horizon_months: 36", "horizon_months: 600.5"),
       "bad.yaml:3:17: horizon_months: format 2 allows at most 600 months, found 600.5"},
      // market.demand_profile
      {"growth constant -1", with_market("  demand_profile:\n    growth_per_year: -1\n"),
       "bad.yaml:8:22: market.demand_profile.growth_per_year: must be > -1, found -1"},
      {"growth constant below -1", with_market("  demand_profile:\n    growth_per_year: -1.5\n"),
       "bad.yaml:8:22: market.demand_profile.growth_per_year: must be > -1, found -1.5"},
      {"growth not a number", with_market("  demand_profile:\n    growth_per_year: fast\n"),
       "bad.yaml:8:22: market.demand_profile.growth_per_year: expected a number or a {dist: ...} mapping, found "
       "`fast`"},
      {"seasonality of 11 weights",
       with_market("  demand_profile:\n    seasonality: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n"),
       "bad.yaml:8:18: market.demand_profile.seasonality: must list exactly 12 weights (January to December), found "
       "11"},
      {"seasonality of 13 weights",
       with_market("  demand_profile:\n    seasonality: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n"),
       "bad.yaml:8:18: market.demand_profile.seasonality: must list exactly 12 weights (January to December), found "
       "13"},
      {"seasonality with a zero weight",
       with_market("  demand_profile:\n    seasonality: [1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1]\n"),
       "bad.yaml:8:28: market.demand_profile.seasonality[3]: must be > 0 (the weight of April), found 0"},
      {"seasonality with a negative weight",
       with_market("  demand_profile:\n    seasonality: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -2]\n"),
       "bad.yaml:8:52: market.demand_profile.seasonality[11]: must be > 0 (the weight of December), found -2"},
      {"seasonality with an infinite weight",
       with_market("  demand_profile:\n    seasonality: [.inf, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n"),
       "bad.yaml:8:19: market.demand_profile.seasonality[0]: must be a finite number, found `.inf`"},
      {"seasonality not a list", with_market("  demand_profile:\n    seasonality: 1\n"),
       "bad.yaml:8:18: market.demand_profile.seasonality: expected a list of 12 weights, January to December, found "
       "`1`"},
      {"start_month 13", with_market("  demand_profile:\n    start_month: 13\n"),
       "bad.yaml:8:18: market.demand_profile.start_month: must be a whole number from 1 to 12 (the calendar month of "
       "month 0), found `13`"},
      {"start_month 0", with_market("  demand_profile:\n    start_month: 0\n"),
       "bad.yaml:8:18: market.demand_profile.start_month: must be a whole number from 1 to 12 (the calendar month of "
       "month 0), found `0`"},
      {"start_month fractional", with_market("  demand_profile:\n    start_month: 2.5\n"),
       "bad.yaml:8:18: market.demand_profile.start_month: must be a whole number from 1 to 12 (the calendar month of "
       "month 0), found `2.5`"},
      {"demand_profile key typo", with_market("  demand_profile:\n    growth_per_yer: 0.1\n"),
       "bad.yaml:8:5: market.demand_profile.growth_per_yer: unknown key `growth_per_yer`; did you mean "
       "`growth_per_year`?"},
      {"demand_profile not a mapping", with_market("  demand_profile: 0.1\n"),
       "bad.yaml:7:19: market.demand_profile: expected a {growth_per_year, seasonality, start_month} mapping, found "
       "`0.1`"},
      // finance:
      {"discount_rate 1", with_top("finance:\n  discount_rate: 1\n"),
       "bad.yaml:15:18: finance.discount_rate: must lie in [0, 1), found 1"},
      {"discount_rate negative", with_top("finance:\n  discount_rate: -0.1\n"),
       "bad.yaml:15:18: finance.discount_rate: must lie in [0, 1), found -0.1"},
      {"runway negative", with_top("finance:\n  runway: -1\n"),
       "bad.yaml:15:11: finance.runway: must be >= 0, found -1"},
      {"finance key typo", with_top("finance:\n  discount_rte: 0.1\n"),
       "bad.yaml:15:3: finance.discount_rte: unknown key `discount_rte`; did you mean `discount_rate`?"},
      // An option's payment, lots and prices.
      {"deposit above 1", with_option("    payment:\n      deposit: 1.5\n"),
       "bad.yaml:15:16: options.odm-dg.payment.deposit: must lie in [0, 1], found 1.5"},
      {"deposit negative", with_option("    payment:\n      deposit: -0.1\n"),
       "bad.yaml:15:16: options.odm-dg.payment.deposit: must lie in [0, 1], found -0.1"},
      {"payment key typo", with_option("    payment:\n      deposti: 0.3\n"),
       "bad.yaml:15:7: options.odm-dg.payment.deposti: unknown key `deposti`; did you mean `deposit`?"},
      {"payment not a mapping", with_option("    payment: 0.3\n"),
       "bad.yaml:14:14: options.odm-dg.payment: expected a {deposit} mapping, found `0.3`"},
      {"order_cover_months 0", with_option("    order_cover_months: 0\n"),
       "bad.yaml:14:25: options.odm-dg.order_cover_months: must be > 0 months, found 0"},
      {"order_cover_months negative", with_option("    order_cover_months: -3\n"),
       "bad.yaml:14:25: options.odm-dg.order_cover_months: must be > 0 months, found -3"},
      {"price_change_per_year constant -1", with_option("    price_change_per_year: -1\n"),
       "bad.yaml:14:28: options.odm-dg.price_change_per_year: must be > -1, found -1"},
      // tariff_events:
      {"tariff added_rate negative",
       with_option(kTariff + "        annual_probability: 0.1\n        added_rate: -0.1\n"),
       "bad.yaml:17:21: options.odm-dg.tariff_events.t1.added_rate: must be >= 0, found -0.1"},
      {"tariff annual_probability 1", with_option(kTariff + "        annual_probability: 1\n        added_rate: 0.1\n"),
       "bad.yaml:16:29: options.odm-dg.tariff_events.t1.annual_probability: must lie in [0, 1) (1 would mean the "
       "tariff applies from month 0 for sure), found 1"},
      {"tariff annual_probability negative",
       with_option(kTariff + "        annual_probability: -0.1\n        added_rate: 0.1\n"),
       "bad.yaml:16:29: options.odm-dg.tariff_events.t1.annual_probability: must lie in [0, 1) (1 would mean the "
       "tariff applies from month 0 for sure), found -0.1"},
      {"tariff missing added_rate", with_option(kTariff + "        annual_probability: 0.1\n"),
       "bad.yaml:15:9: options.odm-dg.tariff_events.t1.added_rate: missing required `added_rate` (the duty it adds, "
       "as a fraction of unit_cost)"},
      {"tariff missing annual_probability", with_option(kTariff + "        added_rate: 0.1\n"),
       "bad.yaml:15:9: options.odm-dg.tariff_events.t1.annual_probability: missing required `annual_probability` "
       "(chance per year that the tariff starts, in [0, 1))"},
      {"tariff key typo", with_option(kTariff + "        annual_probability: 0.1\n        added_rte: 0.1\n"),
       "bad.yaml:17:9: options.odm-dg.tariff_events.t1.added_rte: unknown key `added_rte`; did you mean "
       "`added_rate`?"},
      {"duplicate tariff names",
       with_option(kTariff + "        annual_probability: 0.1\n        added_rate: 0.1\n" +
                   "      - name: t1\n        annual_probability: 0.2\n        added_rate: 0.2\n"),
       "bad.yaml:18:15: options.odm-dg.tariff_events[1].name: duplicate tariff event name `t1` (first used at line "
       "15)"},
      {"tariff name with a dot",
       with_option("    tariff_events:\n      - name: v1.2 duty\n        annual_probability: 0.1\n"
                   "        added_rate: 0.1\n"),
       "bad.yaml:15:15: options.odm-dg.tariff_events[0].name: invalid tariff event name: `v1.2 duty` must not "
       "contain '.', ',', '\"' or a line break (event names become column names and input paths)"},
      {"tariff name empty",
       with_option("    tariff_events:\n      - name: ''\n        annual_probability: 0.1\n        added_rate: 0.1\n"),
       "bad.yaml:15:15: options.odm-dg.tariff_events[0].name: invalid tariff event name: must not be empty"},
      {"tariff_events not a list", with_option("    tariff_events: 0.1\n"),
       "bad.yaml:14:20: options.odm-dg.tariff_events: expected a list of {name, annual_probability, added_rate} "
       "entries, found `0.1`"},
      // A format-1 file that uses a format-2 field: at the key.
      {"format 1 with demand_profile", as_format1(with_market("  demand_profile:\n    start_month: 3\n")),
       "bad.yaml:7:3: market.demand_profile: `demand_profile` " + need},
      {"format 1 with discount_rate", as_format1(with_top("finance:\n  discount_rate: 0.1\n")),
       "bad.yaml:15:3: finance.discount_rate: `discount_rate` " + need},
      {"format 1 with runway", as_format1(with_top("finance:\n  runway: 1000\n")),
       "bad.yaml:15:3: finance.runway: `runway` " + need},
      {"format 1 with payment", as_format1(with_option("    payment:\n      deposit: 0.3\n")),
       "bad.yaml:14:5: options.odm-dg.payment: `payment` " + need},
      {"format 1 with order_cover_months", as_format1(with_option("    order_cover_months: 3\n")),
       "bad.yaml:14:5: options.odm-dg.order_cover_months: `order_cover_months` " + need},
      {"format 1 with price_change_per_year", as_format1(with_option("    price_change_per_year: -0.03\n")),
       "bad.yaml:14:5: options.odm-dg.price_change_per_year: `price_change_per_year` " + need},
      {"format 1 with tariff_events",
       as_format1(with_option(kTariff + "        annual_probability: 0.1\n        added_rate: 0.1\n")),
       "bad.yaml:14:5: options.odm-dg.tariff_events: `tariff_events` " + need},
  };
}

}  // namespace

TEST_CASE("every format-2 rule refuses its scenario with one exact, located message") {
  for (const Refused& c : refused_format2_cases()) {
    INFO("case: " << c.what);
    CHECK(errors_of(c.yaml) == std::vector<std::string>{c.message});
  }
}

TEST_CASE("a format-1 file gets one message per format-2 field, all in one pass") {
  const std::string yaml =
      as_format1(with_top("finance:\n  discount_rate: 0.1\n  runway: 5\n",
                          with_option("    order_cover_months: 3\n", with_market("  demand_profile: {}\n"))));
  const std::string need = "needs `tcosim: 2` (format 2, money over time); this file says `tcosim: 1`";
  CHECK(errors_of(yaml) == std::vector<std::string>{
                               "bad.yaml:7:3: market.demand_profile: `demand_profile` " + need,
                               "bad.yaml:15:5: options.odm-dg.order_cover_months: `order_cover_months` " + need,
                               "bad.yaml:17:3: finance.discount_rate: `discount_rate` " + need,
                               "bad.yaml:18:3: finance.runway: `runway` " + need,
                           });
}

TEST_CASE("a file whose version is wrong is told only that, not also about its format-2 fields") {
  const std::string yaml = replace_once(with_top("finance:\n  discount_rate: 0.1\n"), "tcosim: 2", "tcosim: 7");
  CHECK(errors_of(replace_once(yaml, "horizon_months: 36", "horizon_months: 900")) ==
        std::vector<std::string>{"bad.yaml:1:9: tcosim: unsupported format version `7`; expected `tcosim: 1` or "
                                 "`tcosim: 2`, the formats this tcosim reads"});
}

TEST_CASE("format-2 limits that are allowed parse") {
  SECTION("a horizon of 600 months in format 2, and over 600 in format 1") {
    CHECK(parse_or_fail(replace_once(kBase2, "horizon_months: 36", "horizon_months: 600")).horizon_months == 600);
    const Scenario f1 = parse_or_fail(as_format1(replace_once(kBase2, "horizon_months: 36", "horizon_months: 601")));
    CHECK(f1.format == 1);
    CHECK(f1.horizon_months == 601);
  }
  SECTION("yearly changes just above -1, and distributions that reach below it (their draws are clamped)") {
    const Scenario s = parse_or_fail(with_option("    price_change_per_year: {dist: uniform, min: -3, max: -2}\n",
                                                 with_market("  demand_profile:\n    growth_per_year: -0.999\n")));
    CHECK(s.inputs[s.demand_profile.growth_per_year].dist.p[0] == -0.999);
    CHECK(s.inputs[s.demand_profile.growth_per_year].lo == kMinYearlyChange);
    CHECK(s.inputs[s.options[1].price_change_per_year].dist.kind == DistKind::Uniform);
  }
  SECTION("the ends of the closed ranges") {
    const Scenario s =
        parse_or_fail(with_top("finance:\n  discount_rate: 0\n  runway: 0\n",
                               with_option("    payment:\n      deposit: 1\n" + kTariff +
                                               "        annual_probability: 0\n" + "        added_rate: 0\n",
                                           with_market("  demand_profile:\n    start_month: 12\n"))));
    CHECK(s.discount_rate == 0);
    CHECK(s.runway == 0.0);
    CHECK(s.options[1].deposit == 1);
    CHECK(s.demand_profile.start_month == 12);
    CHECK(s.inputs[s.options[1].tariff_events[0].time].dist.p[0] == 0.0);  // never starts
  }
  SECTION("empty blocks: no inputs, format 1's meaning") {
    const Scenario s =
        parse_or_fail(with_option("    payment: {}\n    tariff_events: []\n", with_market("  demand_profile: {}\n")));
    CHECK(s.demand_profile.flat());
    CHECK(s.demand_profile.start_month == 1);
    CHECK(s.options[1].deposit == 0);
    CHECK(s.options[1].tariff_events.empty());
    CHECK(s.inputs.size() == parse_or_fail(kBase2).inputs.size());
  }
}

TEST_CASE("the full format-2 file parses into its fields and inputs in the contract's order") {
  const ParseResult r = parse_scenario_file(data_file("scenario_format2_full.yaml"));
  for (const Diagnostic& d : r.errors) UNSCOPED_INFO(d.to_string());
  REQUIRE(r.scenario.has_value());
  const Scenario& s = *r.scenario;
  CHECK(s.format == 2);
  CHECK(s.metric_count() == kMetricCount);
  CHECK(s.decision_metric() == kNpvCost);
  CHECK(s.horizon_months == 36);
  CHECK(s.carrying_rate == 0.2);
  CHECK(s.discount_rate == 0.1);
  CHECK(s.runway == 250000.0);

  const DemandProfile& dp = s.demand_profile;
  CHECK(dp.growth_per_year == 2);
  CHECK(dp.has_seasonality);
  CHECK(dp.seasonality == std::array<double, 12>{0.8, 0.8, 0.9, 0.9, 1, 1, 1, 1, 1.1, 1.2, 1.5, 1.8});
  CHECK(dp.start_month == 9);
  CHECK_FALSE(dp.flat());

  const std::vector<std::string> expected_paths = {
      "market.demand_units",
      "market.unit_margin",
      "market.demand_profile.growth_per_year",
      "oem-sz.design_cost",
      "oem-sz.tooling_cost",
      "oem-sz.unit_cost",
      "oem-sz.freight_per_unit",
      "oem-sz.duty_rate",
      "oem-sz.defect_rate",
      "oem-sz.moq",
      "oem-sz.development_months",
      "oem-sz.production_months",
      "oem-sz.delays.tooling rework.occurs",
      "oem-sz.delays.tooling rework",
      "oem-sz.ip_leak.time",
      "oem-sz.ip_leak.margin_loss",
      "oem-sz.ip_leak.response_cost",
      "oem-sz.risks.recertification.occurs",
      "oem-sz.risks.recertification",
      "oem-sz.price_change_per_year",
      "oem-sz.tariff_events.section-301 increase.time",
      "oem-sz.tariff_events.section-301 increase.added_rate",
      "oem-sz.tariff_events.de minimis.time",
      "oem-sz.tariff_events.de minimis.added_rate",
      "odm-dg.design_cost",
      "odm-dg.tooling_cost",
      "odm-dg.unit_cost",
      "odm-dg.freight_per_unit",
      "odm-dg.duty_rate",
      "odm-dg.defect_rate",
      "odm-dg.moq",
      "odm-dg.development_months",
      "odm-dg.production_months",
      "cm-penang.design_cost",
      "cm-penang.tooling_cost",
      "cm-penang.unit_cost",
      "cm-penang.freight_per_unit",
      "cm-penang.duty_rate",
      "cm-penang.defect_rate",
      "cm-penang.moq",
      "cm-penang.development_months",
      "cm-penang.production_months",
      "cm-penang.price_change_per_year",
  };
  std::vector<std::string> paths;
  for (const InputSpec& in : s.inputs) {
    paths.push_back(in.path);
    CHECK(in.id == input_id_for(in.path));
  }
  CHECK(paths == expected_paths);

  // Clamps: the yearly changes at -0.99, the rest as in format 1.
  for (const InputSpec& in : s.inputs) {
    INFO(in.path);
    const bool yearly = in.path.ends_with("growth_per_year") || in.path.ends_with("price_change_per_year");
    const bool fraction = in.path.ends_with("defect_rate") || in.path.ends_with("margin_loss");
    CHECK(in.lo == (yearly ? -0.99 : 0.0));
    CHECK(in.hi == (fraction ? 1.0 : kInf));
  }
  CHECK(s.inputs[2].dist.describe() == "triangular(min=-0.1, mode=0.2, max=0.5)");

  const OptionSpec& oem = s.options[0];
  CHECK(oem.deposit == 0.3);
  CHECK(oem.order_cover_months == 3);
  CHECK(oem.price_change_per_year == 19);
  CHECK(s.inputs[19].dist.kind == DistKind::Normal);
  REQUIRE(oem.tariff_events.size() == 2);
  CHECK(oem.tariff_events[0].name == "section-301 increase");
  CHECK(oem.tariff_events[0].time == 20);
  CHECK(oem.tariff_events[0].added_rate == 21);
  CHECK(oem.tariff_events[1].name == "de minimis");
  CHECK(oem.tariff_events[1].time == 22);
  CHECK(oem.tariff_events[1].added_rate == 23);
  // The start of a tariff is drawn like a leak: exponential, P(start within 12 months) = p.
  CHECK(s.inputs[20].dist.kind == DistKind::Exponential);
  CHECK(s.inputs[20].dist.p[0] == -std::log1p(-0.15) / 12.0);
  CHECK(s.inputs[20].dist.cdf(12.0) == Approx(0.15));
  CHECK(s.inputs[21].dist.describe() == "uniform(min=0.1, max=0.25)");
  CHECK(s.inputs[22].dist.p[0] == 0.0);
  CHECK(s.inputs[23].dist.is_constant());
  CHECK(s.inputs[23].dist.p[0] == 0.05);
  CHECK_FALSE(oem.plain_totals());

  const OptionSpec& odm = s.options[1];
  CHECK(odm.deposit == 0.0);
  CHECK(odm.order_cover_months == 0.0);
  CHECK(odm.price_change_per_year == kNoSlot);
  CHECK(odm.tariff_events.empty());
  CHECK(odm.plain_totals());

  const OptionSpec& cm = s.options[2];
  CHECK(cm.deposit == 0.0);
  CHECK(cm.price_change_per_year == 42);
  CHECK(s.inputs[42].dist.is_constant());
  CHECK(s.inputs[42].dist.p[0] == -0.02);
  CHECK_FALSE(cm.plain_totals());

  // Correlations name the new inputs by path like any other.
  CHECK(s.correlation.slots == std::vector<Slot>{2, 19, 21, 0});
  CHECK(s.correlation.spearman[0 * 4 + 1] == -0.4);
  CHECK(s.correlation.spearman[2 * 4 + 3] == 0.2);
}

TEST_CASE("a format-2 file that sets none of the new fields has exactly the inputs of format 1") {
  const auto same_inputs = [](const std::string& text1) {
    const Scenario f1 = parse_or_fail(text1);
    const Scenario f2 = parse_or_fail(replace_once(text1, "tcosim: 1", "tcosim: 2"));
    CHECK(f1.format == 1);
    CHECK(f2.format == 2);
    REQUIRE(f1.inputs.size() == f2.inputs.size());
    for (std::size_t k = 0; k < f1.inputs.size(); ++k) {
      INFO(f1.inputs[k].path);
      CHECK(f2.inputs[k].path == f1.inputs[k].path);
      CHECK(f2.inputs[k].id == f1.inputs[k].id);
      CHECK(f2.inputs[k].dist.kind == f1.inputs[k].dist.kind);
      CHECK(f2.inputs[k].dist.p == f1.inputs[k].dist.p);
      CHECK(f2.inputs[k].dist.describe() == f1.inputs[k].dist.describe());
      CHECK(f2.inputs[k].lo == f1.inputs[k].lo);
      CHECK(f2.inputs[k].hi == f1.inputs[k].hi);
    }
    CHECK(f2.demand_profile.flat());
    CHECK(f2.discount_rate == 0.0);
    CHECK_FALSE(f2.runway.has_value());
    for (const OptionSpec& o : f2.options) {
      CHECK(o.plain_totals());
      CHECK(o.deposit == 0.0);
    }
    CHECK(f2.correlation.slots == f1.correlation.slots);
    CHECK(f2.correlation.cholesky == f1.correlation.cholesky);
  };
  same_inputs(as_format1(kBase2));
  same_inputs(tcosim::test::read_file(data_file("scenario_full.yaml")));
  same_inputs(tcosim::test::read_file(std::string(TCOSIM_SOURCE_DIR) + "/scenarios/smart-speaker-format1.yaml"));
}

TEST_CASE("format-2 drafts print as one line") {
  DemandProfileDraft d;
  CHECK(d.to_string() == "DemandProfileDraft{no growth, start_month=1}");
  d.growth_per_year = Distribution::constant(0.1);
  d.has_seasonality = true;
  d.start_month = 3;
  CHECK(d.to_string() == "DemandProfileDraft{growth, seasonality, start_month=3}");
  const TariffDraft t{"s301", 0.15, Distribution::uniform(0.1, 0.25), {}};
  CHECK(t.to_string() == "TariffDraft{s301, annual_probability=0.15, added_rate=uniform(min=0.1, max=0.25)}");
  OptionFormat2Draft o;
  o.deposit = 0.3;
  o.order_cover_months = 3;
  o.tariff_events.push_back(t);
  CHECK(o.to_string() == "OptionFormat2Draft{deposit=0.3, order_cover_months=3, no price change, 1 tariff events}");
}
