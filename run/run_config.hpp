#pragma once
// What one run does: the command line's flags and the scenario's `run:` block resolved once,
// plus the run's budget, outputs and hooks (progress, checkpoints, stop signal, MPI ranks).
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "models/scenario.hpp"
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
  /// Pairs of option names whose paired difference is reported besides the two lowest mean
  /// costs' (--compare A,B; docs/analytics.md).
  std::vector<std::pair<std::string, std::string>> compare;
  ProgressReporter* progress = nullptr;
  /// Periodic checkpoints (docs/overnight.md); no file: none.
  struct Checkpointing {
    std::filesystem::path file;
    double interval_s = 60.0;  ///< 0: after every wave of chunks
    bool resume = false;       ///< continue from `file` when it exists
    /// "checkpoint F every S s[, resume]", or "no checkpoint".
    std::string to_string() const;
  } checkpoint;
  /// Set to a signal number by a SIGINT/SIGTERM handler: the run checkpoints and throws
  /// RunInterrupted at the next wave boundary.
  const std::atomic<int>* stop = nullptr;
  /// The ranks sharing this run (MPI, docs/distributed.md); null: this process alone.
  Communicator* comm = nullptr;

  /// "100000 trials, seed 1, random, ..." with the settings that are not at their defaults.
  std::string to_string() const;
};

/// A run stopped by a signal before it finished; its state is in the checkpoint (if any).
struct RunInterrupted : std::runtime_error {
  RunInterrupted(int sig, std::uint64_t trials_done, bool checkpointed)
      : std::runtime_error("interrupted"), signal(sig), trials(trials_done), checkpoint_written(checkpointed) {}
  int signal;
  std::uint64_t trials;
  bool checkpoint_written;

  /// "interrupted by signal 2 after 8192 trials, checkpoint written".
  std::string to_string() const;
};

/// What a command line may set over the scenario's `run:` block; an unset flag takes the
/// block's value.
struct RunFlags {
  std::optional<std::uint64_t> trials = std::nullopt;
  std::optional<std::uint64_t> seed = std::nullopt;
  std::optional<Sampling> sampling = std::nullopt;

  /// "--trials 1000 --seed 7 --sampling lhs" (the flags given), or "no flags".
  std::string to_string() const;
};

/// A RunConfig with trials, seed and sampling from `flags` where given, else from the
/// scenario's `run:` block; the rest at their defaults. The one place where a flag overrides
/// the block, for every command.
RunConfig resolve_run_config(const Scenario& s, const RunFlags& flags);

}  // namespace tcosim
