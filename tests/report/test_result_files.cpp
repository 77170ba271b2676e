// Writing the set of result files (report/result_files.hpp): every file, rendered by its own
// header, written whole; a folder made ready before a run.
#include <stdlib.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <stdexcept>
#include <string>

#include "report/percentile_rows.hpp"
#include "report/report_html.hpp"
#include "report/report_markdown.hpp"
#include "report/result_files.hpp"
#include "report/results_xlsx.hpp"
#include "report/samples_csv.hpp"
#include "report/summary_json.hpp"
#include "support/result_fixtures.hpp"
#include "support/run_binary.hpp"

namespace tcosim {

namespace {

namespace fs = std::filesystem;

std::set<std::string> names_in(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.insert(entry.path().filename().string());
  return names;
}

/// write_result_files with the report date fixed (SOURCE_DATE_EPOCH 1700000000).
void write_dated(const fs::path& dir, const test::HandMadeRun& run, const ResultFileOptions& options = {}) {
  ::setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
  write_result_files(dir, run.scenario, run.result, options);
  ::unsetenv("SOURCE_DATE_EPOCH");
}

constexpr const char* kDate = "2023-11-14 22:13 UTC";

}  // namespace

TEST_CASE("write_result_files writes each file as its renderer gives it, and nothing else") {
  test::TempDir tmp("result-files");
  const fs::path dir = tmp.path() / "nested" / "out";
  const auto run = test::hand_made_run();
  write_dated(dir, run);
  CHECK(names_in(dir) == std::set<std::string>{"percentiles.csv", "report.html", "report.md", "summary.json"});
  const auto& [s, r] = run;
  CHECK(test::read_file(dir / "percentiles.csv") == percentiles_csv(s, r));
  CHECK(test::read_file(dir / "report.md") == report_markdown(s, r));
  CHECK(test::read_file(dir / "report.html") == report_html(s, r, kDate));
  CHECK(test::read_file(dir / "summary.json") == summary_json(s, r).dump(2) + "\n");
}

TEST_CASE("write_result_files adds samples.csv when trials were recorded, replacing old files whole") {
  test::TempDir tmp("result-files-samples");
  auto run = test::hand_made_run();
  run.result.samples =
      SampleTable{1, 2 + 2 * kFormat1MetricCount, std::vector<double>(2 + 2 * kFormat1MetricCount, 1.0)};
  std::ofstream(tmp.path() / "percentiles.csv") << std::string(100000, 'x');
  write_dated(tmp.path(), run);
  CHECK(names_in(tmp.path()) ==
        std::set<std::string>{"percentiles.csv", "report.html", "report.md", "samples.csv", "summary.json"});
  CHECK(test::read_file(tmp.path() / "samples.csv") == samples_csv(run.scenario, run.result));
  CHECK(test::read_file(tmp.path() / "percentiles.csv") == percentiles_csv(run.scenario, run.result));
}

TEST_CASE("write_result_files adds results.xlsx when asked, the workbook results_xlsx renders") {
  test::TempDir tmp("result-files-xlsx");
  const auto run = test::hand_made_run();
  write_dated(tmp.path(), run, {.xlsx = true});
  CHECK(names_in(tmp.path()) ==
        std::set<std::string>{"percentiles.csv", "report.html", "report.md", "results.xlsx", "summary.json"});
  ::setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
  const std::string expected = results_xlsx(run.scenario, run.result);
  ::setenv("SOURCE_DATE_EPOCH", "0", 1);
  const std::string other_date = results_xlsx(run.scenario, run.result);
  ::unsetenv("SOURCE_DATE_EPOCH");
  CHECK(test::read_file(tmp.path() / "results.xlsx") == expected);  // the date is its only varying byte
  CHECK(other_date != expected);
}

TEST_CASE("write_result_files into a folder that cannot exist throws and writes nothing") {
  test::TempDir tmp("result-files-blocked");
  std::ofstream(tmp.path() / "file") << "a file, not a folder\n";
  const auto run = test::hand_made_run();
  CHECK_THROWS_WITH(write_result_files(tmp.path() / "file" / "out", run.scenario, run.result),
                    Catch::Contains("cannot create output folder") && Catch::Contains("file/out"));
  CHECK(names_in(tmp.path()) == std::set<std::string>{"file"});
}

// No process has this id (Linux caps pids at 2^22), so its temporary files are stale.
constexpr const char* kDeadPid = "99999999";

TEST_CASE("prepare_output_folder creates the folder and removes a previous summary and torn files") {
  test::TempDir tmp("prepare-output");
  const fs::path dir = tmp.path() / "out";
  prepare_output_folder(dir);
  CHECK(fs::is_directory(dir));
  CHECK(names_in(dir).empty());

  const std::string torn = std::string("report.md.tmp.") + kDeadPid;
  const std::string checkpoint = std::string("checkpoint.tcosim.tmp.") + kDeadPid;
  for (const std::string& name : {std::string("summary.json"), std::string("percentiles.csv"), torn, checkpoint})
    std::ofstream(dir / name) << "old\n";
  const std::string_view others[] = {"checkpoint.tcosim"};
  prepare_output_folder(dir, others);
  CHECK(names_in(dir) == std::set<std::string>{"percentiles.csv"});
}

TEST_CASE("prepare_output_folder leaves a user's files alone, whatever their names") {
  test::TempDir tmp("prepare-output-user");
  const fs::path dir = tmp.path() / "out";
  fs::create_directories(dir / "data.tmp.d");
  fs::create_directories(dir / (std::string("report.html.tmp.") + kDeadPid));  // a folder, not a torn file
  const std::string live = "summary.json.tmp." + std::to_string(::getpid());   // a writer that still runs
  for (const std::string& name : {std::string("budget.tmp.xlsx"), std::string("notes.txt.tmp.") + kDeadPid, live,
                                  std::string("report.md.tmp.12x")})
    std::ofstream(dir / name) << "mine\n";
  fs::create_symlink(dir / "budget.tmp.xlsx", dir / (std::string("report.md.tmp.") + kDeadPid));
  const std::set<std::string> before = names_in(dir);
  prepare_output_folder(dir);
  CHECK(names_in(dir) == before);
}

TEST_CASE("prepare_output_folder refuses a folder it cannot write in, naming it") {
  test::TempDir tmp("prepare-output-blocked");
  std::ofstream(tmp.path() / "file") << "a file, not a folder\n";
  const fs::path dir = tmp.path() / "file" / "out";
  CHECK_THROWS_AS(prepare_output_folder(dir), std::runtime_error);
  CHECK_THROWS_WITH(prepare_output_folder(dir), Catch::Contains(dir.string()) && Catch::Contains("Not a directory"));
}

}  // namespace tcosim
