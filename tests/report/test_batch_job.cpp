// A batch job and its ending (report/batch_job.hpp).
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "report/batch_job.hpp"
#include "support/printable.hpp"

using namespace tcosim;

TEST_CASE("job statuses print as the closing table and index.html show them") {
  CHECK(to_string(JobStatus::Ok) == "ok");
  CHECK(to_string(JobStatus::Failed) == "failed");
  CHECK(to_string(JobStatus::Skip) == "skip");
  CHECK(to_string(JobStatus::Interrupted) == "interrupted");
  CHECK(to_string(JobStatus::NotStarted) == "not started");
  CHECK(BatchJob{}.status == JobStatus::Failed);  // a job that never started failed
}

TEST_CASE("a batch job prints its name, file, ending and headline") {
  BatchJob job{"x.yaml", "demo", JobStatus::Ok, 1000, 1.5, "build", 1234.5, "", "demo/report.html"};
  CHECK(fmt::format("{}", job) == "demo (x.yaml): ok, 1000 trials, cheapest build at P50 1234.5");
  BatchJob broken;
  broken.file = "bad.yaml";
  broken.error = "line 3: oops\nmore";
  CHECK(broken.to_string() == "- (bad.yaml): failed, 0 trials, error: line 3: oops");
}

TEST_CASE("a job's headline is the lowest P50 total cost in format 1 and the lowest P50 npv_cost in format 2") {
  const std::vector<ResultRow> f1 = {{"a", "total_cost", "p50", 300},
                                     {"a", "total_cost", "p95", 10},
                                     {"b", "total_cost", "p50", 200},
                                     {"c", "total_cost", "p50", 200}};
  BatchJob one;
  set_headline(one, f1);
  CHECK(one.cheapest == "b");  // the first listed on ties
  CHECK(one.cheapest_p50 == 200);
  CHECK(one.format == 1);
  CHECK(std::isnan(one.peak_cash_p50));

  // Format 2: a is cheaper by total cost, b by npv_cost; npv_cost decides (MODEL.md 7.4).
  const std::vector<ResultRow> f2 = {{"a", "total_cost", "p50", 100}, {"a", "npv_cost", "p50", 400},
                                     {"a", "peak_cash", "p50", 1},    {"b", "total_cost", "p50", 200},
                                     {"b", "npv_cost", "p50", 300},   {"b", "peak_cash", "p50", 50},
                                     {"b", "peak_cash", "p95", 80}};
  BatchJob two{"x.yaml", "demo", JobStatus::Ok, 1000, 1.5, "", 0, "", ""};
  two.cheapest_p50 = std::numeric_limits<double>::quiet_NaN();
  set_headline(two, f2);
  CHECK(two.cheapest == "b");
  CHECK(two.cheapest_p50 == 300);
  CHECK(two.format == 2);
  CHECK(two.peak_cash_p50 == 50);
  CHECK(two.peak_cash_p95 == 80);
  CHECK(two.to_string() == "demo (x.yaml): ok, 1000 trials, cheapest b at P50 npv_cost 300, peak cash P50 50 P95 80");
}
