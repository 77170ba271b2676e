#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "app/commands.hpp"
#include "app/flags.hpp"
#include "input/load_scenario.hpp"
#include "models/trial.hpp"
#include "report/replay_json.hpp"
#include "run/run_config.hpp"
#include "util/error_text.hpp"

namespace tcosim {

int replay_command(const ReplayOptions& opt) {
  const auto scenario = load_scenario_or_report(
      opt.scenario, ParseOptions{.repair_correlations = opt.repair_correlations, .overrides = opt.sets});
  if (!scenario) return 1;
  const Scenario& s = *scenario;
  std::vector<double> x(s.inputs.size());
  const RunConfig cfg = resolve_run_config(s, {.seed = opt.seed, .sampling = sampling_flag(opt.sampling)});
  try {
    sample_inputs(s, cfg.seed, opt.trial, x, cfg.sampling);
  } catch (const std::exception& e) {
    fmt::print(stderr, "error: {}\n", error_text(e));
    return 1;
  }
  fmt::print("{}\n", replay_json(s, opt.trial, x).dump(2));
  return 0;
}

}  // namespace tcosim
