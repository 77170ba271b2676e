#include "sim/rank_correlation.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <utility>
#include <vector>

namespace tcosim {

void average_ranks(std::span<const double> x, std::span<double> out) {
  // Sorting (value, position) pairs keeps the values next to their positions, which is several
  // times faster than sorting positions by an indirect comparison. Ties get the mean of their
  // ranks, so their order among themselves does not matter.
  const std::size_t n = x.size();
  std::vector<std::pair<double, std::size_t>> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = {x[i], i};
  std::sort(order.begin(), order.end());
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i + 1;
    while (j < n && order[j].first == order[i].first) ++j;
    const double rank = 0.5 * static_cast<double>(i + 1 + j);  // mean of ranks i+1..j
    for (std::size_t k = i; k < j; ++k) out[order[k].second] = rank;
    i = j;
  }
}

double pearson_correlation(std::span<const double> x, std::span<const double> y) {
  const std::size_t n = std::min(x.size(), y.size());
  if (n < 2) return std::nan("");
  double mx = 0, my = 0;
  for (std::size_t i = 0; i < n; ++i) {
    mx += x[i];
    my += y[i];
  }
  mx /= static_cast<double>(n);
  my /= static_cast<double>(n);
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double dx = x[i] - mx, dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx <= 0 || syy <= 0) return std::nan("");
  return std::clamp(sxy / std::sqrt(sxx * syy), -1.0, 1.0);
}

double spearman_correlation(std::span<const double> x, std::span<const double> y) {
  std::vector<double> rx(x.size()), ry(y.size());
  average_ranks(x, rx);
  average_ranks(y, ry);
  return pearson_correlation(rx, ry);
}

}  // namespace tcosim
