// A sweep's results (report/sweep_results.hpp) print themselves.
#include <catch2/catch.hpp>

#include "report/sweep_results.hpp"
#include "support/printable.hpp"

using namespace tcosim;

TEST_CASE("sweep results print one line each") {
  const SweepOption o{"build", 0, 1000, 1234, 1500, 0, 0, 0, 0, 0.5};
  CHECK(fmt::format("{}", o) == "build: P50 total cost 1234 (P5 1000, P95 1500), P(cheapest) 0.5");
  const SweepPoint p{{"10", "lhs"}, {o, o}, "point-3/report.html"};
  CHECK(fmt::format("{}", p) == "[10, lhs]: 2 options -> point-3/report.html");
  const Crossing touch{"a", "b", 12.5, 300, ""};
  CHECK(touch.to_string() == "a = b at 12.5 (P50 total cost 300)");
  SweepResults sweep{"demo", "EUR", {"market.size"}, {p}, std::nullopt};
  CHECK(fmt::format("{}", sweep) == "demo over market.size: 1 points");
  sweep.breakeven = std::vector<Crossing>{touch, touch};
  CHECK(sweep.to_string() == "demo over market.size: 1 points, 2 crossings");
}
