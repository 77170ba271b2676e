// A batch job and its ending (report/batch_job.hpp).
#include <catch2/catch.hpp>

#include "report/batch_job.hpp"
#include "support/printable.hpp"

using namespace tcosim;

TEST_CASE("job statuses print as the closing table and index.html show them") {
  CHECK(to_string(JobStatus::Ok) == "ok");
  CHECK(to_string(JobStatus::Failed) == "failed");
  CHECK(to_string(JobStatus::Skip) == "skip");
  CHECK(to_string(JobStatus::Interrupted) == "interrupted");
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
