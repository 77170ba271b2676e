// report.md (report/report_markdown.hpp): the decisions and tables a person reads first,
// from a result made by hand so every figure is known.
#include <fmt/format.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>

#include "report/report_markdown.hpp"
#include "support/cash_result_fixtures.hpp"
#include "support/result_fixtures.hpp"
#include "util/version.hpp"

namespace tcosim {

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("report.md opens with the run's identity") {
  const auto run = test::hand_made_run();
  const std::string md = report_markdown(run.scenario, run.result);
  CHECK(md.starts_with(fmt::format(
      "# tcosim report: hand\n\n1000 trials, seed 7, horizon 24 months, amounts in EUR; quantiles exact. Scenario "
      "`hand.yaml` (sha256 aaaaaaaaaaaa), tcosim {}.\n\n## Decision\n\n",
      kVersion)));
}

TEST_CASE("report.md shows control characters of the description and the source as escapes") {
  auto run = test::hand_made_run();
  run.scenario.description = "line one\nline two \x1b]0;pwned\x07 \u202eevil";
  run.scenario.source = "dir/\x1b[31mred.yaml";
  const std::string md = report_markdown(run.scenario, run.result);
  CHECK(has(md, "line one\nline two \\x1b]0;pwned\\x07 \\u202eevil"));
  CHECK(has(md, "dir/\\x1b[31mred.yaml"));
  CHECK_FALSE(has(md, "\x1b"));
  CHECK_FALSE(has(md, "\u202e"));
}

TEST_CASE("report.md names the decisions with rounded figures") {
  const auto run = test::hand_made_run();
  const std::string md = report_markdown(run.scenario, run.result);
  INFO(md);
  CHECK(has(md, "- Cheapest at the median: **oem**, P50 total cost 101 EUR (P5 97.50 to P95 104).\n"));
  CHECK(has(md, "- Cheapest most often: **oem**, the lowest total cost in 75.0 % of trials.\n"));
  CHECK(has(md, "- Fastest to market: **oem**, P50 time to market 101.5 months; fastest in 37.5 % of trials.\n"));
  CHECK(has(md, "- Least regret: **oem**, on average 12.50 EUR above the best option of each trial.\n"));
  CHECK(has(md, "- **odm** never reaches the market within the horizon in 0.05 % of trials.\n"));
  CHECK_FALSE(has(md, "- **oem** never reaches"));
  // Amounts under 100 keep their cents (P5 is 97.5).
  CHECK(has(md, "| oem | oem | 97.50 | 101 | 104 | 101 | 106 | 75.0 % | 12.50 |\n"));
  CHECK(has(md, "| oem | `oem.unit_cost` +0.87 (75 %) | `market.demand_units` -0.50 (25 %) | |\n"));
  CHECK(has(md, "| odm | | | |\n"));
}

TEST_CASE("report.md states targets, precision and the sketch when the run has them") {
  auto run = test::hand_made_run();
  run.scenario.targets.budget = 150;
  run.result.options[0].p_over_budget = 0.125;
  run.result.options[1].p_over_budget = 1;
  run.result.quantile_method = QuantileMethod::Sketch;
  run.result.sketch_accuracy = 0.001;
  run.result.target_precision = 0.01;
  run.result.stopped_reason = StopReason::Precision;
  const std::string md = report_markdown(run.scenario, run.result);
  CHECK(has(md, "quantiles from a DDSketch (relative error <= 0.001)."));
  CHECK(has(md,
            "Target precision 0.01 (95 % half-width of total cost's mean, P50 and P95): reached after 1000 "
            "trials.\n"));
  CHECK(has(md, "- **oem** exceeds the budget of 150 EUR in 12.5 % of trials.\n"));
  CHECK(has(md, "- **odm** exceeds the budget of 150 EUR in 100.0 % of trials.\n"));
}

TEST_CASE("a format-1 report.md has no format-2 section") {
  const auto run = test::hand_made_run();
  const std::string md = report_markdown(run.scenario, run.result);
  for (const char* part : {"NPV", "## Cash", "peak cash", "payback", "runway"}) CHECK_FALSE(has(md, part));
}

TEST_CASE("a format-2 report.md leads with the NPV decision and keeps the nominal total cost") {
  const auto run = test::hand_made_cash_run();
  const std::string md = report_markdown(run.scenario, run.result);
  INFO(md);
  CHECK(has(md,
            "## Decision\n\n- Cheapest at the median: **oem**, P50 NPV cost 111 EUR (P5 108 to P95 114), discounted "
            "at 10.0 % a year; P50 total cost (nominal) 101 EUR.\n"));
  CHECK(has(md, "- Cheapest most often: **oem**, the lowest NPV cost in 75.0 % of trials.\n"));
  // The NPV table carries the decision columns and comes before the nominal table, which has none.
  const std::size_t npv = md.find("\n## NPV cost at 10.0 % a year (EUR)\n");
  const std::size_t nominal = md.find("\n## Total cost, nominal (EUR)\n");
  REQUIRE(npv != std::string::npos);
  REQUIRE(nominal != std::string::npos);
  CHECK(npv < nominal);
  CHECK(has(md, "| oem | oem | 108 | 111 | 114 | 111 | 116 | 75.0 % | 12.50 |\n"));
  CHECK(has(md, "| oem | oem | 97.50 | 101 | 104 | 101 | 106 |\n"));
  CHECK(has(md, "## What drives the spread of NPV cost"));
  CHECK(has(md, "NPV cost discounts each month's costs to the decision at 10.0 % a year"));
}

TEST_CASE("a format-2 report.md has a cash section with peak cash, the runway and payback") {
  auto run = test::hand_made_cash_run();
  std::string md = report_markdown(run.scenario, run.result);
  INFO(md);
  const std::size_t cash = md.find("\n## Cash (EUR)\n");
  REQUIRE(cash != std::string::npos);
  CHECK(cash < md.find("\n## Mean cost breakdown"));
  CHECK(has(md, "exceeds the runway of 250 EUR."));
  CHECK(has(md,
            "| option | peak cash P50 | peak cash P95 | P(cash short) | payback P50 (months) | P(no payback) | "
            "units bought (mean) |\n"));
  // peak_cash (o = 1, m = 11): P50 211.5, P95 214.5; payback P50 212.5; units bought mean 213.5.
  CHECK(has(md, "| odm | 212 | 215 | 12.5 % | 212.5 | 25.0 % | 214 |\n"));
  run = test::hand_made_cash_run(false);
  md = report_markdown(run.scenario, run.result);
  CHECK_FALSE(has(md, "runway"));
  CHECK_FALSE(has(md, "P(cash short)"));
  CHECK(has(md, "| odm | 212 | 215 | 212.5 | 25.0 % | 214 |\n"));
}

}  // namespace tcosim
