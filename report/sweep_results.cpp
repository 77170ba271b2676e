#include "report/sweep_results.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace tcosim {

std::string SweepOption::to_string() const {
  return fmt::format("{}: P50 total cost {} (P5 {}, P95 {}), P(cheapest) {}", name, cost_p50, cost_p5, cost_p95,
                     p_best_cost);
}

std::string SweepPoint::to_string() const {
  return fmt::format("[{}]: {} options -> {}", fmt::join(values, ", "), options.size(), report);
}

std::string Crossing::to_string() const {
  return fmt::format("{} = {} at {} (P50 total cost {}){}", a, b, x, cost,
                     cheaper_below.empty() ? "" : "; " + cheaper_below + " cheaper below");
}

std::string SweepResults::to_string() const {
  return fmt::format("{} over {}: {} points{}", scenario, fmt::join(params, ", "), points.size(),
                     breakeven ? fmt::format(", {} crossings", breakeven->size()) : "");
}

}  // namespace tcosim
