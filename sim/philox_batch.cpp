#include "sim/philox_batch.hpp"

#include "sim/vector_clones.hpp"

namespace tcosim {

namespace {

/// The ten rounds' keys, shared by every block of a batch.
struct KeySchedule {
  std::uint32_t k0[10], k1[10];
  explicit KeySchedule(std::uint64_t seed) noexcept {
    k0[0] = static_cast<std::uint32_t>(seed);
    k1[0] = static_cast<std::uint32_t>(seed >> 32);
    for (int r = 1; r < 10; ++r) {
      k0[r] = k0[r - 1] + 0x9E3779B9u;
      k1[r] = k1[r - 1] + 0xBB67AE85u;
    }
  }
};

/// r123::u01fixedpt<double>(w), w = hi * 2^32 + lo: (1 | (w >> 11)) * 2^-53 =
/// hi * 2^-32 + ((lo >> 11) | 1) * 2^-53. Both terms and their sum are exact doubles; written
/// with signed 32-bit conversions (hi offset by 2^31), which SSE2 has in packed form.
inline double fixed_point(std::uint32_t hi, std::uint32_t lo) noexcept {
  const double h = static_cast<double>(static_cast<std::int32_t>(hi ^ 0x80000000u)) + 0x1p31;
  const double l = static_cast<double>(static_cast<std::int32_t>((lo >> 11) | 1u));
  return h * 0x1p-32 + l * 0x1p-53;
}

/// Philox4x32-10 of counter (pair, id, 0): both uniforms of the pair, the counter kept in
/// registers through the ten rounds.
inline void pair_uniforms(const KeySchedule& ks, std::uint64_t pair, std::uint32_t id, double& even,
                          double& odd) noexcept {
  std::uint32_t c0 = static_cast<std::uint32_t>(pair), c1 = static_cast<std::uint32_t>(pair >> 32), c2 = id, c3 = 0u;
#pragma GCC unroll 10
  for (int r = 0; r < 10; ++r) {
    const std::uint64_t p0 = static_cast<std::uint64_t>(0xD2511F53u) * c0;
    const std::uint64_t p1 = static_cast<std::uint64_t>(0xCD9E8D57u) * c2;
    const std::uint32_t n0 = static_cast<std::uint32_t>(p1 >> 32) ^ c1 ^ ks.k0[r];
    const std::uint32_t n2 = static_cast<std::uint32_t>(p0 >> 32) ^ c3 ^ ks.k1[r];
    c1 = static_cast<std::uint32_t>(p1);
    c3 = static_cast<std::uint32_t>(p0);
    c0 = n0;
    c2 = n2;
  }
  even = fixed_point(c0, c1);
  odd = fixed_point(c2, c3);
}

}  // namespace

TCOSIM_VECTOR_CLONES void input_uniforms(std::uint64_t seed, std::uint64_t first_trial, std::uint32_t input_id,
                                         std::size_t n, double* u) noexcept {
  if (n == 0) return;
  const KeySchedule ks(seed);
  double unused;
  std::size_t i = 0;
  if ((first_trial & 1) != 0) pair_uniforms(ks, first_trial >> 1, input_id, unused, u[i++]);
  // Whole pairs: trials first_trial + i and + i + 1, with first_trial + i even.
  const std::uint64_t first_pair = (first_trial + i) >> 1;
  const std::size_t pairs = (n - i) / 2;
  double* out = u + i;
  for (std::size_t k = 0; k < pairs; ++k) pair_uniforms(ks, first_pair + k, input_id, out[2 * k], out[2 * k + 1]);
  i += 2 * pairs;
  if (i < n) pair_uniforms(ks, (first_trial + i) >> 1, input_id, u[i], unused);
}

}  // namespace tcosim
