#include "sim/exact_quantiles.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <stdexcept>
#include <vector>

#include "sim/compensated_sum.hpp"
#include "sim/order_statistics.hpp"

namespace tcosim {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace

void exact_quantiles(std::span<double> values, std::span<const double> levels, std::span<double> out) {
  if (out.size() != levels.size()) throw std::invalid_argument("exact_quantiles: out and levels differ in size");
  const std::size_t n = values.size();
  std::vector<std::size_t> ranks;
  for (double q : levels)
    if (!std::isnan(q)) type7_ranks(n, q, ranks);
  std::sort(ranks.begin(), ranks.end());
  ranks.erase(std::unique(ranks.begin(), ranks.end()), ranks.end());
  select_order_statistics(values, ranks);
  for (std::size_t i = 0; i < levels.size(); ++i) out[i] = type7_from_selected(values, levels[i]);
}

double exact_upper_cvar(std::span<double> values, double level) {
  const std::size_t n = values.size();
  if (n == 0 || std::isnan(level)) return kNaN;
  level = std::clamp(level, 0.0, 1.0);
  const double nd = static_cast<double>(n);
  // n - level n rather than (1 - level) n: 1 - 0.95 is not 0.05 in binary, but 0.95 * 100
  // rounds to exactly 95, so round tail sizes come out whole.
  const double t = nd - level * nd;
  if (t < 1.0) return *std::max_element(values.begin(), values.end());
  const auto k = std::min(static_cast<std::size_t>(std::floor(t)), n);
  const double frac = t - static_cast<double>(k);
  const auto split = values.begin() + static_cast<std::ptrdiff_t>(n - k);
  if (k < n) std::nth_element(values.begin(), split, values.end());
  CompensatedSum sum;
  for (auto it = split; it != values.end(); ++it) sum.add(*it);
  // After the selection the boundary order statistic x_(n-k-1) is the largest of the rest.
  if (frac > 0.0) sum.add(frac * *std::max_element(values.begin(), split));
  return sum.value() / t;
}

}  // namespace tcosim
