#include "models/analytics_columns.hpp"

#include <bit>
#include <cstring>

#include "sim/vector_clones.hpp"

namespace tcosim {

TCOSIM_AVX2_CLONES PairTally paired_difference(const double* a, const double* b, std::size_t n, double* diff) noexcept {
  std::uint64_t a_cheaper = 0, b_cheaper = 0;
  for (std::size_t t = 0; t < n; ++t) {
    const double d = a[t] - b[t];
    diff[t] = d;
    a_cheaper += d < 0.0 ? 1 : 0;
    b_cheaper += d > 0.0 ? 1 : 0;
  }
  // Moments::of is inline: its fixed-order lanes are compiled here in each instruction set.
  return {Moments::of(diff, n), a_cheaper, b_cheaper};
}

namespace {

constexpr std::uint64_t kEveryByte = 0x0101'0101'0101'0101ull;
constexpr std::uint64_t kTopBits = 0x80 * kEveryByte;

/// Eight bins from b on as one word, bin j in byte j.
inline std::uint64_t eight_bins(const std::uint8_t* b) noexcept {
  std::uint64_t x = 0;
  if constexpr (std::endian::native == std::endian::little) {
    std::memcpy(&x, b, sizeof x);
  } else {
    for (unsigned j = 0; j < 8; ++j) x |= std::uint64_t{b[j]} << (8 * j);
  }
  return x;
}

/// Byte j's top bit (the only bits set in `flags`) to bit j.
inline std::uint64_t gather_top_bits(std::uint64_t flags) noexcept {
  return ((flags >> 7) * 0x0102'0408'1020'4080ull) >> 56;
}

/// Appends t0 + i for every set bit i of mask, lowest first.
inline void append_set_bits(std::uint64_t mask, std::size_t t0, std::uint16_t* out, std::size_t& k) noexcept {
  for (; mask != 0; mask &= mask - 1) out[k++] = static_cast<std::uint16_t>(t0 + std::countr_zero(mask));
}

}  // namespace

std::array<std::size_t, 2> decile_trials(const std::uint8_t* bin, std::size_t n, std::uint16_t* low,
                                         std::uint16_t* high) noexcept {
  static_assert(kLowDecileEnd == 2 && kHighDecileBin + 2 == kValueBins && kValueBins <= 128);
  // 64 trials at a time: a mask with one bit per trial in the decile, then a loop over its set
  // bits (one unpredictable loop exit per 64 trials, not one branch per trial). Per byte, with
  // bins below 128 no addition carries into the next byte: b < 2 exactly when b + 126 < 128,
  // and b >= 18 exactly when b + 110 >= 128 (b < 20).
  std::size_t n_low = 0, n_high = 0, t0 = 0;
  for (; t0 + 64 <= n; t0 += 64) {
    std::uint64_t lo = 0, hi = 0;
    for (unsigned w = 0; w < 8; ++w) {
      const std::uint64_t x = eight_bins(bin + t0 + 8 * w);
      lo |= gather_top_bits(~(x + 0x7E * kEveryByte) & kTopBits) << (8 * w);
      hi |= gather_top_bits((x + 0x6E * kEveryByte) & kTopBits) << (8 * w);
    }
    append_set_bits(lo, t0, low, n_low);
    append_set_bits(hi, t0, high, n_high);
  }
  std::uint64_t lo = 0, hi = 0;
  for (std::size_t j = 0; t0 + j < n; ++j) {
    lo |= std::uint64_t{bin[t0 + j] < kLowDecileEnd} << j;
    hi |= std::uint64_t{bin[t0 + j] >= kHighDecileBin} << j;
  }
  append_set_bits(lo, t0, low, n_low);
  append_set_bits(hi, t0, high, n_high);
  return {n_low, n_high};
}

}  // namespace tcosim
