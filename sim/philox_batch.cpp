#include "sim/philox_batch.hpp"

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(TCOSIM_NO_CLONES)
#define TCOSIM_PHILOX_CLONES __attribute__((target_clones("default", "arch=x86-64-v3", "arch=x86-64-v4")))
#else
#define TCOSIM_PHILOX_CLONES
#endif

namespace tcosim {

TCOSIM_PHILOX_CLONES void philox_first_u01(std::uint64_t seed, std::uint64_t first_trial, std::uint32_t input_id,
                                           std::size_t n, double* u) noexcept {
  constexpr std::uint32_t kM0 = 0xD2511F53u;
  constexpr std::uint32_t kM1 = 0xCD9E8D57u;
  constexpr std::uint32_t kW0 = 0x9E3779B9u;
  constexpr std::uint32_t kW1 = 0xBB67AE85u;
  // The key schedule of the ten rounds, shared by every lane.
  std::uint32_t k0[10], k1[10];
  k0[0] = static_cast<std::uint32_t>(seed);
  k1[0] = static_cast<std::uint32_t>(seed >> 32);
  for (int r = 1; r < 10; ++r) {
    k0[r] = k0[r - 1] + kW0;
    k1[r] = k1[r - 1] + kW1;
  }
  // One lane per trial, its counter kept in registers through the ten rounds; the vectoriser
  // runs 4 to 16 lanes side by side.
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t t = first_trial + i;
    std::uint32_t c0 = static_cast<std::uint32_t>(t), c1 = static_cast<std::uint32_t>(t >> 32), c2 = input_id, c3 = 0u;
#pragma GCC unroll 10
    for (int r = 0; r < 10; ++r) {
      const std::uint64_t p0 = static_cast<std::uint64_t>(kM0) * c0;
      const std::uint64_t p1 = static_cast<std::uint64_t>(kM1) * c2;
      const std::uint32_t n0 = static_cast<std::uint32_t>(p1 >> 32) ^ c1 ^ k0[r];
      const std::uint32_t n2 = static_cast<std::uint32_t>(p0 >> 32) ^ c3 ^ k1[r];
      c1 = static_cast<std::uint32_t>(p1);
      c3 = static_cast<std::uint32_t>(p0);
      c0 = n0;
      c2 = n2;
    }
    // r123::u01fixedpt<double>(w), w = c0 * 2^32 + c1: (1 | (w >> 11)) * 2^-53 =
    // c0 * 2^-32 + ((c1 >> 11) | 1) * 2^-53. Both terms and their sum are exact doubles; written
    // with signed 32-bit conversions (c0 offset by 2^31), which SSE2 has in packed form.
    const double hi = static_cast<double>(static_cast<std::int32_t>(c0 ^ 0x80000000u)) + 0x1p31;
    const double lo = static_cast<double>(static_cast<std::int32_t>((c1 >> 11) | 1u));
    u[i] = hi * 0x1p-32 + lo * 0x1p-53;
  }
}

}  // namespace tcosim
