#include "report/replay_json.hpp"

#include <string>
#include <utility>
#include <vector>

#include "models/trial.hpp"
#include "models/trial_decision.hpp"

namespace tcosim {

namespace {

/// The trial's decision, as the run counts it towards p_best_cost, p_fastest and mean_regret
/// (on npv_cost in format 2).
nlohmann::ordered_json decision_json(const Scenario& s, const std::vector<OptionOutcome>& outcomes) {
  const TrialDecision d = decide(outcomes, s.decision_metric());
  nlohmann::ordered_json regret = nlohmann::ordered_json::object();
  for (std::size_t o = 0; o < s.options.size(); ++o)
    regret[s.options[o].name] = outcomes[o][s.decision_metric()] - d.lowest_cost;
  return {{"cheapest", s.options[d.best].name}, {"fastest", s.options[d.fastest].name}, {"regret", regret}};
}

nlohmann::ordered_json months_json(const Scenario& s, std::span<const double> x) {
  nlohmann::ordered_json months = nlohmann::ordered_json::object();
  for (const OptionSpec& o : s.options) {
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    for (const MonthRow& row : monthly_table(s, o, x)) rows.push_back(month_row_json(row));
    months[o.name] = std::move(rows);
  }
  return months;
}

}  // namespace

nlohmann::ordered_json month_row_json(const MonthRow& r) {
  return {{"month", r.month},
          {"month_end", r.month_end},
          {"demand", r.demand},
          {"sold", r.sold},
          {"arrivals", r.arrivals},
          {"ordered", r.ordered},
          {"design", r.design},
          {"tooling", r.tooling},
          {"purchase", r.purchase},
          {"carrying", r.carrying},
          {"quality", r.quality},
          {"delay_cost", r.delay_cost},
          {"ip_loss", r.ip_loss},
          {"risk_cost", r.risk_cost},
          {"deposit", r.deposit},
          {"balance", r.balance},
          {"cash_out", r.cash_out},
          {"cash_in", r.cash_in},
          {"cumulative_cash", r.cumulative_cash}};
}

nlohmann::ordered_json replay_json(const Scenario& s, std::uint64_t trial, std::span<const double> x) {
  nlohmann::ordered_json j;
  j["trial"] = trial;
  nlohmann::ordered_json inputs = nlohmann::ordered_json::object();
  for (std::size_t k = 0; k < s.inputs.size(); ++k) inputs[s.inputs[k].path] = x[k];
  j["inputs"] = std::move(inputs);
  nlohmann::ordered_json outputs = nlohmann::ordered_json::object();
  std::vector<OptionOutcome> outcomes;
  for (const OptionSpec& o : s.options) {
    const OptionOutcome& out = outcomes.emplace_back(evaluate_option(s, o, x));
    nlohmann::ordered_json m;
    for (std::size_t k = 0; k < s.metric_count(); ++k) m[std::string(kMetricNames[k])] = out[k];
    outputs[o.name] = std::move(m);
  }
  j["outputs"] = std::move(outputs);
  j["decision"] = decision_json(s, outcomes);
  if (s.format >= 2) j["months"] = months_json(s, x);
  return j;
}

}  // namespace tcosim
