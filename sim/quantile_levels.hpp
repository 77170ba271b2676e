#pragma once
// The percentile levels every report carries (MODEL.md section 5), in one place.
#include <array>
#include <string_view>

namespace tcosim {

inline constexpr std::array<double, 9> kQuantileLevels = {0.01, 0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95, 0.99};
inline constexpr std::array<std::string_view, 9> kQuantileNames = {"p1",  "p5",  "p10", "p25", "p50",
                                                                   "p75", "p90", "p95", "p99"};
/// Positions of P50 and P95 in kQuantileLevels.
inline constexpr std::size_t kP50Index = 4;
inline constexpr std::size_t kP95Index = 7;
/// CVaR level: cvar95 is the mean of the worst (highest) 5 % of outcomes.
inline constexpr double kCvarLevel = 0.95;

}  // namespace tcosim
