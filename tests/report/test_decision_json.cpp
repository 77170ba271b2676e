#include <catch2/catch.hpp>

#include "report/decision_json.hpp"
#include "run/simulate.hpp"
#include "support/printable.hpp"
#include "support/scenario_fixtures.hpp"

using namespace tcosim;

TEST_CASE("summary.json carries the paired difference, the value of information and the stress cases", "[analytics]") {
  const Scenario s = test::format1_scenario();
  RunConfig cfg;
  cfg.trials = 4096;
  cfg.compare = {{s.options[2].name, s.options[0].name}};
  const SimulationResult r = simulate(s, cfg);
  nlohmann::ordered_json j;
  add_decision_json(j, s, r);
  CHECK(j["decision_metric"] == "total_cost");
  REQUIRE(j["paired_difference"].size() == 2);
  const auto& p = j["paired_difference"][1];
  CHECK(p["a"] == s.options[2].name);
  CHECK(p["b"] == s.options[0].name);
  CHECK(p["named"] == true);
  for (const char* key : {"mean", "sd", "stderr", "quantiles", "cvar95", "p_a_cheaper", "drivers", "quantile_source"})
    CHECK(p.contains(key));
  for (const char* q : {"p5", "p50", "p95"}) CHECK(p["quantiles"].contains(q));
  REQUIRE(!p["drivers"].empty());
  for (const char* key : {"input", "spearman", "swing"}) CHECK(p["drivers"][0].contains(key));
  const auto& v = j["value_of_information"];
  CHECK(v["evpi"].get<double>() >= 0.0);
  CHECK(v.contains("evpi_stderr"));
  std::size_t varying = 0;
  for (const InputSpec& in : s.inputs) varying += in.dist.is_constant() ? 0 : 1;
  CHECK(v["evppi"].size() == varying);
  for (const auto& item : v["evppi"].items())
    for (const char* key : {"value", "stderr", "bias", "distinguishable"}) CHECK(item.value().contains(key));
  REQUIRE(!j["stress"].empty());
  const auto& c = j["stress"][0];
  CHECK((c["decile"] == "low" || c["decile"] == "high"));
  for (const auto& o : s.options)
    for (const char* key : {"p50", "p95", "p_best_cost"}) CHECK(c["options"][o.name].contains(key));
}
