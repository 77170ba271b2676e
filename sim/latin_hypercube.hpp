#pragma once
// Latin hypercube sampling over blocks of trials. In a block of m trials, each input's (0, 1)
// range is cut into m equal strata and a permutation assigns each trial its own stratum, so
// every stratum is hit exactly once per block; the trial's own uniform places it inside.
// Permutations are pure functions of (seed, block, input id), like every other draw.
#include <cstddef>
#include <cstdint>
#include <span>

namespace tcosim {

/// Bit set in the high word of a PhiloxStream's "trial" counter for permutation streams.
/// Trial indices stay below 2^63 (a run has at most 2^63 trials), so a permutation stream
/// (block | kLhsStreamBit, input id) never shares a counter with a trial's draws.
inline constexpr std::uint64_t kLhsStreamBit = std::uint64_t{1} << 63;

/// Most strata a block may have: permutations are stored as 16-bit entries.
inline constexpr std::size_t kMaxLhsStrata = std::size_t{1} << 16;

/// Fills `perm` (its size m is the number of strata, 1 <= m <= kMaxLhsStrata) with a uniformly
/// random permutation of 0..m-1: Fisher-Yates driven by PhiloxStream(seed, block | kLhsStreamBit,
/// input_id). Deterministic; independent across blocks, inputs and seeds.
void lhs_permutation(std::uint64_t seed, std::uint64_t block, std::uint32_t input_id, std::span<std::uint16_t> perm);

/// The uniform of stratum `stratum` (of `strata`, a power of two <= kMaxLhsStrata) placed by
/// v in (0, 1): (stratum + v) / strata, kept strictly below the stratum's upper edge. Near
/// v = 1, stratum + v would round up to stratum + 1, landing on the next stratum's edge (and
/// at 1 for the top stratum, where quantiles are infinite); the result is capped instead at
/// stratum + 1 - 2^-36, exact in double below 2^16 and still inside the stratum.
inline double lhs_uniform(std::uint32_t stratum, double v, double inv_strata) noexcept {
  const double s = static_cast<double>(stratum);
  const double w = s + v;
  const double cap = s + (1.0 - 0x1p-36);
  return (w < cap ? w : cap) * inv_strata;
}

}  // namespace tcosim
