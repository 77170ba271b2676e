#pragma once
// Everything a run decides once, before its first trial: whether the arguments make sense,
// the threads, the memory plan (exact quantiles or the sketch), the shape of the stored data,
// the precision rounds, and the identity its checkpoints carry.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "models/chunk_kernel.hpp"
#include "models/scenario.hpp"
#include "models/simulation_result.hpp"
#include "run/run_config.hpp"
#include "run/run_identity.hpp"
#include "run/run_state.hpp"

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

  /// "exact, 26.0 MB planned (exact 24 MB, sketch 3.4 MB, samples 1.2 MB)".
  std::string to_string() const;
};

/// Chooses exact quantiles when the stored outcomes fit in the budget, else the sketch;
/// throws std::runtime_error when even the sketch does not fit.
MemoryPlan plan_memory(const Scenario& s, const RunConfig& cfg, unsigned threads);

/// What a run decided before its first trial.
struct RunPlan {
  unsigned threads = 0;  ///< the worker threads the memory plan counts per-thread sketches for
  MemoryPlan memory;
  RunShape shape;                     ///< rows recorded already clipped to the trial count
  std::vector<std::uint64_t> rounds;  ///< round_ends: chunk counts where precision is tested
  /// The stress pilot's kernel (nullptr when none ran): Workers hands it to the first thread.
  std::shared_ptr<ChunkKernel> pilot_kernel;

  bool exact() const noexcept { return memory.method == QuantileMethod::Exact; }
  /// The threads, the memory plan, the shape and the rounds.
  std::string to_string() const;
};

/// Checks the arguments (at least one trial, a positive precision target, a sampling set-up
/// the scenario supports) and plans the run; throws std::runtime_error naming what is wrong.
RunPlan plan_run(const Scenario& s, const RunConfig& cfg);

/// The run's whole identity once planned (what a checkpoint must match to be resumed):
/// run_identity(s, cfg) with the rows actually recorded and the quantile method the plan chose.
RunIdentity run_identity(const Scenario& s, const RunConfig& cfg, const RunPlan& plan);

}  // namespace tcosim
