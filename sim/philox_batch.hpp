#pragma once
// The uniform behind every input draw of a run, for one trial or for many at once.
//
// Input `id` of trial t takes its uniform from one Philox4x32-10 block with key = seed and
// counter = (t >> 1, id, 0): the block's first 64-bit word for an even trial, its second for
// the odd trial after it. Two trials share a block, so a run computes one block per two
// uniforms, and each value is still a pure function of (seed, trial, input id): replaying a
// trial alone, on any thread or rank, gives the run's value. The counter's top bit is clear
// (trial indices stay below 2^63), so these blocks never meet the Latin hypercube permutation
// streams (sim/latin_hypercube.hpp), whose counters have it set.
//
// The batched form runs the blocks of consecutive trial pairs side by side: the loop has no
// dependence between pairs, which GCC vectorises (SSE2 pmuludq for the 32x32->64 multiplies
// at the portable x86-64 baseline, wider in the x86-64-v3 and v4 clones). tests/ check it bit
// for bit against the scalar form, which is written with Random123's own Philox4x32.
#include <Random123/philox.h>

#include <Random123/uniform.hpp>
#include <cstddef>
#include <cstdint>

namespace tcosim {

/// A batch size the tests use to probe vector-width edge cases (any n works).
inline constexpr std::size_t kPhiloxLanes = 64;

/// The uniform of input `input_id` in trial `trial`, in [2^-53, 1 - 2^-53] (never 0 or 1, so
/// inverse CDFs stay finite): r123::u01fixedpt of the block word described above.
inline double input_uniform(std::uint64_t seed, std::uint64_t trial, std::uint32_t input_id) noexcept {
  const r123::Philox4x32::key_type key = {{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}};
  const std::uint64_t pair = trial >> 1;
  const r123::Philox4x32::ctr_type ctr = {
      {static_cast<std::uint32_t>(pair), static_cast<std::uint32_t>(pair >> 32), input_id, 0u}};
  const r123::Philox4x32::ctr_type block = r123::Philox4x32{}(ctr, key);
  const unsigned w = (trial & 1) != 0 ? 2 : 0;
  return r123::u01fixedpt<double>((static_cast<std::uint64_t>(block.v[w]) << 32) | block.v[w + 1]);
}

/// u[i] = input_uniform(seed, first_trial + i, input_id) for i < n.
/// On x86-64 with GCC the function is compiled for the baseline, x86-64-v3 (AVX2) and x86-64-v4
/// (AVX-512) and picked at load time (function multiversioning); every version gives the same bits.
void input_uniforms(std::uint64_t seed, std::uint64_t first_trial, std::uint32_t input_id, std::size_t n,
                    double* u) noexcept;

}  // namespace tcosim
