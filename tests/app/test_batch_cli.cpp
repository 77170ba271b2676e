// `tcosim batch`, `tcosim runs` and `tcosim sweep`, exercised on the real binary.
#include <fmt/format.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/run_binary.hpp"
#include "support/scenario_fixtures.hpp"
#include "support/summary_numbers.hpp"
#include "support/text_search.hpp"

using tcosim::test::kScenarios;
using tcosim::test::numbers_of;
using tcosim::test::occurrences;
using tcosim::test::read_file;
using tcosim::test::run_tcosim;
using tcosim::test::TempDir;
using tcosim::test::write_file;
namespace fs = std::filesystem;

namespace {

std::size_t line_count(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

// Constant inputs, so total costs are hand-computable: with D units and no delay, option A
// costs 10 D and option B 8 D + 20000; they break even at D = 10000.
const std::string kBreakeven = R"(tcosim: 1
name: breakeven-demo
horizon_months: 12
run: {trials: 2000, seed: 1}
market:
  demand_units: 10000
  unit_margin: 0
finance: {carrying_rate: 0}
options:
  - name: cheap-upfront
    model: odm
    unit_cost: 10
    moq: 0
    production_months: 0
  - name: cheap-unit
    model: oem
    unit_cost: 8
    tooling_cost: 20000
    moq: 0
    development_months: 0
    production_months: 0
)";

}  // namespace

TEST_CASE("batch runs every scenario of a folder, reports broken ones, skips finished work") {
  TempDir in("batch-in"), out("batch-out");
  fs::copy_file(kScenarios + "default.yaml", in.path() / "a.yaml");
  fs::copy_file(kScenarios + "startup-low-volume.yaml", in.path() / "b.yaml");
  write_file(in.path() / "c-broken.yaml", "tcosim: 1\nname: broken\nhorizon_months: 12\nmarkt: {}\n");
  fs::create_directories(in.path() / "sub");
  fs::copy_file(kScenarios + "default.yaml", in.path() / "sub" / "d.yaml");  // same name as a.yaml
  write_file(in.path() / "notes.txt", "not a scenario");
  const std::string args = "batch " + in.str() + " --out " + out.str() + " --trials 2000";

  const auto first = run_tcosim(args + " --jobs 2");
  INFO(first.output);
  CHECK(first.status == 1);
  CHECK(fs::exists(out.path() / "smart-speaker" / "summary.json"));
  CHECK(fs::exists(out.path() / "startup-low-volume" / "summary.json"));
  CHECK(fs::exists(out.path() / "catalogue.sqlite"));
  CHECK_THAT(first.output, Catch::Contains("cheapest at P50") && Catch::Contains("c-broken.yaml") &&
                               Catch::Contains("markt") && Catch::Contains("already used by"));
  CHECK(occurrences(first.output, "  ok  ") == 2);
  CHECK(occurrences(first.output, "  failed  ") == 2);

  const auto again = run_tcosim(args);
  INFO(again.output);
  CHECK(again.status == 1);
  CHECK(occurrences(again.output, "  skip  ") == 2);
  CHECK(occurrences(again.output, "  ok  ") == 0);

  const auto forced = run_tcosim(args + " --force");
  CHECK(occurrences(forced.output, "  ok  ") == 2);

  // Another trial count is another run.
  const auto more = run_tcosim("batch " + in.str() + "/a.yaml --out " + out.str() + " --trials 3000");
  CHECK(more.status == 0);
  CHECK(occurrences(more.output, "  ok  ") == 1);

  const auto runs = run_tcosim("runs --db " + out.str() + "/catalogue.sqlite");
  INFO(runs.output);
  CHECK(runs.status == 0);
  CHECK(occurrences(runs.output, " ok ") == 5);
  CHECK(occurrences(runs.output, "running") == 0);
  CHECK(run_tcosim("runs --db " + out.str() + "/missing.sqlite").status == 1);
}

TEST_CASE("batch --set applies to every scenario and changes their identity") {
  TempDir out("batch-set");
  const std::string base = "batch " + kScenarios + "default.yaml --out " + out.str() + " --trials 2000";
  REQUIRE(run_tcosim(base).status == 0);
  const auto set = run_tcosim(base + " --set horizon_months=30");
  INFO(set.output);
  CHECK(set.status == 0);
  CHECK(occurrences(set.output, "  ok  ") == 1);
  CHECK(nlohmann::json::parse(read_file(out.path() / "smart-speaker" / "summary.json"))["horizon_months"] == 30);
  CHECK(run_tcosim(base + " --set nope=1").status == 1);
}

TEST_CASE("sweep runs the whole grid, a point equals a standalone run --set") {
  TempDir out("sweep"), alone("sweep-alone");
  const std::string scen = tcosim::test::kFormat1Scenario;  // format 2 has its own sweep test below
  const auto r =
      run_tcosim("sweep " + scen + " --param horizon_months=24,30 --param finance.carrying_rate=0.2,0.3,0.4" +
                 " --trials 3000 --out " + out.str());
  INFO(r.output);
  REQUIRE(r.status == 0);
  const std::string csv = read_file(out.path() / "sweep.csv");
  CHECK(csv.rfind("point,horizon_months,finance.carrying_rate,option,total_cost_mean,", 0) == 0);
  CHECK(line_count(csv) == 1 + 6 * 3);  // 2 x 3 points, 3 options
  for (int i = 0; i < 6; ++i) CHECK(fs::exists(out.path() / ("point-" + std::to_string(i)) / "summary.json"));
  // Point 4 is horizon_months=30, carrying_rate=0.3 (the last parameter varies fastest).
  const auto a = run_tcosim(
      "run " + scen + " --set horizon_months=30 --set finance.carrying_rate=0.3 --trials 3000 -q --out " + alone.str());
  REQUIRE(a.status == 0);
  CHECK(numbers_of(out.path() / "point-4") == numbers_of(alone.path()));
  CHECK(numbers_of(out.path() / "point-3") != numbers_of(alone.path()));
}

TEST_CASE("sweep --breakeven finds where two P50 cost curves cross") {
  TempDir in("breakeven-in"), out("breakeven");
  write_file(in.path() / "be.yaml", kBreakeven);
  const auto r = run_tcosim("sweep " + in.str() + "/be.yaml --param market.demand_units=5000,8000,12000,15000" +
                            " --breakeven --trials 2000 --out " + out.str());
  INFO(r.output);
  REQUIRE(r.status == 0);
  CHECK_THAT(r.output, Catch::Contains("cross at market.demand_units = 10000"));
  const std::string be = read_file(out.path() / "breakeven.csv");
  CHECK(be ==
        "parameter,option_a,option_b,value,p50_total_cost,cheaper_below\n"
        "market.demand_units,cheap-upfront,cheap-unit,10000,100000,cheap-upfront\n");
  // Misuse is a usage error.
  CHECK(run_tcosim("sweep " + in.str() + "/be.yaml --param horizon_months=a,b --breakeven --out " + out.str()).status ==
        2);
  CHECK(run_tcosim("sweep " + in.str() + "/be.yaml --param horizon_months=1,2 --param run.seed=1,2 --breakeven --out " +
                   out.str())
            .status == 2);
}

TEST_CASE("a batch stopped by SIGTERM marks the run interrupted and a re-run resumes it identically") {
  // The format-1 scenario (the cheaper model: this test is about the batch, not the model) over
  // four waves of 64 chunks, a checkpoint after each; the signal goes as soon as the first
  // checkpoint exists, so the run is caught mid-way on a fast machine and a slow one alike.
  TempDir dir("batch-stop");
  const fs::path scenario = dir.path() / "in" / "speaker.yaml";
  fs::create_directories(scenario.parent_path());
  fs::copy_file(tcosim::test::kFormat1Scenario, scenario);
  const std::string args =
      "batch " + scenario.parent_path().string() + " --trials 1000000 --max-memory 80M --checkpoint-interval 0 --out ";
  REQUIRE(run_tcosim(args + (dir.path() / "ref").string()).status == 0);
  const fs::path out = dir.path() / "run";
  const fs::path result = out / "smart-speaker-format1";
  const auto stopped = tcosim::test::run_shell(
      "sh -c '" + std::string(TCOSIM_BINARY) + " " + args + out.string() + " >/dev/null 2>&1 & pid=$!; " +
      "while kill -0 $pid 2>/dev/null && [ ! -e " + (result / "checkpoint.tcosim").string() +
      " ]; do sleep 0.01; done; kill -TERM $pid; wait $pid; exit $?'");
  if (fs::exists(result / "summary.json")) {
    WARN("the batch finished before the signal");  // a very fast machine: nothing to resume
  } else {
    CHECK(stopped.status == 143);
    const auto runs = run_tcosim("runs --db " + (out / "catalogue.sqlite").string());
    CHECK_THAT(runs.output, Catch::Contains("interrupted"));
    CHECK(fs::exists(result / "checkpoint.tcosim"));
    CHECK_FALSE(fs::exists(result / "summary.json"));
  }
  const auto again = run_tcosim(args + out.string());
  REQUIRE(again.status == 0);
  CHECK(numbers_of(result) == numbers_of(dir.path() / "ref" / "smart-speaker-format1"));
  CHECK_FALSE(fs::exists(result / "checkpoint.tcosim"));
}

// Format 2 (MODEL.md 7): batch, runs and sweep compare npv_cost and show peak cash.
namespace {

const std::string kFormat2Memory = std::string(TCOSIM_SOURCE_DIR) + "/tests/data/format2_memory.yaml";

/// The P50 of `metric` for `option` in a summary.json.
double p50_of(const fs::path& summary, const std::string& option, const std::string& metric) {
  return nlohmann::json::parse(read_file(summary))["options"][option]["metrics"][metric]["quantiles"]["p50"];
}

}  // namespace

TEST_CASE("format 2: batch and runs show the NPV cost and peak cash headline beside format-1 runs", "[format2]") {
  TempDir in("batch-f2-in"), out("batch-f2-out");
  fs::copy_file(kFormat2Memory, in.path() / "a.yaml");
  fs::copy_file(kScenarios + "startup-low-volume.yaml", in.path() / "b.yaml");
  const auto r = run_tcosim("batch " + in.str() + " --trials 2000 --out " + out.str());
  INFO(r.output);
  REQUIRE(r.status == 0);
  CHECK_THAT(r.output, Catch::Contains("P50 total cost") && Catch::Contains("P50 NPV cost") &&
                           Catch::Contains("P50 peak cash") && Catch::Contains("P95 peak cash"));
  const fs::path summary = out.path() / "format2-memory" / "summary.json";
  const double oem = p50_of(summary, "oem", "npv_cost"), odm = p50_of(summary, "odm", "npv_cost");
  const std::string cheapest = oem <= odm ? "oem" : "odm";
  CHECK_THAT(r.output, Catch::Contains(fmt::format("{:.0f}", std::min(oem, odm))) &&
                           Catch::Contains(fmt::format("{:.0f}", p50_of(summary, cheapest, "peak_cash"))));
  const std::string html = read_file(out.path() / "index.html");
  CHECK(html.find("P50 NPV cost") != std::string::npos);
  // The catalogue keeps every percentile row, npv_cost and peak_cash among them; runs shows them.
  const auto runs = run_tcosim("runs --db " + (out.path() / "catalogue.sqlite").string());
  INFO(runs.output);
  CHECK(runs.status == 0);
  CHECK_THAT(runs.output, Catch::Contains("P50 NPV cost") && Catch::Contains("P50 peak cash") &&
                              Catch::Contains(fmt::format("{:.0f}", std::min(oem, odm))));
  // A rerun skips: the headline then comes from the catalogue's rows, the same numbers.
  const auto again = run_tcosim("batch " + in.str() + " --trials 2000 --out " + out.str());
  CHECK_THAT(again.output, Catch::Contains("skip") && Catch::Contains(fmt::format("{:.0f}", std::min(oem, odm))));

  // A format-1 catalogue's table is as it was: no headline columns.
  TempDir f1_in("batch-f1-in"), f1_out("batch-f1-out");
  fs::copy_file(kScenarios + "startup-low-volume.yaml", f1_in.path() / "b.yaml");
  REQUIRE(run_tcosim("batch " + f1_in.str() + " --trials 500 --out " + f1_out.str()).status == 0);
  const auto f1_runs = run_tcosim("runs --db " + (f1_out.path() / "catalogue.sqlite").string());
  CHECK(f1_runs.output.find("NPV") == std::string::npos);
}

TEST_CASE("format 2: sweep.csv and --breakeven compare npv_cost and add peak cash", "[format2]") {
  TempDir out("sweep-f2");
  const auto r = run_tcosim("sweep " + kFormat2Memory + " --param options.odm.moq=1000,20000,60000 --breakeven" +
                            " --trials 2000 --out " + out.str());
  INFO(r.output);
  REQUIRE(r.status == 0);
  CHECK_THAT(r.output, Catch::Contains("P50 NPV cost"));
  const std::string csv = read_file(out.path() / "sweep.csv");
  CHECK_THAT(csv, Catch::StartsWith("point,options.odm.moq,option,npv_cost_mean,npv_cost_p5,npv_cost_p50,") &&
                      Catch::Contains(",p_best_cost,peak_cash_p50,peak_cash_p95\n"));
  CHECK_THAT(read_file(out.path() / "breakeven.csv"),
             Catch::StartsWith("parameter,option_a,option_b,value,p50_npv_cost,cheaper_below\n"));
  // Row "1,20000,odm,...": its npv_cost_p50 is point 1's summary.json value.
  const double p50 = p50_of(out.path() / "point-1" / "summary.json", "odm", "npv_cost");
  CHECK_THAT(csv, Catch::Contains(fmt::format("1,20000,odm,")));
  const auto row = csv.substr(csv.find("1,20000,odm,"));
  std::vector<std::string> cells;
  for (std::size_t a = 0, b; a != std::string::npos; a = b == std::string::npos ? b : b + 1) {
    b = row.find_first_of(",\n", a);
    cells.push_back(row.substr(a, b - a));
    if (b != std::string::npos && row[b] == '\n') break;
  }
  REQUIRE(cells.size() == 14);
  CHECK(std::stod(cells[5]) == p50);
  CHECK(std::stod(cells[12]) == p50_of(out.path() / "point-1" / "summary.json", "odm", "peak_cash"));
}
