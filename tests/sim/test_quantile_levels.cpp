// The reported percentile levels (sim/quantile_levels.hpp) and their names agree.
#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <cmath>

#include "sim/quantile_levels.hpp"

using namespace tcosim;

TEST_CASE("levels ascend inside (0, 1) and each name is p<100 level>") {
  for (std::size_t i = 0; i < kQuantileLevels.size(); ++i) {
    CHECK(kQuantileLevels[i] > 0.0);
    CHECK(kQuantileLevels[i] < 1.0);
    if (i > 0) CHECK(kQuantileLevels[i] > kQuantileLevels[i - 1]);
    CHECK(kQuantileNames[i] == fmt::format("p{}", std::lround(kQuantileLevels[i] * 100)));
  }
}

TEST_CASE("the P50 and P95 positions and the CVaR level") {
  CHECK(kQuantileLevels[kP50Index] == 0.5);
  CHECK(kQuantileNames[kP50Index] == "p50");
  CHECK(kQuantileLevels[kP95Index] == 0.95);
  CHECK(kQuantileNames[kP95Index] == "p95");
  CHECK(kCvarLevel == 0.95);
}
