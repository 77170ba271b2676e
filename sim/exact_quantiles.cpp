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

namespace {}  // namespace

void exact_quantiles(std::span<const double> values, std::span<const double> levels, std::span<double> out) {
  if (out.size() != levels.size()) throw std::invalid_argument("exact_quantiles: out and levels differ in size");
  const std::size_t n = values.size();
  std::vector<std::size_t> ranks;
  for (double q : levels)
    if (!std::isnan(q)) type7_ranks(n, q, ranks);
  const RankSelection s = select_ranks(values, std::move(ranks));
  for (std::size_t i = 0; i < levels.size(); ++i) out[i] = type7_from_selected(s, n, levels[i]);
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

std::size_t upper_cvar_ranks(std::size_t n, double level, std::vector<std::size_t>& ranks) {
  if (n == 0 || std::isnan(level)) return n;
  const Tail tail = tail_of(n, level);
  // With t < 1 only the maximum is needed; otherwise the k largest, x_(n-k) and up, and the
  // boundary x_(n-k-1) when there is one.
  if (tail.t < 1.0) {
    ranks.push_back(n - 1);
    return n;
  }
  if (tail.k < n) ranks.push_back(n - tail.k - 1);
  return n - tail.k;
}

double upper_cvar_from_selected(const RankSelection& s, std::size_t n, double level) {
  if (n == 0 || std::isnan(level)) return std::numeric_limits<double>::quiet_NaN();
  const Tail tail = tail_of(n, level);
  if (tail.t < 1.0) return s.at(n - 1);
  CompensatedSum sum;
  sum.add(s.upper_sum);
  const double frac = tail.t - static_cast<double>(tail.k);
  if (frac > 0.0 && tail.k < n) sum.add(frac * s.at(n - tail.k - 1));
  return sum.value() / tail.t;
}

double exact_upper_cvar(std::span<const double> values, double level) {
  std::vector<std::size_t> ranks;
  const std::size_t upper_from = upper_cvar_ranks(values.size(), level, ranks);
  const RankSelection s = select_ranks(values, std::move(ranks), upper_from);
  return upper_cvar_from_selected(s, values.size(), level);
}

}  // namespace tcosim
