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
#include "sim/communicator.hpp"
#include "util/progress.hpp"

namespace tcosim {

/// What one run does; flags and the scenario's `run:` block are resolved into this.
struct RunConfig {
  std::uint64_t trials = 0;
  std::uint64_t seed = 1;
  std::uint64_t max_memory_bytes = 2ull << 30;
  std::uint64_t sample_rows = 0;  ///< record inputs and outputs of the first N trials
  Sampling sampling = Sampling::Random;
  /// When set: run in deterministic rounds until every option's total_cost mean, P50 and P95
  /// have 95 % confidence half-widths within this fraction of their value, or `trials` is reached.
  std::optional<double> target_precision;
  ProgressReporter* progress = nullptr;
  /// Periodic checkpoints (docs/overnight.md); no file: none.
  struct Checkpointing {
    std::filesystem::path file;
    double interval_s = 60.0;  ///< 0: after every wave of chunks
    bool resume = false;       ///< continue from `file` when it exists
    std::string scenario_sha256;
  } checkpoint;
  /// Set to a signal number by a SIGINT/SIGTERM handler: the run checkpoints and throws
  /// RunInterrupted at the next wave boundary.
  const std::atomic<int>* stop = nullptr;
  /// The ranks sharing this run (MPI, docs/distributed.md); null: this process alone.
  Communicator* comm = nullptr;
};

/// A run stopped by a signal before it finished; its state is in the checkpoint (if any).
struct RunInterrupted : std::runtime_error {
  RunInterrupted(int sig, std::uint64_t trials_done, bool checkpointed)
      : std::runtime_error("interrupted"), signal(sig), trials(trials_done), checkpoint_written(checkpointed) {}
  int signal;
  std::uint64_t trials;
  bool checkpoint_written;
};

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
