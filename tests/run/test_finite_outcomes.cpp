#include <catch2/catch.hpp>
#include <filesystem>

#include "run/finite_outcomes.hpp"
#include "run/simulate.hpp"
#include "support/printable.hpp"
#include "support/run_binary.hpp"
#include "support/scenario_fixtures.hpp"

using namespace tcosim;

TEST_CASE("a run whose outcomes overflow stops, naming the option, the metric and the inputs") {
  Scenario s = test::default_scenario();
  test::pin_input(s, "oem-shenzhen.unit_cost", 1e308);  // times any volume: inf
  RunConfig cfg = resolve_run_config(s, {.trials = 3000});
  CHECK_THROWS_AS(simulate(s, cfg), NonFiniteOutcomes);
  CHECK_THROWS_WITH(simulate(s, cfg), Catch::Contains("option oem-shenzhen, metric ") &&
                                          Catch::Contains("oem-shenzhen.unit_cost up to 1e+308") &&
                                          Catch::Contains("not finite"));
}

TEST_CASE("a run of ordinary magnitudes passes the finiteness check") {
  const Scenario s = test::default_scenario();
  CHECK_NOTHROW(simulate(s, resolve_run_config(s, {.trials = 3000})));
}

TEST_CASE("tcosim run with an overflowing value exits 1 and writes no summary") {
  test::TempDir dir("finite");
  const auto r = test::run_tcosim(
      "run --trials 3000 -q --set 'oem-shenzhen.unit_cost={dist: uniform, min: 1e307, max: 1e308}' --out " + dir.str());
  CHECK(r.status == 1);
  CHECK_THAT(r.output, Catch::Contains("oem-shenzhen") && Catch::Contains("not finite"));
  CHECK_THAT(r.output, !Catch::Contains("inf USD") && !Catch::Contains("nan"));
  CHECK_FALSE(std::filesystem::exists(dir.path() / "summary.json"));
  CHECK_FALSE(std::filesystem::exists(dir.path() / "report.md"));
}
