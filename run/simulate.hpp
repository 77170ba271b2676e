#pragma once
// Runs a scenario's trials in parallel and reduces them to per-option statistics.
#include <array>
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "models/scenario.hpp"
#include "models/simulation_result.hpp"
#include "run/run_config.hpp"
#include "sim/communicator.hpp"
#include "util/progress.hpp"

namespace tcosim {

/// Relative accuracy of the streaming sketch (documented in summary.json when used).
inline constexpr double kSketchRelativeAccuracy = 1e-3;

/// Trials (the first ones) on which sensitivities are computed: bounded, so cheap at 10^9 trials.
inline constexpr std::uint64_t kSensitivityTrials = 10000;

/// Memory a run needs for exact quantiles, and what it will use.
struct MemoryPlan {
  QuantileMethod method = QuantileMethod::Exact;
  std::uint64_t exact_bytes = 0;
  std::uint64_t sketch_bytes = 0;
  std::uint64_t sample_bytes = 0;
  std::uint64_t planned_bytes = 0;
};

/// Chooses exact quantiles when the stored outcomes fit in the budget, else the sketch;
/// throws std::runtime_error when even the sketch does not fit.
MemoryPlan plan_memory(const Scenario& s, const RunConfig& cfg, unsigned threads);

/// Runs cfg.trials trials. The numbers depend only on (scenario, seed, trials, version):
/// not on the number of threads or how chunks were scheduled.
SimulationResult simulate(const Scenario& s, const RunConfig& cfg);

/// With --target-precision, precision is checked after 16 chunks, then each time the count
/// doubles (and at the trial limit): fixed points, so the stop does not depend on threads.
inline constexpr std::uint64_t kFirstRoundChunks = 16;
/// Chunk counts at which rounds end (just the total without rounds).
std::vector<std::uint64_t> round_ends(std::uint64_t total_chunks, bool rounds);

}  // namespace tcosim
