// samples.csv (report/samples_csv.hpp): one row per recorded trial, names quoted as CSV needs.
#include <fmt/format.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>

#include "report/samples_csv.hpp"
#include "support/result_fixtures.hpp"

namespace tcosim {

TEST_CASE("samples.csv has a column per input and per option metric, a row per trial") {
  auto run = test::hand_made_run();
  run.scenario.inputs[1].path = "oem.delays.late, \"again\"";
  SampleTable& t = run.result.samples;
  t.rows = 2;
  t.width = 2 + 2 * kFormat1MetricCount;
  for (std::size_t i = 0; i < t.rows * t.width; ++i) t.values.push_back(static_cast<double>(i) + 0.5);
  const std::string csv = samples_csv(run.scenario, run.result);

  std::string header = "trial,market.demand_units,\"oem.delays.late, \"\"again\"\"\"";
  for (const char* option : {"oem", "odm"})
    for (std::size_t m = 0; m < kFormat1MetricCount; ++m) header += fmt::format(",{}.{}", option, kMetricNames[m]);
  std::string row0 = "0", row1 = "1";
  for (std::size_t c = 0; c < t.width; ++c) {
    row0 += fmt::format(",{}", static_cast<double>(c) + 0.5);
    row1 += fmt::format(",{}", static_cast<double>(t.width + c) + 0.5);
  }
  CHECK(csv == header + "\n" + row0 + "\n" + row1 + "\n");
  CHECK(row0.starts_with("0,0.5,1.5,2.5,"));
}

TEST_CASE("without recorded trials samples.csv is its header alone") {
  const auto run = test::hand_made_run();
  const std::string csv = samples_csv(run.scenario, run.result);
  CHECK(csv.starts_with("trial,market.demand_units,oem.unit_cost,oem.total_cost,oem.ttm_months,"));
  CHECK(csv.ends_with(",odm.units_sold\n"));
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 1);
}

TEST_CASE("samples.csv neutralises column names a spreadsheet would run as formulas") {
  auto run = test::hand_made_run();
  run.scenario.options[0].name = "-A1-A2";
  run.scenario.inputs[0].path = "-A1-A2.unit_cost";
  const std::string csv = samples_csv(run.scenario, run.result);
  CHECK(csv.starts_with("trial,'-A1-A2.unit_cost,"));
  CHECK(csv.find(",'-A1-A2.total_cost,") != std::string::npos);
  CHECK(csv.find(",-A1-A2") == std::string::npos);
}

}  // namespace tcosim
