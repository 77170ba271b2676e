// report.md (report/report_markdown.hpp): the decisions and tables a person reads first,
// from a result made by hand so every figure is known.
#include <fmt/format.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>

#include "report/report_markdown.hpp"
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

}  // namespace tcosim
