#pragma once
// Checkpoint files: a run's accumulated state (RunState) with the identity of the run that
// wrote it, written atomically, so that `--resume` continues exactly where the last one left
// off, and refuses a file from another run or one that is damaged.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "run/run_identity.hpp"
#include "run/run_state.hpp"

namespace tcosim {

/// A checkpoint that cannot be used: damaged, truncated, or from another run.
struct CheckpointError : std::runtime_error {
  using std::runtime_error::runtime_error;
  /// The message: which file, and what is wrong with it.
  std::string to_string() const { return what(); }
};

/// Writes `state` to `file` atomically (temporary file, fsync, rename), with `id` (all of it but
/// the scenario name, which the file format predates).
void write_checkpoint(const std::filesystem::path& file, const RunIdentity& id, const RunState& state);

/// Reads `file` into `state` (which must be empty). Returns false when there is no such file;
/// throws CheckpointError naming the file and what is wrong when it cannot be used, e.g. when its
/// identity differs from `id` (the scenario name aside: the sha256 covers the scenario).
bool read_checkpoint(const std::filesystem::path& file, const RunIdentity& id, RunState& state);

/// Reads a checkpoint's whole bytes, as read_checkpoint does once it has them: the checksum, the
/// layout, the identity, the state and its invariants; `file` only names it in errors. Throws
/// CheckpointError (and nothing else) when the bytes cannot be used. fuzz/fuzz_checkpoint.cpp
/// drives it.
void load_checkpoint_bytes(std::string_view bytes, const std::filesystem::path& file, const RunIdentity& id,
                           RunState& state);

/// The name of the checkpoint inside a run's output folder.
inline constexpr const char* kCheckpointFileName = "checkpoint.tcosim";

}  // namespace tcosim
