// The SQLite run catalogue (run/run_catalogue.hpp).
#include <fmt/format.h>
#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <string>

#include "run/run_catalogue.hpp"
#include "support/run_binary.hpp"

using tcosim::RunCatalogue;
using tcosim::RunIdentity;

namespace {

RunIdentity identity(std::uint64_t seed = 1) {
  RunIdentity id;
  id.scenario = "demo";
  id.scenario_sha256 = std::string(64, 'a');
  id.seed = seed;
  id.trials = 1000;
  id.tcosim_version = "0.1.0";
  return id;
}

}  // namespace

TEST_CASE("a run goes running -> ok with its results, and is found by its identity") {
  tcosim::test::TempDir dir("catalogue");
  RunCatalogue cat(dir.path() / "catalogue.sqlite");
  const auto id = cat.begin_run(identity(), "/x/demo");
  REQUIRE(cat.runs().size() == 1);
  CHECK(cat.runs()[0].status == "running");
  CHECK(cat.runs()[0].finished_at.empty());
  CHECK_FALSE(cat.find_ok(identity(), "/x/demo"));
  cat.finish_ok(id, {{"a", "total_cost", "p50", 12.5}, {"a", "decision", "p_best_cost", 0.25}});
  const auto found = cat.find_ok(identity(), "/x/demo");
  REQUIRE(found);
  CHECK(found->id == id);
  CHECK(found->status == "ok");
  CHECK_FALSE(found->finished_at.empty());
  CHECK_FALSE(cat.find_ok(identity(2), "/x/demo"));  // another seed is another run
  const auto rows = cat.results(id);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].value == 12.5);
  CHECK(rows[1].statistic == "p_best_cost");
}

TEST_CASE("failures are recorded, and a run left running is marked interrupted by the next one") {
  tcosim::test::TempDir dir("catalogue-status");
  const auto file = dir.path() / "catalogue.sqlite";
  {
    RunCatalogue cat(file);
    cat.finish_failed(cat.begin_run(identity(), "/x/a"), "boom");
    cat.begin_run(identity(), "/x/b");  // the process "dies" here
  }
  RunCatalogue cat(file);  // reopening an existing file keeps its rows
  cat.begin_run(identity(), "/x/b");
  const auto runs = cat.runs();
  REQUIRE(runs.size() == 3);
  CHECK(runs[0].status == "failed");
  CHECK(runs[0].error == "boom");
  CHECK(runs[1].status == "interrupted");
  CHECK(runs[2].status == "running");
  // The schema rejects any other status, and the file is in WAL mode.
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
  CHECK(sqlite3_exec(db, "UPDATE runs SET status = 'weird'", nullptr, nullptr, nullptr) == SQLITE_CONSTRAINT);
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(st) == SQLITE_ROW);
  CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))) == "wal");
  sqlite3_finalize(st);
  sqlite3_close(db);
}

TEST_CASE("seeds past INT64_MAX round-trip") {
  tcosim::test::TempDir dir("catalogue-seed");
  RunCatalogue cat(dir.path() / "catalogue.sqlite");
  const std::uint64_t big = 18446744073709551615ull;
  cat.finish_ok(cat.begin_run(identity(big), "/x/s"), {});
  const auto found = cat.find_ok(identity(big), "/x/s");
  REQUIRE(found);
  CHECK(found->identity.seed == big);
}

TEST_CASE("opening something that is not a catalogue read-only fails cleanly") {
  tcosim::test::TempDir dir("catalogue-bad");
  const auto file = dir.path() / "not.sqlite";
  { std::ofstream(file) << "hello, I am not a database, just some text that is long enough to matter\n"; }
  CHECK_THROWS_WITH(RunCatalogue(file, true), Catch::Contains("cannot open the run catalogue"));
}

TEST_CASE("the catalogue keys a run by its stored identity and its folder, and prints itself") {
  tcosim::test::TempDir dir("catalogue-key");
  RunCatalogue cat(dir.path() / "catalogue.sqlite");
  RunIdentity lhs = identity();
  lhs.sampling = tcosim::Sampling::Lhs;
  const auto id = cat.begin_run(lhs, "/x/demo");
  cat.finish_ok(id, {});
  CHECK_FALSE(cat.find_ok(identity(), "/x/demo"));  // random sampling: another run
  CHECK_FALSE(cat.find_ok(lhs, "/x/elsewhere"));    // another folder
  RunIdentity more = lhs;
  more.sample_rows = 10;  // not a catalogue column: the schema predates it
  const auto found = cat.find_ok(more, "/x/demo");
  REQUIRE(found);
  CHECK(found->identity.sampling == tcosim::Sampling::Lhs);
  CHECK(found->identity.scenario == "demo");
  CHECK(found->out_dir == "/x/demo");
  CHECK(found->to_string() == fmt::format("run {}: demo ok, started {}, finished {}, into /x/demo", id,
                                          found->started_at, found->finished_at));
  CHECK(cat.to_string() == "run catalogue " + (dir.path() / "catalogue.sqlite").string());
}

TEST_CASE("the catalogue's columns are those older catalogues have") {
  tcosim::test::TempDir dir("catalogue-schema");
  const auto file = dir.path() / "catalogue.sqlite";
  { RunCatalogue cat(file); }
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, "SELECT name FROM pragma_table_info('runs')", -1, &st, nullptr) == SQLITE_OK);
  std::string columns;
  while (sqlite3_step(st) == SQLITE_ROW)
    columns += std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))) + " ";
  sqlite3_finalize(st);
  sqlite3_close(db);
  CHECK(columns ==
        "id scenario scenario_sha256 seed trials sampling tcosim_version status started_at finished_at out_dir error ");
}
