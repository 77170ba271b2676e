#pragma once
// The order in which a run computes its chunks: rounds (with --target-precision, the points
// where precision is tested), and within a round, waves of a bounded number of chunks shared
// among the MPI ranks. Both are fixed by the trial count and the ranks alone, so where a run
// stops and what it has computed at each wave never depend on threads or scheduling.
#include <cstdint>
#include <string>
#include <vector>

#include "run/run_state.hpp"

namespace tcosim {

/// With --target-precision, precision is checked after 16 chunks, then each time the count
/// doubles (and at the trial limit): fixed points, so the stop does not depend on threads.
inline constexpr std::uint64_t kFirstRoundChunks = 16;
/// Chunk counts at which rounds end (just the total without rounds).
std::vector<std::uint64_t> round_ends(std::uint64_t total_chunks, bool rounds);

/// Chunks per wave: bounds the per-chunk accumulators alive at once. Fixed, so it cannot
/// influence results (merging is in chunk order regardless), only memory and progress cadence.
inline constexpr std::size_t kWaveChunks = 64;

/// One rank's share of a round's missing chunks, cut into waves. Every rank runs the same
/// number of waves (the largest share's), so the collectives after each wave line up. The share
/// is kept as ranges, so the schedule's memory does not grow with the trial count.
struct WaveSchedule {
  ChunkRanges share;        ///< this rank's chunks, as ranges in order
  std::uint64_t count = 0;  ///< chunks in `share`
  std::uint64_t waves = 0;  ///< the same on every rank

  /// The chunks of wave w, at most kWaveChunks (empty when this rank's share ran out before the
  /// largest one's).
  std::vector<std::uint64_t> wave(std::uint64_t w) const;
  /// "N chunks [first, last] in W waves".
  std::string to_string() const;
};

/// Rank `rank` of `ranks`: its share of the chunks of [0, end) that `covered` lacks.
WaveSchedule schedule_round(const ChunkRanges& covered, std::uint64_t end, unsigned rank, unsigned ranks);

}  // namespace tcosim
