// The per-option output metrics (models/metric.hpp), in report order.
#include <catch2/catch.hpp>
#include <set>
#include <string_view>

#include "models/metric.hpp"
#include "support/printable.hpp"

using namespace tcosim;

TEST_CASE("every metric has one distinct name, in the order of the enum") {
  STATIC_REQUIRE(kMetricNames.size() == kMetricCount);
  STATIC_REQUIRE(std::tuple_size_v<OptionOutcome> == kMetricCount);
  const std::set<std::string_view> distinct(kMetricNames.begin(), kMetricNames.end());
  CHECK(distinct.size() == kMetricCount);
  CHECK(kMetricNames[kTotalCost] == "total_cost");
  CHECK(kMetricNames[kTtmMonths] == "ttm_months");
  CHECK(kMetricNames[kUnitsSold] == "units_sold");
}

TEST_CASE("a metric prints its name") {
  for (std::size_t m = 0; m < kMetricCount; ++m) CHECK(to_string(static_cast<Metric>(m)) == kMetricNames[m]);
  CHECK(fmt::format("{}", kDelayCost) == "delay_cost");
  CHECK(Catch::Detail::stringify(kIpLoss) == "ip_loss");
  CHECK(to_string(kMetricCount) == "?");
}
