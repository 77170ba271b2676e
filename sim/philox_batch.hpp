#pragma once
// Philox4x32-10 for many trials at once. A trial's stream for an input is keyed by
// (seed; trial, input id, draw pair), so the streams of consecutive trials differ only in the
// first two counter words and can be computed side by side: the loops below run over lanes
// with no dependence between them, which GCC vectorises (SSE2 pmuludq for the 32x32->64
// multiplies at the portable x86-64 baseline, wider with -march). The words are exactly those
// of r123::Philox4x32 (tests/test_philox_batch.cpp), so every value is still the one a
// PhiloxStream(seed, trial, id) gives.
#include <cstddef>
#include <cstdint>

namespace tcosim {

/// A batch size the tests use to probe vector-width edge cases (any n works).
inline constexpr std::size_t kPhiloxLanes = 64;

/// u[i] = the first uniform of PhiloxStream(seed, first_trial + i, input_id), i < n: the
/// fixed-point double of the first 64-bit word of Philox block 0, in [2^-53, 1 - 2^-53].
/// On x86-64 with GCC the function is compiled for the baseline, x86-64-v3 (AVX2) and x86-64-v4
/// (AVX-512) and picked at load time (function multiversioning); every version gives the same bits.
void philox_first_u01(std::uint64_t seed, std::uint64_t first_trial, std::uint32_t input_id, std::size_t n,
                      double* u) noexcept;

}  // namespace tcosim
