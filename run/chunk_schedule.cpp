#include "run/chunk_schedule.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace tcosim {

std::vector<std::uint64_t> round_ends(std::uint64_t total_chunks, bool rounds) {
  std::vector<std::uint64_t> ends;
  if (rounds)
    for (std::uint64_t c = kFirstRoundChunks; c < total_chunks; c *= 2) ends.push_back(c);
  ends.push_back(total_chunks);
  return ends;
}

std::span<const std::uint64_t> WaveSchedule::wave(std::uint64_t w) const {
  const auto lo = static_cast<std::size_t>(std::min<std::uint64_t>(w * kWaveChunks, chunks.size()));
  const auto hi = static_cast<std::size_t>(std::min<std::uint64_t>(lo + kWaveChunks, chunks.size()));
  return std::span<const std::uint64_t>(chunks).subspan(lo, hi - lo);
}

std::string WaveSchedule::to_string() const {
  if (chunks.empty()) return fmt::format("no chunks in {} waves", waves);
  return fmt::format("{} chunks [{}, {}] in {} waves", chunks.size(), chunks.front(), chunks.back(), waves);
}

WaveSchedule schedule_round(const ChunkRanges& covered, std::uint64_t end, unsigned rank, unsigned ranks) {
  const ChunkRanges gaps = chunk_gaps(covered, end);
  std::uint64_t missing = 0;
  for (const auto& [a, b] : gaps) missing += b - a;
  WaveSchedule out;
  for (const auto& [a, b] : share_of(gaps, rank, ranks))
    for (std::uint64_t c = a; c < b; ++c) out.chunks.push_back(c);
  const std::uint64_t largest_share = (missing + ranks - 1) / ranks;
  out.waves = (largest_share + kWaveChunks - 1) / kWaveChunks;
  return out;
}

}  // namespace tcosim
