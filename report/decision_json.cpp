#include "report/decision_json.hpp"

#include <string>

#include "report/summary_json.hpp"
#include "sim/binned_outcomes.hpp"

namespace tcosim {

namespace {

nlohmann::ordered_json paired_json(const Scenario& s, const PairedDifference& p) {
  nlohmann::ordered_json j = {{"a", s.options[p.a].name}, {"b", s.options[p.b].name}, {"named", p.named}};
  const nlohmann::ordered_json metric = metric_json(p.difference);
  for (const auto& item : metric.items()) j[item.key()] = item.value();
  j["quantile_source"] = p.quantile_source;
  j["p_a_cheaper"] = p.p_a_cheaper;
  nlohmann::ordered_json drivers = nlohmann::ordered_json::array();
  for (const DifferenceDriver& e : p.drivers)
    drivers.push_back({{"input", s.inputs[e.input].path},
                       {"spearman", e.spearman},
                       {"swing", e.swing()},
                       {"low_decile_median", e.low_median},
                       {"high_decile_median", e.high_median}});
  j["drivers"] = std::move(drivers);
  return j;
}

nlohmann::ordered_json information_json(const Scenario& s, const ValueOfInformation& v) {
  nlohmann::ordered_json evppi = nlohmann::ordered_json::object();
  for (const InputInformation& e : v.evppi)
    evppi[s.inputs[e.input].path] = {{"value", e.estimate.value},
                                     {"stderr", e.estimate.std_error},
                                     {"bias", e.estimate.bias},
                                     {"distinguishable", e.estimate.distinguishable()}};
  return {{"evpi", v.evpi},
          {"evpi_stderr", v.evpi_stderr},
          {"evpi_is", "the lowest mean regret"},
          {"choice", s.options[v.choice].name},
          {"bins", kValueBins},
          {"evppi", std::move(evppi)}};
}

nlohmann::ordered_json stress_json(const Scenario& s, const StressCase& c) {
  nlohmann::ordered_json options = nlohmann::ordered_json::object();
  for (std::size_t o = 0; o < c.options.size(); ++o) {
    const StressOption& so = c.options[o];
    options[s.options[o].name] = {{"mean", so.mean}, {"p50", so.p50}, {"p95", so.p95}, {"p_best_cost", so.p_best_cost}};
  }
  return {{"input", s.inputs[c.input].path},
          {"decile", c.high ? "high" : "low"},
          {"choice", s.options[c.choice].name},
          {"flips", c.flips},
          {"options", std::move(options)}};
}

}  // namespace

void add_decision_json(nlohmann::ordered_json& j, const Scenario& s, const SimulationResult& r) {
  if (r.paired_difference.empty()) return;
  j["decision_metric"] = std::string(to_string(s.decision_metric()));
  nlohmann::ordered_json pairs = nlohmann::ordered_json::array();
  for (const PairedDifference& p : r.paired_difference) pairs.push_back(paired_json(s, p));
  j["paired_difference"] = std::move(pairs);
  j["value_of_information"] = information_json(s, r.value_of_information);
  nlohmann::ordered_json stress = nlohmann::ordered_json::array();
  for (const StressCase& c : r.stress) stress.push_back(stress_json(s, c));
  j["stress"] = std::move(stress);
}

}  // namespace tcosim
