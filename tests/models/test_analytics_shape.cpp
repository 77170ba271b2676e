#include <catch2/catch.hpp>
#include <set>

#include "models/analytics_shape.hpp"
#include "support/printable.hpp"
#include "support/scenario_fixtures.hpp"

using namespace tcosim;

TEST_CASE("an analytics shape bins every varying input and lays out its sketches without overlap", "[analytics]") {
  const Scenario s = test::format1_scenario();
  AnalyticsShape a = AnalyticsShape::of(s, true);
  CHECK(a.options == s.options.size());
  CHECK(a.pair_sketches);
  for (Slot k : a.binned) CHECK_FALSE(s.inputs[k].dist.is_constant());
  std::size_t varying = 0;
  for (const InputSpec& in : s.inputs) varying += in.dist.is_constant() ? 0 : 1;
  CHECK(a.binned.size() == varying);
  CHECK_FALSE(AnalyticsShape::of(s, false).pair_sketches);
  CHECK(a.stress_sketches);
  CHECK_FALSE(AnalyticsShape::of(s, false).stress_sketches);
  a.stress = {0, 3};
  std::set<std::size_t> seen;
  for (std::size_t x = 0; x < a.options; ++x)
    for (std::size_t y = x + 1; y < a.options; ++y) seen.insert(a.pair_index(x, y));
  CHECK(seen.size() == a.pairs());
  CHECK(*seen.rbegin() == a.pairs() - 1);
  for (std::size_t j = 0; j < a.stress.size(); ++j)
    for (std::size_t high = 0; high < 2; ++high)
      for (std::size_t o = 0; o < a.options; ++o) seen.insert(a.stress_sketch(j, high, o));
  CHECK(seen.size() == a.sketch_count());
  CHECK(*seen.rbegin() == a.sketch_count() - 1);
  CHECK(a.to_string() ==
        fmt::format("AnalyticsShape{{3 options, {} binned inputs, 2 stress inputs, pair sketches, stress sketches}}",
                    a.binned.size()));
  // Exact mode: the stress inputs' deciles are marked per trial, no sketches.
  AnalyticsShape exact = AnalyticsShape::of(s, false);
  exact.stress = {0, 3};
  CHECK(exact.sketch_count() == 0);
}
