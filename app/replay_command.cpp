#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "app/commands.hpp"
#include "app/load_scenario.hpp"
#include "models/trial.hpp"

namespace tcosim {

int replay_command(const std::string& scenario, std::uint64_t trial, std::optional<std::uint64_t> seed) {
  ParseResult parsed = load_scenario(scenario);
  if (!parsed.scenario) {
    print_diagnostics(parsed.errors);
    return 1;
  }
  const Scenario& s = *parsed.scenario;
  std::vector<double> x(s.inputs.size());
  sample_inputs(s, seed.value_or(s.run.seed), trial, x);
  nlohmann::ordered_json j;
  j["trial"] = trial;
  nlohmann::ordered_json inputs = nlohmann::ordered_json::object();
  for (std::size_t k = 0; k < s.inputs.size(); ++k) inputs[s.inputs[k].path] = x[k];
  j["inputs"] = std::move(inputs);
  nlohmann::ordered_json outputs = nlohmann::ordered_json::object();
  for (const OptionSpec& o : s.options) {
    const OptionOutcome out = evaluate_option(s, o, x);
    nlohmann::ordered_json m;
    for (std::size_t k = 0; k < kMetricCount; ++k) m[std::string(kMetricNames[k])] = out[k];
    outputs[o.name] = std::move(m);
  }
  j["outputs"] = std::move(outputs);
  fmt::print("{}\n", j.dump(2));
  return 0;
}

}  // namespace tcosim
