#pragma once
// Trials are cut into fixed-size chunks; chunk boundaries depend only on the trial count, never
// on threads or ranks, and each chunk's accumulators are reduced by a fixed tree over chunk
// indices (sim/pairwise_fold.hpp), so every floating-point reduction is the same sequence of
// operations on any machine configuration. Chunks are computed in waves of a bounded number,
// which bounds memory however many trials run and gives the caller regular points for
// progress, checkpoints and stopping.
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "util/tsan_edges.hpp"

namespace tcosim {

/// Trials per chunk: the one chunk size of every run. Fixed, because chunk boundaries are part
/// of a result's identity (moments are merged chunk by chunk), and every per-chunk buffer (the
/// kernel's batch, the Latin hypercube block) is sized by it.
inline constexpr std::uint64_t kChunkTrials = 4096;

/// Trials [0, trials) cut into chunks of chunk_trials (the last may be shorter).
struct ChunkPlan {
  std::uint64_t trials = 0;
  std::uint64_t chunk_trials = kChunkTrials;

  std::uint64_t chunks() const noexcept { return (trials + chunk_trials - 1) / chunk_trials; }
  std::uint64_t begin(std::uint64_t chunk) const noexcept { return chunk * chunk_trials; }
  std::uint64_t end(std::uint64_t chunk) const noexcept { return std::min(trials, (chunk + 1) * chunk_trials); }
  /// e.g. "ChunkPlan{10000 trials in 3 chunks of 4096}".
  std::string to_string() const;
};

/// One wave: compute(chunk, slots[i]) for every chunk_ids[i], in parallel (slots must have at
/// least chunk_ids.size() entries; compute must fully reset its slot).
template <class ChunkState, class Compute>
void compute_wave(std::span<const std::uint64_t> chunk_ids, std::vector<ChunkState>& slots, Compute&& compute) {
  ForkJoinEdges edges;
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, chunk_ids.size(), 1),
                    edges.task([&](const tbb::blocked_range<std::size_t>& r) {
                      for (std::size_t i = r.begin(); i != r.end(); ++i) compute(chunk_ids[i], slots[i]);
                    }));
  edges.join();
}

}  // namespace tcosim
