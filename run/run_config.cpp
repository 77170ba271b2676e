#include "run/run_config.hpp"

namespace tcosim {

RunConfig resolve_run_config(const Scenario& s, const RunFlags& flags) {
  RunConfig cfg;
  cfg.trials = flags.trials.value_or(s.run.trials);
  cfg.seed = flags.seed.value_or(s.run.seed);
  cfg.sampling = flags.sampling.value_or(s.run.sampling);
  return cfg;
}

}  // namespace tcosim
