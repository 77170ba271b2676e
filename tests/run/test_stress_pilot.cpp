#include <catch2/catch.hpp>

#include "run/stress_pilot.hpp"
#include "support/printable.hpp"
#include "support/scenario_fixtures.hpp"

using namespace tcosim;

TEST_CASE("the stress pilot picks the inputs of highest pilot EVPPI, the same every time", "[analytics]") {
  const Scenario s = test::parse_or_fail(R"(
tcosim: 1
name: pilot
horizon_months: 24
market: {demand_units: 1000, unit_margin: {dist: uniform, min: 5, max: 15}}
options:
  - {name: a, model: odm, unit_cost: {dist: uniform, min: 4, max: 6}, moq: 100, production_months: 3}
  - {name: b, model: odm, unit_cost: {dist: uniform, min: 4.9, max: 5.1}, moq: 100, production_months: 3}
)");
  const AnalyticsShape shape = AnalyticsShape::of(s, false);
  const std::vector<std::size_t> picked = stress_pilot(s, 1, Sampling::Random, shape, 100000).stress;
  REQUIRE(!picked.empty());
  CHECK(picked.size() <= kStressInputs);
  // a's unit cost decides between the two; b's barely moves.
  CHECK(s.inputs[shape.binned[picked[0]]].path == "a.unit_cost");
  CHECK(stress_pilot(s, 1, Sampling::Random, shape, 100000).stress == picked);
  CHECK(stress_pilot(s, 1, Sampling::Random, shape, 0).stress.empty());
}
