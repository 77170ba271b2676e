#include "sim/philox_batch.hpp"

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(TCOSIM_NO_CLONES)
#define TCOSIM_PHILOX_CLONES __attribute__((target_clones("default", "avx2", "avx512f")))
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
  const auto k0 = static_cast<std::uint32_t>(seed);
  const auto k1 = static_cast<std::uint32_t>(seed >> 32);
  for (std::size_t base = 0; base < n; base += kPhiloxLanes) {
    const std::size_t lanes = n - base < kPhiloxLanes ? n - base : kPhiloxLanes;
    std::uint32_t c0[kPhiloxLanes], c1[kPhiloxLanes], c2[kPhiloxLanes], c3[kPhiloxLanes];
    for (std::size_t i = 0; i < lanes; ++i) {
      const std::uint64_t t = first_trial + base + i;
      c0[i] = static_cast<std::uint32_t>(t);
      c1[i] = static_cast<std::uint32_t>(t >> 32);
      c2[i] = input_id;
      c3[i] = 0u;
    }
    std::uint32_t key0 = k0, key1 = k1;
    for (int round = 0; round < 10; ++round) {
      for (std::size_t i = 0; i < lanes; ++i) {
        const std::uint64_t p0 = static_cast<std::uint64_t>(kM0) * c0[i];
        const std::uint64_t p1 = static_cast<std::uint64_t>(kM1) * c2[i];
        const auto hi0 = static_cast<std::uint32_t>(p0 >> 32), lo0 = static_cast<std::uint32_t>(p0);
        const auto hi1 = static_cast<std::uint32_t>(p1 >> 32), lo1 = static_cast<std::uint32_t>(p1);
        const std::uint32_t n0 = hi1 ^ c1[i] ^ key0;
        const std::uint32_t n2 = hi0 ^ c3[i] ^ key1;
        c0[i] = n0;
        c1[i] = lo1;
        c2[i] = n2;
        c3[i] = lo0;
      }
      key0 += kW0;
      key1 += kW1;
    }
    // r123::u01fixedpt<double>(w), w = c0 * 2^32 + c1: (1 | (w >> 11)) * 2^-53 =
    // c0 * 2^-32 + ((c1 >> 11) | 1) * 2^-53. Both terms and their sum are exact doubles; written
    // with signed 32-bit conversions (c0 offset by 2^31), which SSE2 has in packed form.
    for (std::size_t i = 0; i < lanes; ++i) {
      const double hi = static_cast<double>(static_cast<std::int32_t>(c0[i] ^ 0x80000000u)) + 0x1p31;
      const double lo = static_cast<double>(static_cast<std::int32_t>((c1[i] >> 11) | 1u));
      u[base + i] = hi * 0x1p-32 + lo * 0x1p-53;
    }
  }
}

}  // namespace tcosim
