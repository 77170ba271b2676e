#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "app/commands.hpp"
#include "app/flags.hpp"
#include "input/load_scenario.hpp"
#include "models/trial.hpp"
#include "models/trial_decision.hpp"
#include "run/run_config.hpp"

namespace tcosim {

int replay_command(const ReplayOptions& opt) {
  const auto scenario = load_scenario_or_report(
      opt.scenario, ParseOptions{.repair_correlations = opt.repair_correlations, .overrides = opt.sets});
  if (!scenario) return 1;
  const Scenario& s = *scenario;
  const std::uint64_t trial = opt.trial;
  std::vector<double> x(s.inputs.size());
  const RunConfig cfg = resolve_run_config(s, {.seed = opt.seed, .sampling = sampling_flag(opt.sampling)});
  try {
    sample_inputs(s, cfg.seed, trial, x, cfg.sampling);
  } catch (const std::exception& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return 1;
  }
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
  // The trial's decision, as the run counts it towards p_best_cost, p_fastest and mean_regret.
  const TrialDecision d = decide(outcomes, s.decision_metric());
  nlohmann::ordered_json regret = nlohmann::ordered_json::object();
  for (std::size_t o = 0; o < s.options.size(); ++o)
    regret[s.options[o].name] = outcomes[o][s.decision_metric()] - d.lowest_cost;
  j["decision"] = {{"cheapest", s.options[d.best].name}, {"fastest", s.options[d.fastest].name}, {"regret", regret}};
  fmt::print("{}\n", j.dump(2));
  return 0;
}

}  // namespace tcosim
