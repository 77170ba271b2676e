// The command-line contract (app/commands.hpp), exercised on the real binary, and how each
// command's options print.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <vector>

#include "app/commands.hpp"
#include "support/printable.hpp"
#include "support/run_binary.hpp"
#include "support/summary_numbers.hpp"

using tcosim::test::kScenarios;
using tcosim::test::read_file;
using tcosim::test::run_tcosim;
using tcosim::test::run_tcosim_stdout;
using tcosim::test::TempDir;

namespace {

std::vector<std::string> split(const std::string& line, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : line) {
    if (c == sep) {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out = split(text, '\n');
  if (!out.empty() && out.back().empty()) out.pop_back();
  return out;
}

}  // namespace

TEST_CASE("run writes every result file, and the summary has the MODEL.md shape") {
  TempDir dir("run");
  const auto r = run_tcosim("run --trials 5000 --seed 11 --samples 20 -q --out " + dir.str());
  INFO(r.output);
  REQUIRE(r.status == 0);
  for (const char* f : {"summary.json", "percentiles.csv", "report.md", "samples.csv"})
    CHECK(std::filesystem::exists(dir.path() / f));
  const auto j = nlohmann::json::parse(read_file(dir.path() / "summary.json"));
  CHECK(j["trials"] == 5000);
  CHECK(j["seed"] == 11);
  CHECK(j["quantile_method"] == "exact");
  CHECK(j["scenario_sha256"].get<std::string>().size() == 64);
  REQUIRE(j["options"].size() >= 2);
  double p_best_total = 0.0;
  for (const auto& [name, opt] : j["options"].items()) {
    INFO(name);
    p_best_total += opt["p_best_cost"].get<double>();
    for (const char* m :
         {"total_cost", "ttm_months", "upfront", "purchase", "carrying", "quality", "delay_cost", "ip_loss",
          "risk_cost", "units_sold", "npv_cost", "peak_cash", "payback_months", "units_bought"}) {
      const auto& metric = opt["metrics"][m];
      CHECK(metric["quantiles"].size() == 9);
      CHECK(metric["quantiles"]["p5"].get<double>() <= metric["quantiles"]["p95"].get<double>());
      CHECK(metric.contains("cvar95"));
    }
  }
  CHECK(p_best_total == Approx(1.0));
  // The default is format 2 with a runway: section 7's keys beside section 5's.
  CHECK(j["format"] == 2);
  for (const auto& [name, opt] : j["options"].items()) {
    CHECK(opt.contains("p_no_payback"));
    CHECK(opt.contains("p_cash_short"));
    CHECK(opt["cash_curve"]["p50"].size() == j["horizon_months"].get<std::size_t>());
  }
  // percentiles.csv: header plus option x (14 metrics x (15 statistics + 18 interval bounds) + 4
  // decision rows + p_no_payback and p_cash_short).
  const auto csv = lines(read_file(dir.path() / "percentiles.csv"));
  CHECK(csv[0] == "option,metric,statistic,value");
  CHECK(csv.size() == 1 + j["options"].size() * (14 * 33 + 6));
  // samples.csv: header plus 20 rows.
  CHECK(lines(read_file(dir.path() / "samples.csv")).size() == 21);
  CHECK(read_file(dir.path() / "report.md").find("| option |") != std::string::npos);
  // No temporary files are left behind.
  for (const auto& e : std::filesystem::directory_iterator(dir.path()))
    CHECK(e.path().filename().string().find(".tmp") == std::string::npos);
}

TEST_CASE("replay prints exactly the values the trial has inside a full run") {
  TempDir dir("replay");
  REQUIRE(run_tcosim("run --trials 9000 --seed 4 --threads 2 --samples 9000 -q --out " + dir.str()).status == 0);
  const auto rows = lines(read_file(dir.path() / "samples.csv"));
  const auto header = split(rows[0], ',');
  for (int trial : {0, 4095, 4096, 8999}) {
    const auto r = run_tcosim_stdout("replay --trial " + std::to_string(trial) + " --seed 4");
    REQUIRE(r.status == 0);
    const auto j = nlohmann::json::parse(r.output);
    CHECK(j["trial"] == trial);
    const auto row = split(rows[static_cast<std::size_t>(trial) + 1], ',');
    REQUIRE(row.size() == header.size());
    for (std::size_t c = 1; c < header.size(); ++c) {
      const std::string& col = header[c];
      const double from_csv = std::strtod(row[c].c_str(), nullptr);
      double from_replay;
      if (j["inputs"].contains(col)) {
        from_replay = j["inputs"][col].get<double>();
      } else {
        const auto dot = col.find('.');
        from_replay = j["outputs"][col.substr(0, dot)][col.substr(dot + 1)].get<double>();
      }
      INFO("trial " << trial << " column " << col);
      CHECK(from_csv == from_replay);  // bit-exact: both print shortest round-trip form
    }
    // The decision replay prints is the run's: the cheapest and fastest option of the row.
    std::string cheapest, fastest;
    double lowest = 0, quickest = 0;
    for (std::size_t c = 1; c < header.size(); ++c) {
      const double v = std::strtod(row[c].c_str(), nullptr);
      const std::string option = header[c].substr(0, header[c].find('.'));
      if (header[c].ends_with(".total_cost") && (cheapest.empty() || v < lowest)) cheapest = option, lowest = v;
      if (header[c].ends_with(".ttm_months") && (fastest.empty() || v < quickest)) fastest = option, quickest = v;
    }
    CHECK(j["decision"]["cheapest"] == cheapest);
    CHECK(j["decision"]["fastest"] == fastest);
    CHECK(j["decision"]["regret"][cheapest].get<double>() == 0.0);
  }
}

TEST_CASE("summary numbers do not depend on --threads") {
  TempDir a("threads1"), b("threads2");
  REQUIRE(run_tcosim("run --trials 20000 --threads 1 -q --out " + a.str()).status == 0);
  REQUIRE(run_tcosim("run --trials 20000 --threads 2 -q --out " + b.str()).status == 0);
  CHECK(tcosim::test::numbers_of(a.path()) == tcosim::test::numbers_of(b.path()));
}

TEST_CASE("the embedded default scenario runs from any folder") {
  TempDir dir("cwd");
  const auto r = run_tcosim_stdout("run --trials 2000 --out " + dir.str() + "/out");
  INFO(r.output);
  CHECK(r.status == 0);
  CHECK(r.output.find("P50") != std::string::npos);
  const auto cwd = tcosim::test::run_shell("cd " + dir.str() + " && " + std::string(TCOSIM_BINARY) +
                                           " run --trials 1000 -q 2>&1 && test -f results/*/summary.json");
  INFO(cwd.output);
  CHECK(cwd.status == 0);
}

TEST_CASE("check validates every file and reports every error with file and line") {
  const auto ok = run_tcosim("check " + kScenarios + "default.yaml");
  CHECK(ok.status == 0);
  CHECK(ok.output.find("ok") != std::string::npos);
  TempDir dir("check");
  const std::string bad = dir.str() + "/bad.yaml";
  std::ofstream(bad) << "tcosim: 1\nname: bad\nhorizon_months: -3\nmarket: {demand_units: 10, unit_margin: 1}\n"
                        "options:\n  - {name: a, model: oem, unit_cots: 3}\n  - {name: b, model: odm, unit_cost: 2}\n";
  const auto r = run_tcosim("check " + bad);
  INFO(r.output);
  CHECK(r.status == 1);
  CHECK(r.output.find(bad + ":3:") != std::string::npos);  // horizon_months on line 3
  CHECK(r.output.find("unit_cost") != std::string::npos);  // did you mean
  CHECK(r.output.find(bad + ":6:") != std::string::npos);
}

TEST_CASE("bad input fails cleanly: message, non-zero exit, nothing written") {
  TempDir dir("bad");
  const std::string out = dir.str() + "/out";
  SECTION("missing scenario file") {
    const auto r = run_tcosim("run /nonexistent/scenario.yaml -q --out " + out);
    CHECK(r.status == 1);
    CHECK(r.output.find("/nonexistent/scenario.yaml") != std::string::npos);
  }
  SECTION("invalid scenario") {
    const std::string bad = dir.str() + "/bad.yaml";
    std::ofstream(bad) << "tcosim: 1\nname: x\n";
    const auto r = run_tcosim("run " + bad + " -q --out " + out);
    CHECK(r.status == 1);
    CHECK(r.output.find("bad.yaml") != std::string::npos);
  }
  SECTION("bad --max-memory") {
    const auto r = run_tcosim("run --trials 100 -q --max-memory lots --out " + out);
    CHECK(r.status == 2);
    CHECK(r.output.find("--max-memory") != std::string::npos);
  }
  SECTION("unknown flag") { CHECK(run_tcosim("run --trails 100 --out " + out).status == 2); }
  SECTION("zero trials") { CHECK(run_tcosim("run --trials 0 -q --out " + out).status == 2); }
  CHECK_FALSE(std::filesystem::exists(out));
}

TEST_CASE("an output folder that cannot be written is an error, not a crash") {
  TempDir dir("unwritable");
  const std::string blocker = dir.str() + "/file";
  std::ofstream(blocker) << "not a folder";
  const auto r = run_tcosim("run --trials 100 -q --out " + blocker + "/sub");
  CHECK(r.status == 1);
  CHECK(r.output.find("cannot create output folder") != std::string::npos);
}

TEST_CASE("the version flag and every help page") {
  CHECK(run_tcosim("--version").output.find("0.3.0") != std::string::npos);
  for (const char* cmd : {"--help", "run --help", "check --help", "replay --help"}) {
    const auto r = run_tcosim(cmd);
    INFO(cmd);
    CHECK(r.status == 0);
    CHECK(r.output.find("Usage") != std::string::npos);
  }
}

TEST_CASE("each command's options print as the equivalent command line") {
  tcosim::RunOptions run;
  CHECK(fmt::format("{}", run) == "tcosim run");
  run.scenario = "a.yaml";
  run.trials = 5000;
  run.sampling = "lhs";
  run.sets = {"market.demand_units.mode=9", "horizon_months=24"};
  run.resume = true;
  CHECK(fmt::format("{}", run) ==
        "tcosim run a.yaml --trials 5000 --sampling lhs --set market.demand_units.mode=9 --set horizon_months=24 "
        "--resume");
  tcosim::ReplayOptions replay;
  replay.trial = 7;
  CHECK(fmt::format("{}", replay) == "tcosim replay --trial 7");
  tcosim::BatchOptions batch;
  batch.paths = {"scenarios", "more"};
  batch.jobs = 2;
  CHECK(fmt::format("{}", batch) == "tcosim batch scenarios more --jobs 2");
  CHECK(fmt::format("{}", tcosim::RunsOptions{"x.sqlite"}) == "tcosim runs --db x.sqlite");
  tcosim::SweepOptions sweep;
  sweep.params = {"a=1,2"};
  sweep.breakeven = true;
  CHECK(fmt::format("{}", sweep) == "tcosim sweep --param a=1,2 --breakeven");
  tcosim::BenchOptions bench;
  CHECK(fmt::format("{}", bench) == "tcosim bench");
  bench.threads = {1, 4};
  CHECK(Catch::Detail::stringify(bench) == "tcosim bench --threads 1,4");
}
