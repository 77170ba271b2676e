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

std::vector<std::uint64_t> WaveSchedule::wave(std::uint64_t w) const {
  std::vector<std::uint64_t> out;
  if (w >= count / kWaveChunks + 1) return out;
  std::uint64_t skip = w * kWaveChunks;
  for (const auto& [a, b] : share) {
    if (skip >= b - a) {
      skip -= b - a;
      continue;
    }
    for (std::uint64_t c = a + skip; c < b && out.size() < kWaveChunks; ++c) out.push_back(c);
    skip = 0;
    if (out.size() == kWaveChunks) break;
  }
  return out;
}

std::string WaveSchedule::to_string() const {
  if (count == 0) return fmt::format("no chunks in {} waves", waves);
  return fmt::format("{} chunks [{}, {}] in {} waves", count, share.front().first, share.back().second - 1, waves);
}

WaveSchedule schedule_round(const ChunkRanges& covered, std::uint64_t end, unsigned rank, unsigned ranks) {
  const ChunkRanges gaps = chunk_gaps(covered, end);
  std::uint64_t missing = 0;
  for (const auto& [a, b] : gaps) missing += b - a;
  WaveSchedule out;
  for (const auto& [a, b] : share_of(gaps, rank, ranks))
    if (b > a) {
      out.share.emplace_back(a, b);
      out.count += b - a;
    }
  const std::uint64_t largest_share = (missing + ranks - 1) / ranks;
  out.waves = (largest_share + kWaveChunks - 1) / kWaveChunks;
  return out;
}

}  // namespace tcosim
