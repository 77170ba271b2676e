#pragma once
// Runs a scenario's trials in parallel and reduces them to per-option statistics: plan
// (run/run_plan.hpp), resume, then for each round and each wave run the workers
// (run/workers.hpp) and coordinate the ranks (run/coordinator.hpp), stopping when precise or
// done, and summarise (run/summarize.hpp).
#include "models/scenario.hpp"
#include "models/simulation_result.hpp"
#include "run/run_config.hpp"

namespace tcosim {

/// Runs cfg.trials trials. The numbers depend only on (scenario, seed, trials, version):
/// not on the number of threads or how chunks were scheduled.
SimulationResult simulate(const Scenario& s, const RunConfig& cfg);

}  // namespace tcosim
