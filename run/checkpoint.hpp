#pragma once
// Checkpoint files: a run's accumulated state (RunState) with the identity of the run that
// wrote it, written atomically, so that `--resume` continues exactly where the last one left
// off, and refuses a file from another run or one that is damaged.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>

#include "models/scenario.hpp"
#include "run/run_state.hpp"

namespace tcosim {

/// What must match for a checkpoint to be resumed by a run.
struct CheckpointIdentity {
  std::string tcosim_version;
  std::string scenario_sha256;  ///< of the scenario text after --set overrides were applied
  std::uint64_t seed = 0;
  std::uint64_t trials = 0;
  std::uint64_t sample_rows = 0;
  Sampling sampling = Sampling::Random;
  std::optional<double> target_precision;
  bool exact_quantiles = true;
  std::uint64_t options = 0;
  std::uint64_t inputs = 0;
  std::uint64_t chunk_trials = 0;
};

/// A checkpoint that cannot be used: damaged, truncated, or from another run.
struct CheckpointError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Writes `state` to `file` atomically (temporary file, fsync, rename).
void write_checkpoint(const std::filesystem::path& file, const CheckpointIdentity& id, const RunState& state);

/// Reads `file` into `state` (which must be empty). Returns false when there is no such file;
/// throws CheckpointError naming the file and what is wrong when it cannot be used.
bool read_checkpoint(const std::filesystem::path& file, const CheckpointIdentity& id, RunState& state);

/// The name of the checkpoint inside a run's output folder.
inline constexpr const char* kCheckpointFileName = "checkpoint.tcosim";

}  // namespace tcosim
