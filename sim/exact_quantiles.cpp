#include "sim/exact_quantiles.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <stdexcept>

#include "sim/compensated_sum.hpp"

namespace tcosim {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Places order statistics one at a time, reusing earlier partitions: ascending requests each
/// select only within the part above the previous one, so all levels cost about one pass.
class OrderStatistics {
 public:
  explicit OrderStatistics(std::span<double> v) : v_(v) {}

  /// The k-th smallest value (0-based), left at position k.
  double at(std::size_t k) {
    if (placed_ && k == last_) return v_[k];
    // Invariant: everything before first_ is <= everything from first_ on. A request below it
    // (levels out of order) is still answered correctly, by selecting over the whole range.
    if (k < first_) first_ = 0;
    const auto b = v_.begin();
    if (k == first_) {
      std::iter_swap(b + static_cast<std::ptrdiff_t>(k),
                     std::min_element(b + static_cast<std::ptrdiff_t>(k), v_.end()));
    } else {
      std::nth_element(b + static_cast<std::ptrdiff_t>(first_), b + static_cast<std::ptrdiff_t>(k), v_.end());
    }
    first_ = k + 1;
    last_ = k;
    placed_ = true;
    return v_[k];
  }

 private:
  std::span<double> v_;
  std::size_t first_ = 0, last_ = 0;
  bool placed_ = false;
};

}  // namespace

void exact_quantiles(std::span<double> values, std::span<const double> levels, std::span<double> out) {
  if (out.size() != levels.size()) throw std::invalid_argument("exact_quantiles: out and levels differ in size");
  const std::size_t n = values.size();
  OrderStatistics stats(values);
  for (std::size_t i = 0; i < levels.size(); ++i) {
    if (n == 0 || std::isnan(levels[i])) {
      out[i] = kNaN;
      continue;
    }
    const double q = std::clamp(levels[i], 0.0, 1.0);
    const double h = static_cast<double>(n - 1) * q;
    const double lo = std::floor(h);
    const auto k = static_cast<std::size_t>(lo);
    const double frac = h - lo;
    const double x = stats.at(k);
    // frac == 0 must not touch x_(k+1): it may not exist, and inf - inf would give NaN.
    // std::lerp is exact at the ends and monotone in frac, as type 7 on sorted data must be.
    out[i] = frac > 0.0 ? std::lerp(x, stats.at(k + 1), frac) : x;
  }
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
