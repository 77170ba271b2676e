#pragma once
// Numbers shared by tests: infinity, bit-exact comparison, a Kolmogorov-Smirnov critical value.
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>

namespace tcosim::test {

inline constexpr double kInf = std::numeric_limits<double>::infinity();

/// The two-sided Kolmogorov-Smirnov critical value at alpha = 0.001 for n draws (asymptotic).
inline double ks_critical_0001(std::size_t n) {
  return std::sqrt(-std::log(0.0005) / 2.0) / std::sqrt(static_cast<double>(n));
}

/// Whether two doubles are the same bits (NaNs of one payload compare equal, 0 and -0 do not).
inline bool same_bits(double x, double y) { return std::bit_cast<std::uint64_t>(x) == std::bit_cast<std::uint64_t>(y); }

}  // namespace tcosim::test
