// The keys each level of a scenario accepts (input/scenario_keys.hpp) agree with the files
// tcosim ships and with what the parser accepts.
#include <catch2/catch.hpp>
#include <set>
#include <span>
#include <string>
#include <string_view>

#include "input/did_you_mean.hpp"
#include "input/scenario_keys.hpp"
#include "input/scenario_parser.hpp"

namespace tcosim {

namespace {

bool unique(std::span<const std::string_view> keys) {
  return std::set<std::string_view>(keys.begin(), keys.end()).size() == keys.size();
}

bool contains(std::span<const std::string_view> keys, std::string_view key) {
  for (std::string_view k : keys)
    if (k == key) return true;
  return false;
}

}  // namespace

TEST_CASE("every level's keys are unique") {
  using namespace scenario_keys;
  const std::span<const std::string_view> levels[] = {kTop,    kTargets, kRun,   kMarket, kDemandProfile, kFinance,
                                                      kOption, kIpLeak,  kDelay, kRisk,   kPayment,       kTariffEvent};
  for (std::span<const std::string_view> keys : levels) CHECK(unique(keys));
}

TEST_CASE("the keys name the blocks the parser reads") {
  using namespace scenario_keys;
  for (std::string_view block : {"run", "market", "finance", "options", "correlations", "targets"})
    CHECK(contains(kTop, block));
  CHECK(contains(kOption, "ip_leak"));
  CHECK(contains(kOption, "delays"));
  CHECK(contains(kRun, "sampling"));
  CHECK(did_you_mean("unit_cots", kOption) == "unit_cost");
}

TEST_CASE("the format-2 keys sit at their levels (MODEL.md 7.1)") {
  using namespace scenario_keys;
  CHECK(contains(kMarket, "demand_profile"));
  for (std::string_view key : {"growth_per_year", "seasonality", "start_month"}) CHECK(contains(kDemandProfile, key));
  CHECK(contains(kFinance, "discount_rate"));
  CHECK(contains(kFinance, "runway"));
  for (std::string_view key : {"payment", "order_cover_months", "price_change_per_year", "tariff_events"})
    CHECK(contains(kOption, key));
  CHECK(contains(kPayment, "deposit"));
  for (std::string_view key : {"name", "annual_probability", "added_rate"}) CHECK(contains(kTariffEvent, key));
  CHECK(did_you_mean("tarif_events", kOption) == "tariff_events");
}

TEST_CASE("a key outside the lists is rejected by the parser with a suggestion from them") {
  const ParseResult r = parse_scenario_text("tcosim: 1\nname: x\nhorizon_month: 12\n", "k.yaml");
  REQUIRE_FALSE(r.scenario.has_value());
  bool suggested = false;
  for (const Diagnostic& d : r.errors)
    suggested = suggested || d.message == "unknown key `horizon_month`; did you mean `horizon_months`?";
  CHECK(suggested);
}

}  // namespace tcosim
