// `tcosim sweep` as library code (run/sweep.hpp): the grid, the break-even search, a whole sweep.
#include <atomic>
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "run/run_config.hpp"
#include "run/sweep.hpp"
#include "support/printable.hpp"
#include "support/run_binary.hpp"

using namespace tcosim;
using tcosim::test::TempDir;

namespace {

/// A point where options "a" and "b" have these P50 total costs.
SweepPoint point(double a, double b) {
  SweepPoint p;
  p.options.resize(2);
  p.options[0].name = "a";
  p.options[0].cost_p50 = a;
  p.options[1].name = "b";
  p.options[1].cost_p50 = b;
  return p;
}

}  // namespace

TEST_CASE("grid points are row-major: the last parameter varies fastest") {
  const std::vector<SweepParam> params{{"x", {"1", "2"}}, {"y", {"a", "b", "c"}}};
  REQUIRE(grid_size(params) == 6);
  CHECK(grid_point(params, 0) == std::vector<std::string>{"1", "a"});
  CHECK(grid_point(params, 2) == std::vector<std::string>{"1", "c"});
  CHECK(grid_point(params, 3) == std::vector<std::string>{"2", "a"});
  CHECK(grid_point(params, 5) == std::vector<std::string>{"2", "c"});
  CHECK(grid_size({}) == 1);  // no parameter: the scenario itself, once
}

TEST_CASE("a crossing is interpolated linearly between the two points around it") {
  // d = a - b goes from -10 at x = 0 to +30 at x = 4: zero at x = 1, where a costs 110.
  const std::vector<Crossing> c = find_crossings({4, 0}, {point(200, 170), point(100, 110)});
  REQUIRE(c.size() == 1);
  CHECK(c[0].a == "a");
  CHECK(c[0].b == "b");
  CHECK(c[0].x == 1.0);
  CHECK(c[0].cost == 125.0);  // a's cost, a quarter of the way from 100 to 200
  CHECK(c[0].cheaper_below == "a");
  CHECK(fmt::format("{}", c[0]) == "a = b at 1 (P50 total cost 125); a cheaper below");
}

TEST_CASE("curves touching at a grid point cross there, touching at the first point has no side below") {
  const std::vector<Crossing> inner = find_crossings({0, 1, 2}, {point(10, 20), point(15, 15), point(30, 20)});
  REQUIRE(inner.size() == 1);
  CHECK(inner[0].x == 1.0);
  CHECK(inner[0].cost == 15.0);
  CHECK(inner[0].cheaper_below == "a");
  const std::vector<Crossing> first = find_crossings({0, 1}, {point(5, 5), point(6, 9)});
  REQUIRE(first.size() == 1);
  CHECK(first[0].x == 0.0);
  CHECK(first[0].cheaper_below.empty());
  CHECK(find_crossings({0, 1}, {point(1, 2), point(3, 4)}).empty());  // a is cheaper throughout
}

TEST_CASE("a sweep with --breakeven needs one parameter with numeric values") {
  SweepSpec spec;
  spec.params = {{"x", {"1", "2.5"}}};
  CHECK_FALSE(breakeven_usage_error(spec));  // breakeven off
  spec.breakeven = true;
  CHECK_FALSE(breakeven_usage_error(spec));
  CHECK(numeric_values(spec.params[0]) == std::vector<double>{1.0, 2.5});
  spec.params[0].values.push_back("three");
  CHECK(breakeven_usage_error(spec) == "--breakeven needs numeric values; `three` is not a number");
  CHECK(std::isnan(numeric_values(spec.params[0])[2]));
  spec.params.push_back({"y", {"1"}});
  CHECK(breakeven_usage_error(spec) == "--breakeven needs exactly one --param (got 2)");
  spec.scenario = "s.yaml";
  spec.out_dir = "out";
  CHECK(fmt::format("{}", spec) == "s.yaml: x=1,2.5,three x y=1 -> out");
}

TEST_CASE("a sweep runs every point into its folder and finds the break-even") {
  TempDir in("sweep-lib-in"), out("sweep-lib-out");
  std::ofstream(in.path() / "be.yaml") << "tcosim: 1\nname: be\nhorizon_months: 12\nrun: {trials: 2000, seed: 1}\n"
                                          "market: {demand_units: 10000, unit_margin: 0}\n"
                                          "finance: {carrying_rate: 0}\noptions:\n"
                                          "  - {name: a, model: odm, unit_cost: 10, moq: 0, production_months: 0}\n"
                                          "  - {name: b, model: oem, unit_cost: 8, tooling_cost: 20000, moq: 0, "
                                          "development_months: 0, production_months: 0}\n";
  SweepSpec spec;
  spec.scenario = (in.path() / "be.yaml").string();
  spec.params = {{"market.demand_units", {"15000", "5000"}}};
  spec.out_dir = out.path();
  spec.trials = 500;
  spec.breakeven = true;
  const auto sweep = run_sweep(spec);
  REQUIRE(sweep);
  CHECK(sweep->scenario == "be");
  REQUIRE(sweep->points.size() == 2);
  CHECK(sweep->points[1].values == std::vector<std::string>{"5000"});
  CHECK(sweep->points[1].report == "point-1/report.html");
  CHECK(sweep->points[1].options[0].cost_p50 == 50000);
  CHECK(std::filesystem::exists(out.path() / "point-1" / "summary.json"));
  REQUIRE(sweep->breakeven);
  REQUIRE(sweep->breakeven->size() == 1);
  CHECK(sweep->breakeven->front().x == 10000);
  CHECK(fmt::format("{}", *sweep) == "be over market.demand_units: 2 points, 1 crossings");

  spec.params = {{"horizon_months", {"-1"}}};
  spec.breakeven = false;
  CHECK_THROWS_WITH(run_sweep(spec), Catch::Contains("point 0 (horizon_months=-1) is not a valid scenario"));
}

TEST_CASE("an invalid grid value fails the sweep before any point runs, naming every invalid point") {
  TempDir out("sweep-invalid-out");
  SweepSpec spec;  // the embedded default scenario
  spec.params = {{"horizon_months", {"24", "-1", "36", "0"}}};
  spec.out_dir = out.path();
  spec.trials = 500;
  try {
    run_sweep(spec);
    FAIL("a sweep with invalid points ran");
  } catch (const std::runtime_error& e) {
    const std::string msg = e.what();
    CHECK_THAT(msg, Catch::Contains("point 1 (horizon_months=-1) is not a valid scenario"));
    CHECK_THAT(msg, Catch::Contains("point 3 (horizon_months=0) is not a valid scenario"));
    CHECK_THAT(msg, !Catch::Contains("point 0 ") && !Catch::Contains("point 2 "));
  }
  // Nothing ran: the valid points 0 and 2 left no folder behind.
  CHECK_FALSE(std::filesystem::exists(out.path() / "point-0"));
  CHECK_FALSE(std::filesystem::exists(out.path() / "point-2"));
}

TEST_CASE("a sweep of scenario text without an output folder writes nothing and names the text in errors") {
  const std::string text =
      "tcosim: 1\nname: be\nhorizon_months: 12\nrun: {trials: 2000, seed: 1}\n"
      "market: {demand_units: 10000, unit_margin: 0}\nfinance: {carrying_rate: 0}\noptions:\n"
      "  - {name: a, model: odm, unit_cost: 10, moq: 0, production_months: 0}\n"
      "  - {name: b, model: oem, unit_cost: 8, tooling_cost: 20000, moq: 0, development_months: 0, "
      "production_months: 0}\n";
  TempDir cwd("sweep-text");  // point folders would land here, relative to an empty out_dir
  struct InFolder {
    std::filesystem::path before = std::filesystem::current_path();
    explicit InFolder(const std::filesystem::path& p) { std::filesystem::current_path(p); }
    ~InFolder() { std::filesystem::current_path(before); }
  };
  std::optional<InFolder> in_folder(std::in_place, cwd.path());
  SweepSpec spec;
  spec.scenario = "<string>";
  spec.scenario_text = text;
  spec.params = {{"market.demand_units", {"15000", "5000"}}};
  spec.trials = 500;
  spec.quiet = true;
  const auto sweep = run_sweep(spec);
  const bool wrote = !std::filesystem::is_empty(cwd.path());
  in_folder.reset();
  REQUIRE(sweep);
  CHECK_FALSE(wrote);
  REQUIRE(sweep->points.size() == 2);
  CHECK(sweep->points[1].options[0].cost_p50 == 50000);  // 5000 units at 10, as from the file above

  spec.params = {{"horizon_months", {"-1"}}};
  CHECK_THROWS_WITH(run_sweep(spec), Catch::Contains("<string>: --set horizon_months: must be > 0"));
}

TEST_CASE("a sweep whose stop flag is set stops at its first point with RunInterrupted") {
  const std::atomic<int> stop{2};
  SweepSpec spec;  // the embedded default scenario
  spec.params = {{"finance.carrying_rate", {"0.2", "0.3"}}};
  spec.trials = 500;
  spec.quiet = true;
  spec.stop = &stop;
  CHECK_THROWS_AS(run_sweep(spec), RunInterrupted);
}
