// results.xlsx and batch.xlsx (report/results_xlsx.hpp): a zip with one worksheet per sheet the
// run has and one native chart per chart. The cells are read back and compared with
// summary.json by python/tests/test_results_xlsx.py (openpyxl); here, the workbook's parts.
#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <string>
#include <utility>

#include "report/results_xlsx.hpp"
#include "support/cash_result_fixtures.hpp"
#include "support/printable.hpp"
#include "support/result_fixtures.hpp"

namespace tcosim {

namespace {

/// How many parts named <prefix>1.xml, <prefix>2.xml, ... the zip holds (entry names are stored
/// uncompressed in the zip's headers).
int parts(const std::string& zip, const std::string& prefix) {
  int n = 0;
  while (zip.find(fmt::format("{}{}.xml", prefix, n + 1)) != std::string::npos) ++n;
  return n;
}

bool is_zip(const std::string& bytes) { return bytes.rfind("PK\x03\x04", 0) == 0; }

}  // namespace

TEST_CASE("results.xlsx of a format-1 run: Decision, Breakdown, Drivers, Scenario and three charts") {
  const test::HandMadeRun run = test::hand_made_run();
  const std::string xlsx = results_xlsx(run.scenario, run.result);
  CHECK(is_zip(xlsx));
  CHECK(parts(xlsx, "xl/worksheets/sheet") == 4);
  CHECK(parts(xlsx, "xl/charts/chart") == 3);  // the two CDFs and the stacked breakdown
}

TEST_CASE("results.xlsx of a format-2 run with samples adds the Cash and Samples sheets and the cash fan") {
  test::HandMadeRun run = test::hand_made_cash_run();
  SampleTable& t = run.result.samples;
  t.rows = 3;
  t.width = run.scenario.inputs.size() + run.scenario.options.size() * run.scenario.metric_count();
  t.values.assign(t.rows * t.width, 1.5);
  t.values[1] = std::numeric_limits<double>::infinity();  // an IP leak that never happens
  const std::string xlsx = results_xlsx(run.scenario, run.result);
  CHECK(is_zip(xlsx));
  CHECK(parts(xlsx, "xl/worksheets/sheet") == 6);
  CHECK(parts(xlsx, "xl/charts/chart") == 4);
}

TEST_CASE("results.xlsx renders a value Excel cannot hold as text, not as a corrupt number") {
  test::HandMadeRun run = test::hand_made_run();
  run.result.options[0].metrics[kTtmMonths].quantiles.back() = std::numeric_limits<double>::infinity();
  run.result.options[0].metrics[kTotalCost].mean = std::numeric_limits<double>::quiet_NaN();
  CHECK(is_zip(results_xlsx(run.scenario, run.result)));
}

TEST_CASE("batch.xlsx: one sheet for every job, finished, skipped or failed") {
  // Strings are moved in, not assigned from literals: GCC 12 warns (-Wrestrict) on the latter here.
  auto job = [](std::string file, std::string scenario, JobStatus status, std::string error) {
    BatchJob j;
    j.file = std::move(file);
    j.scenario = std::move(scenario);
    j.status = status;
    j.error = std::move(error);
    if (status != JobStatus::Failed) {
      j.trials = 100;
      j.wall_s = 0.5;
      j.cheapest = std::string("odm");
      j.cheapest_p50 = 1234.5;
    }
    return j;
  };
  const std::string xlsx = batch_overview_xlsx({job("a.yaml", "a", JobStatus::Ok, ""),
                                                job("b.yaml", "", JobStatus::Failed, "b.yaml:3:1: name: missing"),
                                                job("c.yaml", "c", JobStatus::Skip, "")});
  CHECK(is_zip(xlsx));
  CHECK(parts(xlsx, "xl/worksheets/sheet") == 1);
}

}  // namespace tcosim
