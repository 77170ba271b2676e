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

namespace {

/// The tail mass t = n - level n and its whole part k (both 0 when the sample is empty).
struct Tail {
  double t = 0.0;
  std::size_t k = 0;
};
Tail tail_of(std::size_t n, double level) {
  const double nd = static_cast<double>(n);
  // n - level n rather than (1 - level) n: 1 - 0.95 is not 0.05 in binary, but 0.95 * 100
  // rounds to exactly 95, so round tail sizes come out whole.
  const double t = nd - std::clamp(level, 0.0, 1.0) * nd;
  return {t, std::min(static_cast<std::size_t>(std::floor(t)), n)};
}

}  // namespace

void upper_cvar_ranks(std::size_t n, double level, std::vector<std::size_t>& ranks) {
  if (n == 0 || std::isnan(level)) return;
  const Tail tail = tail_of(n, level);
  // The boundary x_(n-k-1) and the first of the k largest, x_(n-k): once both are selected,
  // the k largest are exactly values[n-k, n). With t < 1 only the maximum is needed.
  if (tail.t < 1.0 || tail.k >= n) {
    ranks.push_back(n - 1);
    return;
  }
  ranks.push_back(n - tail.k - 1);
  if (tail.k > 0) ranks.push_back(n - tail.k);
}

double upper_cvar_from_selected(std::span<const double> values, double level) {
  const std::size_t n = values.size();
  if (n == 0 || std::isnan(level)) return kNaN;
  const Tail tail = tail_of(n, level);
  if (tail.t < 1.0) return values[n - 1];
  CompensatedSum sum;
  for (std::size_t i = n - tail.k; i < n; ++i) sum.add(values[i]);
  const double frac = tail.t - static_cast<double>(tail.k);
  if (frac > 0.0 && tail.k < n) sum.add(frac * values[n - tail.k - 1]);
  return sum.value() / tail.t;
}

double exact_upper_cvar(std::span<double> values, double level) {
  std::vector<std::size_t> ranks;
  upper_cvar_ranks(values.size(), level, ranks);
  std::sort(ranks.begin(), ranks.end());
  select_order_statistics(values, ranks);
  return upper_cvar_from_selected(values, level);
}

}  // namespace tcosim
