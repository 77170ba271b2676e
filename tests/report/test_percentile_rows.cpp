// The rows of percentiles.csv (report/percentile_rows.hpp): built from the result once, and
// rendered as the file, so the file and the run catalogue always agree.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <sstream>
#include <string>

#include "report/percentile_rows.hpp"
#include "run/simulate.hpp"
#include "sim/quantile_levels.hpp"
#include "support/cash_result_fixtures.hpp"
#include "support/printable.hpp"
#include "support/result_fixtures.hpp"
#include "support/run_binary.hpp"
#include "support/scenario_fixtures.hpp"

namespace tcosim {

namespace {

// Per metric: six moments, nine percentiles and their nine intervals (lo, hi).
constexpr std::size_t kRowsPerMetric = 6 + 9 + 18;
constexpr std::size_t kDecisionRows = 4;

}  // namespace

TEST_CASE("result_rows lists every metric's statistics, then the decision statistics, per option") {
  const auto run = test::hand_made_run();
  const std::vector<ResultRow> rows = result_rows(run.scenario, run.result);
  const std::size_t per_option = kFormat1MetricCount * kRowsPerMetric + kDecisionRows;
  REQUIRE(rows.size() == 2 * per_option);
  CHECK(rows[0].to_string() == "oem total_cost mean = 100.5");
  CHECK(rows[1].to_string() == "oem total_cost sd = 2");
  CHECK(rows[6].to_string() == "oem total_cost p1 = 96.5");
  CHECK(rows[10].to_string() == "oem total_cost p50 = 100.5");
  CHECK(rows[15].to_string() == "oem total_cost p1_ci95_lo = 96.25");
  CHECK(rows[16].to_string() == "oem total_cost p1_ci95_hi = 96.75");
  CHECK(rows[kRowsPerMetric].to_string() == "oem ttm_months mean = 101.5");
  CHECK(rows[per_option - 4].to_string() == "oem decision p_best_cost = 0.75");
  CHECK(rows[per_option - 1].to_string() == "oem decision p_never_on_sale = 0");
  CHECK(rows[per_option].to_string() == "odm total_cost mean = 200.5");
  CHECK(fmt::format("{}", rows.back()) == "odm decision p_never_on_sale = 0.0005");
}

TEST_CASE("the decision rows include the target probabilities when the scenario sets targets") {
  auto run = test::hand_made_run();
  run.result.options[0].p_over_budget = 0.125;
  run.result.options[0].p_late = 0.5;
  const std::vector<ResultRow> rows = result_rows(run.scenario, run.result);
  const std::size_t per_option = kFormat1MetricCount * kRowsPerMetric + kDecisionRows;
  REQUIRE(rows.size() == 2 * per_option + 2);
  CHECK(rows[per_option].to_string() == "oem decision p_over_budget = 0.125");
  CHECK(rows[per_option + 1].to_string() == "oem decision p_late = 0.5");
}

TEST_CASE("percentiles.csv is its header and then the rows, values in shortest round-trip form") {
  const auto run = test::hand_made_run();
  const std::string csv = percentiles_csv(run.scenario, run.result);
  CHECK(csv.starts_with(
      "option,metric,statistic,value\noem,total_cost,mean,100.5\noem,total_cost,sd,2\noem,total_cost,stderr,0.125\n"));
  CHECK(csv.ends_with("odm,decision,mean_regret,50\nodm,decision,p_never_on_sale,0.0005\n"));
}

TEST_CASE("percentiles.csv neutralises an option name a spreadsheet would run as a formula") {
  auto run = test::hand_made_run();
  run.scenario.options[0].name = "-A1-A2";  // a valid option name: letters, digits, '-' and '_'
  const std::string csv = percentiles_csv(run.scenario, run.result);
  CHECK(csv.find("\n-A1-A2,") == std::string::npos);
  CHECK(csv.find("\n'-A1-A2,total_cost,mean,100.5\n") != std::string::npos);
}

TEST_CASE("result_rows are the rows of percentiles.csv, values exactly as the file reads back") {
  Scenario s = test::parse_or_fail(test::read_file(std::string(TCOSIM_SOURCE_DIR) + "/tests/data/scenario_full.yaml"));
  RunConfig cfg;
  cfg.trials = 2000;
  const SimulationResult r = simulate(s, cfg);
  const std::vector<ResultRow> rows = result_rows(s, r);
  std::istringstream csv(percentiles_csv(s, r));
  std::string line;
  std::getline(csv, line);
  CHECK(line == "option,metric,statistic,value");
  std::size_t i = 0;
  for (; std::getline(csv, line); ++i) {
    REQUIRE(i < rows.size());
    const std::string prefix = rows[i].option + "," + rows[i].metric + "," + rows[i].statistic + ",";
    REQUIRE(line.starts_with(prefix));
    CHECK(std::strtod(line.c_str() + prefix.size(), nullptr) == rows[i].value);
  }
  CHECK(i == rows.size());
  bool found = false;
  for (const ResultRow& row : rows)
    if (row.option == s.options[0].name && row.metric == "total_cost" && row.statistic == "p50") {
      found = true;
      CHECK(row.value == r.options[0].metrics[kTotalCost].quantiles[kP50Index]);
    }
  CHECK(found);
}

TEST_CASE("format 2 adds the four metrics' rows and the cash decision rows, after the format-1 rows") {
  const auto run = test::hand_made_cash_run();
  const std::vector<ResultRow> rows = result_rows(run.scenario, run.result);
  const std::size_t per_option = kMetricCount * kRowsPerMetric + kDecisionRows + 2;
  REQUIRE(rows.size() == 2 * per_option);
  CHECK(rows[0].to_string() == "oem total_cost mean = 100.5");
  CHECK(rows[kNpvCost * kRowsPerMetric].to_string() == "oem npv_cost mean = 110.5");
  CHECK(rows[kPeakCash * kRowsPerMetric + 10].to_string() == "oem peak_cash p50 = 111.5");
  CHECK(rows[kPaybackMonths * kRowsPerMetric].to_string() == "oem payback_months mean = 112.5");
  CHECK(rows[kUnitsBought * kRowsPerMetric].to_string() == "oem units_bought mean = 113.5");
  CHECK(rows[per_option - 3].to_string() == "oem decision p_never_on_sale = 0");
  CHECK(rows[per_option - 2].to_string() == "oem decision p_no_payback = 0.125");
  CHECK(rows[per_option - 1].to_string() == "oem decision p_cash_short = 0.0625");
  const std::string csv = percentiles_csv(run.scenario, run.result);
  CHECK(csv.ends_with("odm,decision,p_no_payback,0.25\nodm,decision,p_cash_short,0.125\n"));
}

TEST_CASE("format 2 without a runway has no p_cash_short row") {
  const auto run = test::hand_made_cash_run(false);
  const std::vector<ResultRow> rows = result_rows(run.scenario, run.result);
  REQUIRE(rows.size() == 2 * (kMetricCount * kRowsPerMetric + kDecisionRows + 1));
  CHECK(rows.back().to_string() == "odm decision p_no_payback = 0.25");
}

}  // namespace tcosim
