#pragma once
// What happens between waves of a run: one small collective tells every rank how far the run
// got, whether a stop signal is pending on any rank and whether a checkpoint is due; then the
// ranks' results are collected into rank 0's state, which writes the checkpoint, and a stop
// ends the run with RunInterrupted. Resuming reads the checkpoint back on rank 0.
#include <chrono>
#include <cstdint>
#include <string>

#include "run/checkpoint.hpp"
#include "run/run_config.hpp"
#include "run/run_state.hpp"
#include "run/workers.hpp"
#include "sim/communicator.hpp"

namespace tcosim {

/// What every rank learns after a wave, from one collective.
struct WaveControl {
  std::uint64_t chunks_done = 0;  ///< chunks all ranks together completed in the wave
  int stop_signal = 0;            ///< a signal pending on any rank, else 0
  bool checkpoint_due = false;    ///< rank 0's checkpoint interval has passed

  /// "64 chunks, signal 2, checkpoint due".
  std::string to_string() const;
};

/// The run's ranks, checkpoints, stop flag and progress, between waves.
class Coordinator {
 public:
  /// `cfg` must outlive this: its checkpoint settings, stop flag and progress are used.
  Coordinator(Communicator& comm, const RunConfig& cfg, RunIdentity identity);

  bool checkpointing() const noexcept { return !cfg_.checkpoint.file.empty(); }

  /// With --resume: rank 0 reads the checkpoint (if there is one) into `state`; every rank
  /// learns the completed chunk ranges, or throws CheckpointError when rank 0 refused the file.
  /// Without: nothing is done and no chunk is complete.
  ChunkRanges resume(RunState& state);
  /// The per-wave collective; `wave_chunks` is what this rank completed in the wave.
  WaveControl exchange(std::uint64_t wave_chunks);
  /// Shows `chunks` completed chunks (counted from 0) on rank 0's progress display.
  void report_progress(std::uint64_t chunks);
  /// A stop or a due checkpoint: collects, writes the checkpoint, and on a stop throws
  /// RunInterrupted with the trials completed.
  void act_on(const WaveControl& control, Workers& workers, RunState& state);
  /// Brings every rank's results since the last call into rank 0's state: the threads'
  /// sketch counts first, then the other ranks' fragments and data (their state is emptied).
  void collect(Workers& workers, RunState& state);
  /// True on every rank when rank 0 says so (its `precise` is the only one read).
  bool agree_to_stop(bool precise);
  /// The end of the run on rank 0's progress display.
  void finish_progress(std::uint64_t trials);

  /// "rank R of N, checkpoints to FILE every S s" (or "no checkpoints").
  std::string to_string() const;

 private:
  /// Rank 0 writes the state to the checkpoint file.
  void save_checkpoint(const RunState& state);

  Communicator& comm_;
  const RunConfig& cfg_;
  RunIdentity identity_;
  std::chrono::steady_clock::time_point last_checkpoint_;
};

}  // namespace tcosim
