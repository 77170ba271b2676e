#pragma once
// Parallel loop over fixed-size trial chunks whose per-chunk results are merged strictly in
// chunk order. Chunk boundaries depend only on the trial count, never on threads, so every
// floating-point reduction is the same sequence of operations on any machine configuration.
// Work proceeds in waves of a fixed number of chunks so memory stays bounded however many
// trials run, and the caller gets a natural point for progress, checkpoints or stopping.
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cstdint>
#include <vector>

namespace tcosim {

/// Trials [0, trials) cut into chunks of chunk_trials (the last may be shorter).
struct ChunkPlan {
  std::uint64_t trials = 0;
  std::uint64_t chunk_trials = 4096;

  std::uint64_t chunks() const noexcept { return (trials + chunk_trials - 1) / chunk_trials; }
  std::uint64_t begin(std::uint64_t chunk) const noexcept { return chunk * chunk_trials; }
  std::uint64_t end(std::uint64_t chunk) const noexcept { return std::min(trials, (chunk + 1) * chunk_trials); }
};

/// Runs compute(chunk, state) for chunks [first, last) in parallel, wave by wave, then
/// merge(chunk, state) serially in chunk order, then after_wave(next_chunk). compute must
/// fully reset `state` (slots are reused across waves to avoid allocation).
template <class ChunkState, class Compute, class Merge, class AfterWave>
void run_chunks_in_order(std::uint64_t first, std::uint64_t last, std::size_t wave_chunks,
                         std::vector<ChunkState>& slots, Compute&& compute, Merge&& merge, AfterWave&& after_wave) {
  if (slots.size() < wave_chunks) slots.resize(wave_chunks);
  for (std::uint64_t w = first; w < last; w += wave_chunks) {
    const std::uint64_t n = std::min<std::uint64_t>(wave_chunks, last - w);
    tbb::parallel_for(tbb::blocked_range<std::uint64_t>(0, n, 1), [&](const tbb::blocked_range<std::uint64_t>& r) {
      for (std::uint64_t i = r.begin(); i != r.end(); ++i) compute(w + i, slots[i]);
    });
    for (std::uint64_t i = 0; i < n; ++i) merge(w + i, slots[i]);
    after_wave(w + n);
  }
}

}  // namespace tcosim
