#pragma once
// The threads that compute a run's chunks: one ChunkKernel per thread, all writing the
// per-trial data into one RunState and handing back each chunk's accumulators, which are
// pushed into the state in chunk order (so the reduction is the same on any schedule).
#include <tbb/enumerable_thread_specific.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "models/chunk_kernel.hpp"
#include "models/scenario.hpp"
#include "run/run_config.hpp"
#include "run/run_state.hpp"

namespace tcosim {

/// Thread-local kernels and the sinks they fill: computes waves of chunks into a RunState.
class Workers {
 public:
  /// Kernels are made lazily, one per thread that takes part; `state` must outlive this. The
  /// first is made from `finished` when given (a kernel of the same scenario, seed and sampling:
  /// RunPlan::pilot_kernel), reusing its memory.
  Workers(const Scenario& s, const RunConfig& cfg, RunState& state, std::shared_ptr<ChunkKernel> finished = nullptr);
  Workers(const Workers&) = delete;
  Workers& operator=(const Workers&) = delete;

  /// Computes `chunks` (at most kWaveChunks) in parallel and pushes their accumulators into
  /// the state in the order given, each as soon as the chunks before it are pushed. When the run's stop flag is set
  /// during the wave, chunks not yet begun are left out (a signal is honoured within a chunk, not a wave): they stay
  /// missing from the state's ranges, and a resumed run computes them.
  void run_wave(std::span<const std::uint64_t> chunks);
  /// Streaming mode: moves every thread's sketch counts into the state (exact integer merges,
  /// so in any order) and empties the threads' sketches.
  void drain_sketches();

  /// The kernels made so far and the state they fill.
  std::string to_string() const;

 private:
  enum class SlotStatus : char { pending, computed, skipped };

  RunState& state_;
  std::mutex lock_;                        ///< guards finished_, the state's chunk pushes, status_ and next_push_
  std::shared_ptr<ChunkKernel> finished_;  ///< taken by the first kernel made
  tbb::enumerable_thread_specific<ChunkKernel> kernels_;
  ChunkSinks sinks_;
  std::vector<ChunkState> slots_;   ///< one per chunk of a wave (moved out when pushed)
  std::vector<SlotStatus> status_;  ///< per slot in this wave: not done yet, computed, or skipped by a stop
  std::size_t next_push_ = 0;       ///< the first slot of this wave not pushed yet
  const std::atomic<int>* stop_;    ///< RunConfig::stop
};

}  // namespace tcosim
