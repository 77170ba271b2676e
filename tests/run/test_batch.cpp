// `tcosim batch` as library code (run/batch.hpp), called without the binary.
#include <algorithm>
#include <catch2/catch.hpp>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "run/batch.hpp"
#include "run/run_catalogue.hpp"
#include "support/printable.hpp"
#include "support/run_binary.hpp"
#include "util/stop_signals.hpp"

using namespace tcosim;
using tcosim::test::TempDir;
using tcosim::test::write_file;
namespace fs = std::filesystem;

namespace {

// Constant inputs: option a costs 10 per unit, b 8 per unit plus 20000 tooling.
std::string scenario(const std::string& name, int demand) {
  return "tcosim: 1\nname: " + name + "\nhorizon_months: 12\nrun: {trials: 2000, seed: 1}\n" +
         "market:\n  demand_units: " + std::to_string(demand) + "\n  unit_margin: 0\n" +
         "finance: {carrying_rate: 0}\noptions:\n"
         "  - {name: a, model: odm, unit_cost: 10, moq: 0, production_months: 0}\n"
         "  - {name: b, model: oem, unit_cost: 8, tooling_cost: 20000, moq: 0, development_months: 0, "
         "production_months: 0}\n";
}

/// Two scenario files in `in`, named as given, and a batch of that folder into `out`.
BatchSpec two_scenarios(const TempDir& in, const TempDir& out, const std::string& first, const std::string& second) {
  write_file(in.path() / "a.yaml", scenario(first, 5000));
  write_file(in.path() / "b.yaml", scenario(second, 20000));
  BatchSpec spec;
  spec.paths = {in.str()};
  spec.out_dir = out.path();
  spec.trials = 1000;
  return spec;
}

}  // namespace

TEST_CASE("a batch runs every scenario, records it, skips it the next time and reruns it with force") {
  TempDir in("batch-lib-in"), out("batch-lib-out");
  BatchSpec spec = two_scenarios(in, out, "one", "two");
  spec.jobs = 2;

  const auto first = run_batch(spec);
  REQUIRE(first);
  REQUIRE(first->size() == 2);
  CHECK((*first)[0].scenario == "one");  // a folder's files in sorted order
  CHECK((*first)[1].scenario == "two");
  for (const BatchJob& j : *first) {
    CHECK(j.status == JobStatus::Ok);
    CHECK(j.trials == 1000);
    CHECK(j.report == j.scenario + "/report.html");
    CHECK(fs::exists(out.path() / j.scenario / "summary.json"));
  }
  CHECK((*first)[0].cheapest == "a");  // 50000 against 60000
  CHECK((*first)[0].cheapest_p50 == 50000);
  CHECK((*first)[1].cheapest == "b");  // 180000 against 200000
  CHECK((*first)[1].cheapest_p50 == 180000);
  {
    RunCatalogue catalogue(out.path() / "catalogue.sqlite", true);
    const auto runs = catalogue.runs();
    REQUIRE(runs.size() == 2);
    // Two workers open their rows in whichever order they start, so rows are found by folder.
    std::vector<std::string> folders;
    for (const auto& run : runs) {
      CHECK(run.status == "ok");
      CHECK(run.identity.trials == 1000);
      folders.push_back(run.out_dir);
    }
    std::sort(folders.begin(), folders.end());
    CHECK(folders ==
          std::vector<std::string>{(batch_folder(spec) / "one").string(), (batch_folder(spec) / "two").string()});
  }

  const auto second = run_batch(spec);
  REQUIRE(second);
  for (const BatchJob& j : *second) CHECK(j.status == JobStatus::Skip);
  CHECK((*second)[1].cheapest_p50 == 180000);  // the headline comes from the catalogue

  spec.force = true;
  const auto third = run_batch(spec);
  REQUIRE(third);
  for (const BatchJob& j : *third) CHECK(j.status == JobStatus::Ok);
  CHECK(RunCatalogue(out.path() / "catalogue.sqlite", true).runs().size() == 4);
}

TEST_CASE("a batch refuses a second scenario of the same name, and a folder without scenarios") {
  TempDir in("batch-lib-clash"), out("batch-lib-clash-out");
  BatchSpec spec = two_scenarios(in, out, "same", "same");
  const auto jobs = run_batch(spec);
  REQUIRE(jobs);
  REQUIRE(jobs->size() == 2);
  CHECK((*jobs)[0].status == JobStatus::Ok);
  CHECK((*jobs)[1].status == JobStatus::Failed);
  CHECK((*jobs)[1].scenario.empty());
  CHECK_THAT((*jobs)[1].error, Catch::Contains("scenario name `same` is already used by"));

  TempDir empty("batch-lib-empty");
  spec.paths = {empty.str()};
  CHECK_THROWS_WITH(run_batch(spec), "no *.yaml scenario found in " + empty.str());
}

TEST_CASE("a file that does not parse is recorded in the catalogue as failed, with its error") {
  TempDir in("batch-lib-broken"), out("batch-lib-broken-out");
  BatchSpec spec = two_scenarios(in, out, "good", "bad");
  write_file(in.path() / "b.yaml", "tcosim: 1\nname: bad\nhorizon_months: -3\n");
  const auto jobs = run_batch(spec);
  REQUIRE(jobs);
  REQUIRE(jobs->size() == 2);
  CHECK((*jobs)[1].status == JobStatus::Failed);
  const auto runs = RunCatalogue(out.path() / "catalogue.sqlite", true).runs();
  REQUIRE(runs.size() == 2);  // 0.3.0 recorded only the good one
  const RunRecord& bad = runs[0].status == "failed" ? runs[0] : runs[1];
  CHECK(bad.status == "failed");
  CHECK(bad.identity.scenario == (in.path() / "b.yaml").string());
  CHECK_THAT(bad.error,
             Catch::Contains("b.yaml") && Catch::Contains("missing required") && Catch::Contains("and 2 more"));
  CHECK_FALSE(bad.finished_at.empty());
}

TEST_CASE("scenarios a stopped batch never started are shown and recorded as not started") {
  TempDir in("batch-lib-stopped"), out("batch-lib-stopped-out");
  BatchSpec spec = two_scenarios(in, out, "one", "two");
  std::optional<std::vector<BatchJob>> jobs;
  {
    const StopSignals signals;
    std::raise(SIGTERM);  // the handler only sets the flag: the batch stops before its first run
    jobs = run_batch(spec);
  }
  { const StopSignals reset; }  // a fresh handler clears the flag for the tests that follow
  REQUIRE(jobs);
  for (const BatchJob& j : *jobs) {
    CHECK(j.status == JobStatus::NotStarted);  // 0.3.0: failed, with an empty error
    CHECK(j.error == kNotStarted);
  }
  const auto runs = RunCatalogue(out.path() / "catalogue.sqlite", true).runs();
  REQUIRE(runs.size() == 2);
  for (const RunRecord& r : runs) {
    CHECK(r.status == "interrupted");
    CHECK(r.error == kNotStarted);
  }
  // The next batch runs them as usual.
  const auto again = run_batch(spec);
  REQUIRE(again);
  for (const BatchJob& j : *again) CHECK(j.status == JobStatus::Ok);
}

TEST_CASE("a batch spec prints its paths, folder and mode") {
  BatchSpec spec;
  spec.paths = {"a.yaml", "dir"};
  spec.out_dir = "out";
  spec.jobs = 3;
  spec.force = true;
  CHECK(fmt::format("{}", spec) == "a.yaml, dir -> out (jobs 3, force)");
  CHECK(batch_folder(spec) == fs::absolute("out").lexically_normal());
}
