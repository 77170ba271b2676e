#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "input/correlation_reader.hpp"
#include "input/scenario_parser.hpp"
#include "sim/philox_stream.hpp"
#include "support/printable.hpp"
#include "support/same_distribution.hpp"
#include "support/scenario_fixtures.hpp"
#include "util/sha256.hpp"

#ifndef TCOSIM_SOURCE_DIR
#define TCOSIM_SOURCE_DIR "."
#endif

using namespace tcosim;
using tcosim::test::all_errors;
using tcosim::test::data_file;
using tcosim::test::same_distribution;

namespace {

// The two-option scenario every malformed case below is derived from. Line numbers in the
// cases refer to this text (appended lines start at 14).
const std::string kBase = R"(tcosim: 1
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

/// kBase with `from` (which must occur exactly once) replaced by `to`.
std::string edit(const std::string& from, const std::string& to) {
  const auto at = kBase.find(from);
  REQUIRE(at != std::string::npos);
  REQUIRE(kBase.find(from, at + 1) == std::string::npos);
  std::string out = kBase;
  out.replace(at, from.size(), to);
  return out;
}

struct BadCase {
  std::string what;
  std::string yaml;
  int line;
  std::string field;
  std::string fragment;  ///< must appear in that diagnostic's message
};

/// Asserts that parsing fails and that one diagnostic names `field`, contains `fragment`
/// and sits on `line`.
void expect_error(const BadCase& c) {
  INFO("case: " << c.what);
  const ParseResult r = parse_scenario_text(c.yaml, "bad.yaml");
  INFO("diagnostics:\n" << all_errors(r));
  CHECK_FALSE(r.scenario.has_value());
  const Diagnostic* hit = nullptr;
  for (const Diagnostic& d : r.errors) {
    if (d.field == c.field && d.message.find(c.fragment) != std::string::npos) {
      hit = &d;
      break;
    }
  }
  REQUIRE(hit != nullptr);
  CHECK(hit->file == "bad.yaml");
  CHECK(hit->line == c.line);
  if (c.line > 0) CHECK(hit->column > 0);
}

std::vector<BadCase> malformed_cases() {
  const std::string delay = "    delays:\n      - name: late parts\n        probability: 0.2\n        months: 2\n";
  return {
      // Document level.
      {"root is a list", "- a\n- b\n", 1, "", "expected a mapping at the top level"},
      {"root is a scalar", "just text\n", 1, "", "found `just text`"},
      {"YAML syntax error", "tcosim: 1\nname: x\nhorizon_months: [36\nmarket: 1\n", 4, "", "invalid YAML"},
      {"tab indentation", "tcosim: 1\n\tname: x\n", 2, "", "invalid YAML"},
      {"two documents", kBase + "---\nname: other\n", 15, "", "only one YAML document"},
      // Found with the fuzz harness: finite parameters that overflow what a distribution precomputes.
      {"a PERT whose shape overflows",
       edit("{dist: triangular, min: 10, mode: 12, max: 15}",
            "{dist: pert, min: 10, mode: 12, max: 15, lambda: 1e308}"),
       10, "options.oem-sz.unit_cost", "cannot compute a pert distribution with these parameters"},
      {"a beta whose shape overflows", edit("unit_cost: 14", "unit_cost: {dist: beta, alpha: 1e308, beta: 1e-308}"), 13,
       "options.odm-dg.unit_cost", "cannot compute a beta distribution with these parameters"},
      {"a lognormal whose draws are NaN", edit("unit_cost: 14", "unit_cost: {dist: lognormal, mean: 1, sd: 1e200}"), 13,
       "options.odm-dg.unit_cost", "whose draws are not numbers (NaN)"},
      {"a triangular whose draws are NaN",
       edit("unit_cost: 14", "unit_cost: {dist: triangular, min: -1.7e308, mode: 1.7e308, max: 1.7e308}"), 13,
       "options.odm-dg.unit_cost", "whose draws are not numbers (NaN)"},
      // Found by fuzzing: yaml-cpp 0.7's LoadAll looped forever, allocating, on a `,` outside a flow list.
      {"a stray comma", ",\n", 1, "", "invalid YAML: unexpected `,`"},
      {"a comma after a flow list", "[1],\n", 1, "", "invalid YAML: unexpected `,`"},
      {"a comma after the document", kBase + "...\n,\n", 15, "", "invalid YAML: unexpected `,`"},
      {"non-scalar key", kBase + "[a, b]: 1\n", 14, "", "keys must be plain names"},
      // Top-level fields.
      {"missing tcosim", edit("tcosim: 1\n", ""), 1, "tcosim", "missing required `tcosim`"},
      {"wrong tcosim version", edit("tcosim: 1", "tcosim: 3"), 1, "tcosim",
       "unsupported format version `3`; expected `tcosim: 1` or `tcosim: 2`"},
      {"tcosim version 0", edit("tcosim: 1", "tcosim: 0"), 1, "tcosim", "unsupported format version `0`"},
      {"tcosim not an integer", edit("tcosim: 1", "tcosim: one"), 1, "tcosim", "unsupported format version"},
      {"missing name", edit("name: speaker\n", ""), 1, "name", "missing required `name`"},
      {"unsafe name ../x", edit("name: speaker", "name: ../x"), 2, "name", "may contain only letters"},
      {"unsafe name .", edit("name: speaker", "name: ."), 2, "name", "must not start with '.'"},
      {"unsafe name ..", edit("name: speaker", "name: .."), 2, "name", "must not start with '.'"},
      {"name too long", edit("name: speaker", "name: " + std::string(101, 'n')), 2, "name", "at most 100"},
      {"name is a list", edit("name: speaker", "name: [a]"), 2, "name", "expected a name, found a list"},
      {"missing horizon", edit("horizon_months: 36\n", ""), 1, "horizon_months", "missing required"},
      {"horizon zero", edit("horizon_months: 36", "horizon_months: 0"), 3, "horizon_months", "must be > 0"},
      {"horizon negative", edit("horizon_months: 36", "horizon_months: -12"), 3, "horizon_months", "must be > 0"},
      {"horizon NaN", edit("horizon_months: 36", "horizon_months: .nan"), 3, "horizon_months", "finite number"},
      {"horizon is text", edit("horizon_months: 36", "horizon_months: three"), 3, "horizon_months",
       "expected a number, found `three`"},
      {"unknown top key", kBase + "descripton: x\n", 14, "descripton", "did you mean `description`?"},
      {"duplicate top key", kBase + "horizon_months: 24\n", 14, "horizon_months",
       "duplicate key `horizon_months` (first given at line 3)"},
      {"description is a list", kBase + "description: [a, b]\n", 14, "description", "expected a string, found a list"},
      {"currency with a symbol", kBase + "currency: US$\n", 14, "currency", "1 to 8 letters"},
      // correlations: (line 14 is `correlations:`, entries from line 15)
      {"correlation with a constant input",
       kBase + "correlations:\n  - [market.demand_units, market.unit_margin, -0.3]\n", 15, "correlations[0][1]",
       "`market.unit_margin` does not vary (constant(20)): there is nothing to correlate"},
      {"correlations not a list", kBase + "correlations: 0.5\n", 14, "correlations",
       "expected a list of [input, input, rho] entries, found `0.5`"},
      {"correlation entry not a list", kBase + "correlations:\n  - market.demand_units\n", 15, "correlations[0]",
       "expected an [input, input, rho] list, found `market.demand_units`"},
      {"correlation entry of two items", kBase + "correlations:\n  - [market.demand_units, oem-sz.unit_cost]\n", 15,
       "correlations[0]", "expected an [input, input, rho] list, found a list of 2 items"},
      {"correlation rho above 1", kBase + "correlations:\n  - [market.demand_units, oem-sz.unit_cost, 1.5]\n", 15,
       "correlations[0][2]", "a rank correlation must lie in [-1, 1], found 1.5"},
      {"correlation rho NaN", kBase + "correlations:\n  - [market.demand_units, oem-sz.unit_cost, .nan]\n", 15,
       "correlations[0][2]", "finite number"},
      {"correlation rho is text", kBase + "correlations:\n  - [market.demand_units, oem-sz.unit_cost, high]\n", 15,
       "correlations[0][2]", "expected a number, found `high`"},
      {"correlation path is a list", kBase + "correlations:\n  - [[a], oem-sz.unit_cost, 0.5]\n", 15,
       "correlations[0][0]", "expected an input path"},
      {"correlation of an input with itself", kBase + "correlations:\n  - [oem-sz.unit_cost, oem-sz.unit_cost, 0.5]\n",
       15, "correlations[0]", "correlates `oem-sz.unit_cost` with itself"},
      {"correlation pair given twice",
       kBase + "correlations:\n  - [oem-sz.unit_cost, oem-sz.moq, 0.5]\n  - [oem-sz.moq, oem-sz.unit_cost, 0.2]\n", 16,
       "correlations[1]", "duplicate pair `oem-sz.moq`, `oem-sz.unit_cost` (first given at line 15)"},
      {"correlation path typo", kBase + "correlations:\n  - [oem-sz.unit_cots, market.demand_units, 0.5]\n", 15,
       "correlations[0][0]", "unknown input `oem-sz.unit_cots`; did you mean `oem-sz.unit_cost`?"},
      {"correlation path with options. prefix",
       kBase + "correlations:\n  - [market.demand_units, options.oem-sz.development_months, 0.5]\n", 15,
       "correlations[0][1]", "input paths have no `options.` prefix: `oem-sz.development_months`"},
      {"correlation path of an unknown option",
       kBase + "correlations:\n  - [market.demand_units, cm-penang.moq, 0.5]\n", 15, "correlations[0][1]",
       "unknown input `cm-penang.moq`; inputs are named"},
      {"correlation with a zero-width range",
       edit("unit_cost: 14", "unit_cost: {dist: uniform, min: 14, max: 14}") +
           "correlations:\n  - [odm-dg.unit_cost, market.demand_units, 0.5]\n",
       15, "correlations[0][0]", "`odm-dg.unit_cost` does not vary (uniform(min=14, max=14))"},
      {"correlation with a leak that never happens",
       kBase + "    ip_leak:\n      annual_probability: 0\n      margin_loss: 0.1\n" +
           "correlations:\n  - [odm-dg.ip_leak.time, market.demand_units, 0.5]\n",
       18, "correlations[0][0]", "`odm-dg.ip_leak.time` does not vary (exponential(rate=0))"},
      {"correlations not positive semi-definite",
       kBase + "correlations:\n  - [oem-sz.unit_cost, oem-sz.moq, 0.9]\n  - [oem-sz.moq, odm-dg.moq, 0.9]\n" +
           "  - [oem-sz.unit_cost, odm-dg.moq, -0.9]\n",
       14, "correlations", "cannot all hold at once"},
      // run:
      {"trials zero", kBase + "run:\n  trials: 0\n", 15, "run.trials", "between 1 and 10^15"},
      {"trials fractional", kBase + "run:\n  trials: 1.5\n", 15, "run.trials", "whole number"},
      {"trials negative", kBase + "run:\n  trials: -3\n", 15, "run.trials", "whole number"},
      {"trials above 10^15", kBase + "run:\n  trials: 1000000000000001\n", 15, "run.trials", "10^15"},
      {"trials above 2^63", kBase + "run:\n  trials: 9223372036854775809\n", 15, "run.trials", "10^15"},
      {"trials above 2^64", kBase + "run:\n  trials: 18446744073709551616\n", 15, "run.trials", "at most 10^15"},
      {"trials inexact float", kBase + "run:\n  trials: 1e17\n", 15, "run.trials", "with all its digits"},
      {"seed negative", kBase + "run:\n  seed: -1\n", 15, "run.seed", "unsigned 64-bit integer"},
      {"seed above 2^64", kBase + "run:\n  seed: 18446744073709551616\n", 15, "run.seed", "unsigned 64-bit"},
      {"sampling unknown", kBase + "run:\n  sampling: randm\n", 15, "run.sampling", "did you mean `random`?"},
      {"run key typo", kBase + "run:\n  trails: 10\n", 15, "run.trails", "did you mean `trials`?"},
      // market: and finance:
      {"market missing unit_margin", edit("  unit_margin: 20\n", ""), 5, "market.unit_margin",
       "missing required `unit_margin`"},
      {"market key typo", edit("  unit_margin: 20", "  unit_margn: 20"), 6, "market.unit_margn",
       "did you mean `unit_margin`?"},
      {"salvage_fraction above 1", kBase + "finance:\n  salvage_fraction: 1.5\n", 15, "finance.salvage_fraction",
       "must lie in [0, 1], found 1.5"},
      {"carrying_rate negative", kBase + "finance:\n  carrying_rate: -0.1\n", 15, "finance.carrying_rate",
       "must be >= 0"},
      {"carrying_rate infinite", kBase + "finance:\n  carrying_rate: .inf\n", 15, "finance.carrying_rate",
       "finite number"},
      // options:
      {"fewer than 2 options", edit("  - name: odm-dg\n    model: odm\n    unit_cost: 14\n", ""), 8, "options",
       "at least 2 options are needed to compare, found 1"},
      {"options is a mapping", edit("options:\n", "options: {}\nx:\n"), 7, "options", "expected a list of options"},
      {"option is a scalar", kBase + "  - just-a-name\n", 14, "options[2]", "expected an option mapping"},
      {"duplicate option name", edit("name: odm-dg", "name: oem-sz"), 11, "options[1].name",
       "duplicate option name `oem-sz` (first used at line 8)"},
      {"option name with a space", edit("name: odm-dg", "name: odm dg"), 11, "options[1].name",
       "may contain only letters, digits, '-' and '_'"},
      {"option without a name", edit("  - name: odm-dg\n", "  - \n"), 12, "options[1].name", "missing required `name`"},
      {"unknown option key typo", edit("unit_cost: 14", "unit_cots: 14"), 13, "options.odm-dg.unit_cots",
       "did you mean `unit_cost`?"},
      {"unknown option key far off", kBase + "    colour: red\n", 14, "options.odm-dg.colour", "expected one of:"},
      {"unknown model", edit("model: oem", "model: oen"), 9, "options.oem-sz.model", "did you mean `oem`?"},
      {"missing model", edit("    model: odm\n", ""), 11, "options.odm-dg.model", "missing required `model`"},
      {"missing unit_cost", edit("    unit_cost: 14\n", ""), 11, "options.odm-dg.unit_cost",
       "missing required `unit_cost`"},
      {"contract missing moq", edit("model: odm", "model: contract"), 11, "options.odm-dg.moq",
       "contract options have no default"},
      {"contract missing development_months", edit("model: odm", "model: contract"), 11,
       "options.odm-dg.development_months", "contract options have no default"},
      {"negative constant cost", kBase + "    design_cost: -5\n", 14, "options.odm-dg.design_cost",
       "must be >= 0, found -5"},
      {"defect_rate constant above 1", kBase + "    defect_rate: 1.5\n", 14, "options.odm-dg.defect_rate",
       "must lie in [0, 1], found 1.5"},
      // <dist>
      {"infinite constant", edit("unit_cost: 14", "unit_cost: .inf"), 13, "options.odm-dg.unit_cost",
       "must be a finite number"},
      {"infinite parameter", edit("max: 2000}", "max: .inf}"), 5, "market.demand_units.max", "finite number"},
      {"string where a number is expected", edit("unit_cost: 14", "unit_cost: cheap"), 13, "options.odm-dg.unit_cost",
       "expected a number or a {dist: ...} mapping, found `cheap`"},
      {"quoted number", edit("unit_cost: 14", "unit_cost: \"14\""), 13, "options.odm-dg.unit_cost",
       "found the string \"14\""},
      {"list where a dist is expected", edit("unit_cost: 14", "unit_cost: [13, 14]"), 13, "options.odm-dg.unit_cost",
       "expected a number or a {dist: ...} mapping, found a list"},
      {"empty value", edit("unit_cost: 14", "unit_cost:"), 13, "options.odm-dg.unit_cost", "found nothing"},
      {"missing dist key", edit("{dist: uniform, min: 1000, max: 2000}", "{min: 1000, max: 2000}"), 5,
       "market.demand_units.dist", "missing required `dist`"},
      {"unknown dist", edit("dist: triangular", "dist: triangulr"), 10, "options.oem-sz.unit_cost.dist",
       "did you mean `triangular`?"},
      {"unknown dist param", edit("mode: 12", "mdoe: 12"), 10, "options.oem-sz.unit_cost.mdoe", "did you mean `mode`?"},
      {"dist param not a number", edit("min: 10,", "min: ten,"), 10, "options.oem-sz.unit_cost.min",
       "expected a number, found `ten`"},
      {"duplicate dist param", edit("min: 1000,", "min: 1000, min: 900,"), 5, "market.demand_units.min",
       "duplicate key `min`"},
      {"min > max", edit("min: 1000, max: 2000", "min: 3000, max: 2000"), 5, "market.demand_units.max",
       "max 2000 must not be less than min 3000"},
      {"mode outside", edit("mode: 12", "mode: 20"), 10, "options.oem-sz.unit_cost.mode",
       "mode 20 must lie within [min, max] = [10, 15]"},
      {"sd < 0", edit("unit_margin: 20", "unit_margin: {dist: normal, mean: 20, sd: -1}"), 6, "market.unit_margin.sd",
       "sd must be >= 0, found -1"},
      {"p90 <= median", edit("unit_margin: 20", "unit_margin: {dist: lognormal, median: 20, p90: 15}"), 6,
       "market.unit_margin.p90", "p90 15 must be greater than median 20"},
      {"lognormal mixing forms", edit("unit_margin: 20", "unit_margin: {dist: lognormal, mean: 20, sd: 4, median: 20}"),
       6, "market.unit_margin.median", "either mean and sd, or median and p90, not both"},
      {"weights negative", edit("unit_cost: 14", "unit_cost: {dist: discrete, values: [13, 14], weights: [1, -1]}"), 13,
       "options.odm-dg.unit_cost.weights", "weights[1] must be > 0, found -1"},
      {"weights length mismatch", edit("unit_cost: 14", "unit_cost: {dist: discrete, values: [13, 14], weights: [1]}"),
       13, "options.odm-dg.unit_cost.weights", "weights has length 1 but values has length 2"},
      {"values not a list", edit("unit_cost: 14", "unit_cost: {dist: discrete, values: 13, weights: [1]}"), 13,
       "options.odm-dg.unit_cost.values", "expected a list of numbers"},
      {"weight not a number", edit("unit_cost: 14", "unit_cost: {dist: discrete, values: [13, 14], weights: [1, x]}"),
       13, "options.odm-dg.unit_cost.weights[1]", "expected a number, found `x`"},
      // delays:, risks:, ip_leak:
      {"delays not a list", kBase + "    delays: late\n", 14, "options.odm-dg.delays", "expected a list of"},
      {"delay probability above 1",
       kBase + "    delays:\n      - name: late parts\n        probability: 1.5\n"
               "        months: 2\n",
       16, "options.odm-dg.delays.late parts.probability", "must lie in [0, 1], found 1.5"},
      {"delay missing months", kBase + "    delays:\n      - name: late parts\n        probability: 0.2\n", 15,
       "options.odm-dg.delays.late parts.months", "missing required `months`"},
      {"duplicate delay name",
       kBase + delay + "      - name: late parts\n        probability: 0.1\n        months: 1\n", 18,
       "options.odm-dg.delays[1].name", "duplicate delay name `late parts` (first used at line 15)"},
      {"event name with a dot",
       kBase + "    delays:\n      - name: v1.2 respin\n        probability: 0.2\n"
               "        months: 2\n",
       15, "options.odm-dg.delays[0].name", "must not contain '.'"},
      {"delay months negative",
       kBase + "    delays:\n      - name: late parts\n        probability: 0.2\n"
               "        months: -2\n",
       17, "options.odm-dg.delays.late parts.months", "must be >= 0, found -2"},
      {"risk name with a comma",
       kBase + "    risks:\n      - name: recall, EU\n        probability: 0.2\n"
               "        cost: 1000\n",
       15, "options.odm-dg.risks[0].name", "must not contain"},
      {"risk missing probability", kBase + "    risks:\n      - name: recall\n        cost: 1000\n", 15,
       "options.odm-dg.risks.recall.probability", "missing required `probability`"},
      {"risk key typo", kBase + "    risks:\n      - name: recall\n        probability: 0.1\n        cots: 1\n", 17,
       "options.odm-dg.risks.recall.cots", "did you mean `cost`?"},
      {"annual_probability 1", kBase + "    ip_leak:\n      annual_probability: 1\n      margin_loss: 0.5\n", 15,
       "options.odm-dg.ip_leak.annual_probability", "must lie in [0, 1)"},
      {"ip_leak missing margin_loss", kBase + "    ip_leak:\n      annual_probability: 0.1\n", 15,
       "options.odm-dg.ip_leak.margin_loss", "missing required `margin_loss`"},
      {"margin_loss constant above 1", kBase + "    ip_leak:\n      annual_probability: 0.1\n      margin_loss: 1.2\n",
       16, "options.odm-dg.ip_leak.margin_loss", "must lie in [0, 1], found 1.2"},
      {"ip_leak key typo",
       kBase + "    ip_leak:\n      annual_probability: 0.1\n      margin_loss: 0.2\n      respons_cost: 5\n", 17,
       "options.odm-dg.ip_leak.respons_cost", "did you mean `response_cost`?"},
  };
}

}  // namespace

TEST_CASE("the base scenario of the malformed cases is itself valid") {
  const ParseResult r = parse_scenario_text(kBase, "base.yaml");
  INFO(all_errors(r));
  REQUIRE(r.scenario.has_value());
  CHECK(r.errors.empty());
}

TEST_CASE("every malformed scenario is rejected with a located diagnostic") {
  const std::vector<BadCase> cases = malformed_cases();
  CHECK(cases.size() >= 35);
  for (const BadCase& c : cases) expect_error(c);
}

TEST_CASE("a missing or unreadable file is a diagnostic without a line") {
  const ParseResult missing = parse_scenario_file("/nonexistent/tcosim/scenario.yaml");
  CHECK_FALSE(missing.scenario.has_value());
  REQUIRE(missing.errors.size() == 1);
  CHECK(missing.errors[0].file == "/nonexistent/tcosim/scenario.yaml");
  CHECK(missing.errors[0].line == 0);
  CHECK(missing.errors[0].message.find("No such file or directory") != std::string::npos);
  CHECK(missing.errors[0].to_string() ==
        "/nonexistent/tcosim/scenario.yaml: cannot read the scenario file: No such file or directory");

  const ParseResult directory = parse_scenario_file(std::string(TCOSIM_SOURCE_DIR) + "/tests/data");
  CHECK_FALSE(directory.scenario.has_value());
  REQUIRE(directory.errors.size() == 1);
  CHECK(directory.errors[0].line == 0);
  CHECK(directory.errors[0].message.find("Is a directory") != std::string::npos);
}

TEST_CASE("a scenario larger than kMaxScenarioBytes is refused unparsed, naming the limit") {
  // 0.3.0 parsed anything: a 40 MB list took 5 GB.
  const std::string big = "# " + std::string(kMaxScenarioBytes, 'x') + "\n";
  const ParseResult text = parse_scenario_text(big, "big.yaml");
  REQUIRE(text.errors.size() == 1);
  CHECK_THAT(text.errors[0].to_string(), Catch::StartsWith("big.yaml: the scenario is ") &&
                                             Catch::Contains("more than tcosim reads (1048576 bytes, 1 MiB)"));
  const ParseResult zero = parse_scenario_file("/dev/zero");  // an endless file: read one byte past the limit
  REQUIRE(zero.errors.size() == 1);
  CHECK_THAT(zero.errors[0].message, Catch::Contains("more than tcosim reads"));
}

TEST_CASE("an empty or comment-only file is a diagnostic without a line") {
  for (const std::string text : {"", "\n\n", "# only a comment\n", "~\n"}) {
    INFO("text: " << text);
    const ParseResult r = parse_scenario_text(text, "empty.yaml");
    CHECK_FALSE(r.scenario.has_value());
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].line == 0);
    CHECK(r.errors[0].field.empty());
    CHECK(r.errors[0].message.find("the scenario is empty") != std::string::npos);
  }
}

TEST_CASE("a number has at most one sign (found by fuzzing: +-20 read as -20)") {
  const ParseResult plus = parse_scenario_text(edit("unit_margin: 20", "unit_margin: +20"), "plus.yaml");
  INFO(all_errors(plus));
  REQUIRE(plus.scenario.has_value());
  CHECK(plus.scenario->inputs[plus.scenario->unit_margin].dist.mean() == 20.0);
  for (const std::string bad : {"+-20", "++20", "+-.5", "+"}) {
    INFO("value: " << bad);
    const ParseResult r = parse_scenario_text(edit("unit_margin: 20", "unit_margin: " + bad), "sign.yaml");
    INFO(all_errors(r));
    CHECK_FALSE(r.scenario.has_value());
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].field == "market.unit_margin");
    CHECK(r.errors[0].message == "expected a number or a {dist: ...} mapping, found `" + bad + "`");
  }
}

TEST_CASE("every input that once broke the parser under fuzzing parses, or gets diagnostics (fuzz/regressions)") {
  const std::filesystem::path dir =
      std::filesystem::path(TCOSIM_SOURCE_DIR) / "fuzz" / "regressions" / "scenario_parser";
  std::size_t n = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    INFO("input: " << entry.path());
    const ParseResult r = parse_scenario_file(entry.path().string());
    INFO(all_errors(r));
    CHECK(r.scenario.has_value() == r.errors.empty());
    for (const Diagnostic& d : r.errors) {
      CHECK(d.file == entry.path().string());
      CHECK_FALSE(d.message.empty());
    }
    ++n;
  }
  CHECK(n > 0);
}

TEST_CASE("aliases may share values, but not multiply them without bound") {
  // Shared within reason: read as if written out.
  const ParseResult shared =
      parse_scenario_text(edit("unit_cost: {dist: triangular, min: 10, mode: 12, max: 15}",
                               "unit_cost: &uc {dist: triangular, min: 10, mode: 12, max: 15}\n    tooling_cost: *uc"),
                          "shared.yaml");
  INFO(all_errors(shared));
  REQUIRE(shared.scenario.has_value());
  CHECK(shared.scenario->inputs[shared.scenario->options[0].tooling_cost].dist.mean() == Approx(37.0 / 3));

  // A 2.6 kB file naming 300 events 300 times, each with 300 values, took minutes.
  std::string values, delays, options;
  for (int i = 0; i < 300; ++i) {
    values += i == 0 ? "1" : ",1";
    delays += ",*e";
    options += ",*o";
  }
  const std::string blowup =
      "tcosim: 1\nname: x\nhorizon_months: 12\nmarket: {demand_units: 1, unit_margin: 1}\n"
      "options: [&o {name: a, model: oem, unit_cost: 1, delays: [&e {name: d, probability: 0.5, "
      "months: {dist: discrete, values: [" +
      values + "]}}" + delays + "]}" + options + "]\n";
  const ParseResult many = parse_scenario_text(blowup, "many.yaml");
  REQUIRE(many.errors.size() == 1);
  CHECK(many.errors[0].line == 0);
  CHECK(many.errors[0].message.find("the scenario expands to more than") != std::string::npos);
  CHECK(many.errors[0].message.find("values through aliases") != std::string::npos);

  // A value inside itself: endless.
  const ParseResult loop = parse_scenario_text(edit("unit_margin: 20", "unit_margin: &m [1, *m]"), "loop.yaml");
  REQUIRE(loop.errors.size() == 1);
  CHECK(loop.errors[0].message.find("is nested more than 1000 levels deep") != std::string::npos);
}

TEST_CASE("a YAML syntax error reports yaml-cpp's position, 1-based") {
  const ParseResult r = parse_scenario_text("tcosim: 1\nname: x\nhorizon_months: [36\nmarket: 1\n", "s.yaml");
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].line == 4);
  CHECK(r.errors[0].column == 7);
  CHECK(r.errors[0].to_string() == "s.yaml:4:7: invalid YAML: end of sequence flow not found");
}

TEST_CASE("every error in a file is reported, in one pass") {
  const std::string text = edit("horizon_months: 36", "horizon_months: -1") + "    unit_cots: 3\n" +
                           "run:\n  sampling: lhc\n" + "correlations:\n  - [market.demand_units, oem-sz.moq, -2]\n";
  const ParseResult r = parse_scenario_text(text, "many.yaml");
  INFO(all_errors(r));
  CHECK_FALSE(r.scenario.has_value());
  CHECK(tcosim::test::error_lines(r.errors) ==
        std::vector<std::string>{
            "many.yaml:3:17: horizon_months: must be > 0 months, found -1",
            "many.yaml:14:5: options.odm-dg.unit_cots: unknown key `unit_cots`; did you mean `unit_cost`?",
            "many.yaml:16:13: run.sampling: unknown sampling `lhc`; did you mean `lhs`?",
            "many.yaml:18:39: correlations[0][2]: a rank correlation must lie in [-1, 1], found -2",
        });
}

namespace {

void check_input(const Scenario& s, std::size_t index, const std::string& path, double hi = INFINITY) {
  INFO("input " << index << " expected " << path);
  REQUIRE(index < s.inputs.size());
  const InputSpec& in = s.inputs[index];
  CHECK(in.path == path);
  CHECK(in.id == input_id_for(path));
  CHECK(in.lo == 0.0);
  CHECK(in.hi == hi);
}

/// Same family and parameters (compared through the factories, so the test does not depend
/// on how distribution.cpp lays out Distribution::p).
}  // namespace

TEST_CASE("a full scenario parses into inputs in the contract's order") {
  const std::string path = data_file("scenario_full.yaml");
  const ParseResult r = parse_scenario_file(path);
  INFO(all_errors(r));
  REQUIRE(r.scenario.has_value());
  REQUIRE(r.errors.empty());
  const Scenario& s = *r.scenario;

  CHECK(s.source == path);
  CHECK(s.sha256.size() == 64);
  CHECK(s.name == "smart-speaker.v2");
  CHECK(s.description == "Full scenario used by test_scenario_parser.cpp");
  CHECK(s.currency == "EUR");
  CHECK(s.horizon_months == 36.0);
  CHECK(s.run.trials == 5000);
  CHECK(s.run.seed == 18446744073709551615ULL);
  CHECK(s.run.sampling == Sampling::Random);
  CHECK(s.carrying_rate == 0.2);
  CHECK(s.salvage_fraction == 0.1);

  const double inf = INFINITY;
  const std::vector<std::pair<std::string, double>> expected = {
      {"market.demand_units", inf},
      {"market.unit_margin", inf},
      {"oem-sz.design_cost", inf},
      {"oem-sz.tooling_cost", inf},
      {"oem-sz.unit_cost", inf},
      {"oem-sz.freight_per_unit", inf},
      {"oem-sz.duty_rate", inf},
      {"oem-sz.defect_rate", 1.0},
      {"oem-sz.moq", inf},
      {"oem-sz.development_months", inf},
      {"oem-sz.production_months", inf},
      {"oem-sz.delays.tooling rework.occurs", inf},
      {"oem-sz.delays.tooling rework", inf},
      {"oem-sz.delays.certification.occurs", inf},
      {"oem-sz.delays.certification", inf},
      {"oem-sz.ip_leak.time", inf},
      {"oem-sz.ip_leak.margin_loss", 1.0},
      {"oem-sz.ip_leak.response_cost", inf},
      {"oem-sz.risks.recertification.occurs", inf},
      {"oem-sz.risks.recertification", inf},
      {"odm_dg.design_cost", inf},
      {"odm_dg.tooling_cost", inf},
      {"odm_dg.unit_cost", inf},
      {"odm_dg.freight_per_unit", inf},
      {"odm_dg.duty_rate", inf},
      {"odm_dg.defect_rate", 1.0},
      {"odm_dg.moq", inf},
      {"odm_dg.development_months", inf},
      {"odm_dg.production_months", inf},
      {"cm-penang.design_cost", inf},
      {"cm-penang.tooling_cost", inf},
      {"cm-penang.unit_cost", inf},
      {"cm-penang.freight_per_unit", inf},
      {"cm-penang.duty_rate", inf},
      {"cm-penang.defect_rate", 1.0},
      {"cm-penang.moq", inf},
      {"cm-penang.development_months", inf},
      {"cm-penang.production_months", inf},
      {"cm-penang.ip_leak.time", inf},
      {"cm-penang.ip_leak.margin_loss", 1.0},
      {"cm-penang.ip_leak.response_cost", inf},
  };
  REQUIRE(s.inputs.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) check_input(s, i, expected[i].first, expected[i].second);

  CHECK(s.demand_units == 0);
  CHECK(s.unit_margin == 1);
  CHECK(same_distribution(s.inputs[0].dist, Distribution::lognormal_median_p90(100000, 180000)));
  CHECK(same_distribution(s.inputs[1].dist, Distribution::truncated_normal(20, 4, 5, 40)));

  REQUIRE(s.options.size() == 3);
  const OptionSpec& oem = s.options[0];
  CHECK(oem.name == "oem-sz");
  CHECK(oem.model == ManufacturingModel::Oem);
  const std::vector<Slot> oem_fields = {oem.design_cost,      oem.tooling_cost, oem.unit_cost, oem.freight_per_unit,
                                        oem.duty_rate,        oem.defect_rate,  oem.moq,       oem.development_months,
                                        oem.production_months};
  CHECK(oem_fields == std::vector<Slot>{2, 3, 4, 5, 6, 7, 8, 9, 10});
  CHECK(same_distribution(s.inputs[oem.design_cost].dist, Distribution::pert(100000, 150000, 300000)));
  CHECK(same_distribution(s.inputs[oem.tooling_cost].dist, Distribution::triangular(40000, 50000, 90000)));
  CHECK(same_distribution(s.inputs[oem.unit_cost].dist, Distribution::uniform(11, 14)));
  CHECK(same_distribution(s.inputs[oem.freight_per_unit].dist, Distribution::constant(0.8)));
  CHECK(same_distribution(s.inputs[oem.duty_rate].dist, Distribution::constant(0.05)));
  CHECK(same_distribution(s.inputs[oem.defect_rate].dist, Distribution::beta(2, 50)));
  // Defaults of an OEM option (MODEL.md section 4).
  CHECK(same_distribution(s.inputs[oem.moq].dist, Distribution::uniform(2000, 5000)));
  CHECK(same_distribution(s.inputs[oem.development_months].dist, Distribution::uniform(2, 4)));
  CHECK(same_distribution(s.inputs[oem.production_months].dist, Distribution::uniform(2, 4)));

  REQUIRE(oem.delays.size() == 2);
  CHECK(oem.delays[0].name == "tooling rework");
  CHECK(oem.delays[0].occurs == 11);
  CHECK(oem.delays[0].amount == 12);
  CHECK(same_distribution(s.inputs[11].dist, Distribution::bernoulli(0.3)));
  CHECK(same_distribution(s.inputs[12].dist, Distribution::discrete({1, 2, 3}, {5, 3, 2})));
  CHECK(oem.delays[1].name == "certification");
  CHECK(oem.delays[1].occurs == 13);
  CHECK(oem.delays[1].amount == 14);
  CHECK(same_distribution(s.inputs[14].dist, Distribution::constant(2)));

  REQUIRE(oem.has_ip_leak);
  CHECK(oem.ip_leak.time == 15);
  CHECK(oem.ip_leak.margin_loss == 16);
  CHECK(oem.ip_leak.response_cost == 17);
  // P(leak within 12 months) = annual_probability: mean leak time 12 / -ln(1 - p) months.
  CHECK(s.inputs[15].dist.kind == DistKind::Exponential);
  CHECK(s.inputs[15].dist.mean() == Approx(12.0 / -std::log(1.0 - 0.08)));
  CHECK(same_distribution(s.inputs[16].dist, Distribution::uniform(0.2, 0.5)));
  CHECK(same_distribution(s.inputs[17].dist, Distribution::constant(50000)));

  REQUIRE(oem.risks.size() == 1);
  CHECK(oem.risks[0].name == "recertification");
  CHECK(oem.risks[0].occurs == 18);
  CHECK(oem.risks[0].amount == 19);
  CHECK(same_distribution(s.inputs[18].dist, Distribution::bernoulli(0.1)));
  CHECK(same_distribution(s.inputs[19].dist, Distribution::lognormal_mean_sd(30000, 10000)));

  const OptionSpec& odm = s.options[1];
  CHECK(odm.name == "odm_dg");
  CHECK(odm.model == ManufacturingModel::Odm);
  CHECK(odm.design_cost == 20);
  CHECK(odm.production_months == 28);
  CHECK(odm.delays.empty());
  CHECK(odm.risks.empty());
  CHECK_FALSE(odm.has_ip_leak);
  CHECK(same_distribution(s.inputs[odm.unit_cost].dist, Distribution::pert(14, 15, 18, 6)));
  // Left-out fields: constant 0, and the ODM defaults.
  for (Slot slot : {odm.design_cost, odm.tooling_cost, odm.freight_per_unit, odm.duty_rate, odm.defect_rate}) {
    CHECK(same_distribution(s.inputs[slot].dist, Distribution::constant(0)));
  }
  CHECK(same_distribution(s.inputs[odm.moq].dist, Distribution::uniform(500, 1000)));
  CHECK(same_distribution(s.inputs[odm.development_months].dist, Distribution::constant(0)));
  CHECK(same_distribution(s.inputs[odm.production_months].dist, Distribution::uniform(2, 4)));

  const OptionSpec& cm = s.options[2];
  CHECK(cm.model == ManufacturingModel::Contract);
  CHECK(cm.design_cost == 29);
  CHECK(same_distribution(s.inputs[cm.design_cost].dist, Distribution::constant(200000)));
  CHECK(same_distribution(s.inputs[cm.moq].dist, Distribution::constant(10000)));
  CHECK(same_distribution(s.inputs[cm.development_months].dist, Distribution::uniform(4, 7)));
  CHECK(same_distribution(s.inputs[cm.production_months].dist, Distribution::constant(3)));
  REQUIRE(cm.has_ip_leak);
  CHECK(cm.ip_leak.time == 38);
  // A zero yearly probability means the design never leaks: rate 0.
  CHECK(same_distribution(s.inputs[cm.ip_leak.time].dist, Distribution::exponential(0)));
  CHECK(same_distribution(s.inputs[cm.ip_leak.response_cost].dist, Distribution::constant(0)));
}

TEST_CASE("scenario sha256 is that of the exact bytes, and run defaults apply") {
  const ParseResult r = parse_scenario_text(kBase, "base.yaml");
  REQUIRE(r.scenario.has_value());
  CHECK(r.scenario->sha256 == sha256_hex(kBase));
  CHECK(r.scenario->source == "base.yaml");
  CHECK(r.scenario->currency == "USD");
  CHECK(r.scenario->run.trials == 100000);
  CHECK(r.scenario->run.seed == 1);
  CHECK(r.scenario->run.sampling == Sampling::Random);
  CHECK(r.scenario->carrying_rate == 0.25);
  CHECK(r.scenario->salvage_fraction == 0.0);
  CHECK(r.scenario->inputs.size() == 2 + 2 * 9);
}

TEST_CASE("limits that are allowed parse") {
  const auto parses = [](const std::string& text) {
    const ParseResult r = parse_scenario_text(text, "ok.yaml");
    INFO(all_errors(r));
    CHECK(r.scenario.has_value());
    return r;
  };
  CHECK(parses(kBase + "run:\n  trials: 1000000000000000\n  seed: 0\n").scenario->run.trials == 1000000000000000ULL);
  CHECK(parses(kBase + "run:\n  trials: 1e6\n").scenario->run.trials == 1000000);
  parses(edit("name: speaker", "name: a.b_c-1"));
  parses(kBase + "finance:\n  salvage_fraction: 1\n  carrying_rate: 0\n");
  parses(kBase + "    defect_rate: 1\n    ip_leak:\n      annual_probability: 0.999\n      margin_loss: 1\n");
  parses(kBase + "    delays: []\n");
  // Draws below zero are clamped by the engine; only constants are range-checked.
  parses(edit("unit_margin: 20", "unit_margin: {dist: normal, mean: 1, sd: 5}"));
}

TEST_CASE("two inputs whose paths hash to the same stream id are an error") {
  // FNV-1a collision found by a birthday search: "o579599.design_cost" and
  // "o762382.design_cost" share the 32-bit id 0x73a44226.
  REQUIRE(input_id_for("o579599.design_cost") == input_id_for("o762382.design_cost"));
  std::string text = edit("name: oem-sz", "name: o579599");
  text.replace(text.find("name: odm-dg"), 12, "name: o762382");
  const ParseResult r = parse_scenario_text(text, "hash.yaml");
  INFO(all_errors(r));
  CHECK_FALSE(r.scenario.has_value());
  // The two names themselves hash alike, so every path built on them does: all 9 fields collide.
  REQUIRE(r.errors.size() == 9);
  CHECK(r.errors[0].line == 11);
  CHECK(r.errors[0].field == "options.o762382.design_cost");
  CHECK(r.errors[0].message.find("same random stream id as `o579599.design_cost`; rename one") != std::string::npos);
}

TEST_CASE("the options' inputs do not depend on other options") {
  // Stream ids come from paths, so adding an option leaves the others' ids alone.
  const ParseResult base = parse_scenario_text(kBase, "a.yaml");
  const ParseResult more = parse_scenario_text(kBase + "  - name: third\n    model: odm\n    unit_cost: 9\n", "b.yaml");
  REQUIRE(base.scenario.has_value());
  REQUIRE(more.scenario.has_value());
  for (std::size_t i = 0; i < base.scenario->inputs.size(); ++i) {
    CHECK(base.scenario->inputs[i].id == more.scenario->inputs[i].id);
  }
}

TEST_CASE("every shipped scenario parses") {
  const std::filesystem::path dir = std::filesystem::path(TCOSIM_SOURCE_DIR) / "scenarios";
  std::size_t count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".yaml") continue;
    ++count;
    const ParseResult r = parse_scenario_file(entry.path().string());
    INFO(entry.path().string() << "\n" << all_errors(r));
    CHECK(r.scenario.has_value());
  }
  CHECK(count > 0);
}

TEST_CASE("a misspelt required key is one diagnostic, not also a missing one") {
  for (const std::string& text : {edit("unit_cost: 14", "unit_cots: 14"), edit("mode: 12", "mdoe: 12"),
                                  edit("  unit_margin: 20", "  unit_margn: 20")}) {
    const ParseResult r = parse_scenario_text(text, "typo.yaml");
    INFO(all_errors(r));
    CHECK(r.errors.size() == 1);
    CHECK(r.errors[0].message.find("did you mean") != std::string::npos);
  }
}

TEST_CASE("sampling: lhs is read into the run defaults") {
  const ParseResult r = parse_scenario_text(kBase + "run:\n  sampling: lhs\n", "lhs.yaml");
  INFO(all_errors(r));
  REQUIRE(r.scenario.has_value());
  CHECK(r.scenario->run.sampling == Sampling::Lhs);
}

namespace {

// Three pairwise rank correlations that no joint distribution has (a ~ b and b ~ c strongly
// positive, a ~ c strongly negative), plus an unrelated consistent pair that must not be blamed.
const std::string kInconsistent = kBase +
                                  "correlations:\n"
                                  "  - [market.demand_units, odm-dg.production_months, 0.5]\n"
                                  "  - [oem-sz.unit_cost, oem-sz.moq, 0.9]\n"
                                  "  - [oem-sz.moq, odm-dg.moq, 0.9]\n"
                                  "  - [oem-sz.unit_cost, odm-dg.moq, -0.9]\n";

}  // namespace

TEST_CASE("correlations become the Spearman, Pearson and factor matrices over the inputs in first-mention order") {
  const ParseResult r = parse_scenario_text(kBase +
                                                "correlations:\n"
                                                "  - [oem-sz.unit_cost, market.demand_units, 0.6]\n"
                                                "  - [odm-dg.moq, oem-sz.unit_cost, -0.3]\n",
                                            "corr.yaml");
  INFO(all_errors(r));
  REQUIRE(r.scenario.has_value());
  const Scenario& s = *r.scenario;
  const CorrelationSpec& c = s.correlation;
  REQUIRE(c.slots.size() == 3);
  CHECK(s.inputs[c.slots[0]].path == "oem-sz.unit_cost");
  CHECK(s.inputs[c.slots[1]].path == "market.demand_units");
  CHECK(s.inputs[c.slots[2]].path == "odm-dg.moq");
  CHECK(c.spearman == std::vector<double>{1, 0.6, -0.3, 0.6, 1, 0, -0.3, 0, 1});
  const double p06 = 2 * std::sin(M_PI * 0.6 / 6), pm03 = 2 * std::sin(M_PI * -0.3 / 6);
  const std::vector<double> pearson = {1, p06, pm03, p06, 1, 0, pm03, 0, 1};
  REQUIRE(c.pearson.size() == 9);
  REQUIRE(c.cholesky.size() == 9);
  for (std::size_t i = 0; i < 9; ++i) CHECK(c.pearson[i] == Approx(pearson[i]).margin(1e-15));
  // L is lower triangular and L L^T reproduces the Pearson matrix.
  for (std::size_t i = 0; i < 3; ++i) {
    for (std::size_t j = 0; j < 3; ++j) {
      if (j > i) CHECK(c.cholesky[i * 3 + j] == 0.0);
      double llt = 0;
      for (std::size_t k = 0; k < 3; ++k) llt += c.cholesky[i * 3 + k] * c.cholesky[j * 3 + k];
      CHECK(llt == Approx(pearson[i * 3 + j]).margin(1e-14));
    }
  }
  CHECK_FALSE(c.repaired);
  CHECK(describe_correlation(s).find("used as given") != std::string::npos);
}

TEST_CASE("an empty correlations list means no correlations") {
  const ParseResult r = parse_scenario_text(kBase + "correlations: []\n", "none.yaml");
  REQUIRE(r.scenario.has_value());
  CHECK(r.scenario->correlation.empty());
  CHECK(describe_correlation(*r.scenario).empty());
}

TEST_CASE("an inconsistent correlation matrix is an error that names the conflicting entries") {
  const ParseResult r = parse_scenario_text(kInconsistent, "bad.yaml");
  INFO(all_errors(r));
  CHECK_FALSE(r.scenario.has_value());
  REQUIRE(r.errors.size() == 1);
  const Diagnostic& d = r.errors[0];
  CHECK(d.line == 14);
  CHECK(d.field == "correlations");
  CHECK(d.message.find("not positive semi-definite") != std::string::npos);
  CHECK(d.message.find("[oem-sz.unit_cost, oem-sz.moq, 0.9] (line 16)") != std::string::npos);
  CHECK(d.message.find("[oem-sz.moq, odm-dg.moq, 0.9] (line 17)") != std::string::npos);
  CHECK(d.message.find("[oem-sz.unit_cost, odm-dg.moq, -0.9] (line 18)") != std::string::npos);
  CHECK(d.message.find("production_months") == std::string::npos);
  CHECK(d.message.find("--repair-correlations") != std::string::npos);
}

TEST_CASE("with repair_correlations an inconsistent matrix is replaced by the nearest correlation matrix") {
  ParseOptions options;
  options.repair_correlations = true;
  const ParseResult r = parse_scenario_text(kInconsistent, "bad.yaml", options);
  INFO(all_errors(r));
  REQUIRE(r.scenario.has_value());
  const CorrelationSpec& c = r.scenario->correlation;
  CHECK(c.repaired);
  const std::size_t n = c.slots.size();
  REQUIRE(n == 5);
  for (std::size_t i = 0; i < n; ++i) {
    CHECK(c.pearson[i * n + i] == 1.0);
    for (std::size_t j = 0; j < n; ++j) CHECK(c.pearson[i * n + j] == c.pearson[j * n + i]);
  }
  // The factor reproduces the repaired matrix, so the copula really uses it.
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      double llt = 0;
      for (std::size_t k = 0; k < n; ++k) llt += c.cholesky[i * n + k] * c.cholesky[j * n + k];
      CHECK(llt == Approx(c.pearson[i * n + j]).margin(1e-9));
    }
  }
  // The requested values stay on record; the consistent pair is barely touched by the repair.
  CHECK(c.spearman[0 * n + 1] == 0.5);
  CHECK(c.pearson[0 * n + 1] == Approx(2 * std::sin(M_PI * 0.5 / 6)).margin(1e-6));
  const std::string text = describe_correlation(*r.scenario);
  INFO(text);
  CHECK(text.find("nearest valid correlation matrix") != std::string::npos);
  CHECK(text.find("[4] oem-sz.moq") != std::string::npos);
  CHECK(text.find("oem-sz.unit_cost ~ oem-sz.moq: 0.9 -> ") != std::string::npos);
}

TEST_CASE("ParseOptions and ParseResult print as one line") {
  ParseOptions options;
  CHECK(options.to_string() == "repair_correlations=false, overrides=[]");
  options.repair_correlations = true;
  options.overrides = {"run.trials=10", "a.moq=5"};
  CHECK(fmt::format("{}", options) == "repair_correlations=true, overrides=[run.trials=10, a.moq=5]");
  CHECK(parse_scenario_text(kBase, "base.yaml").to_string() == "scenario speaker from base.yaml");
  CHECK(parse_scenario_text(edit("horizon_months: 36", "horizon_months: -1"), "bad.yaml").to_string() ==
        "1 error, first: bad.yaml:3:17: horizon_months: must be > 0 months, found -1");
  CHECK(ParseResult{}.to_string() == "no scenario and no errors");
}
