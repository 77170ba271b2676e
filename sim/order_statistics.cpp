#include "sim/order_statistics.hpp"

#include <algorithm>
#include <boost/math/distributions/binomial.hpp>
#include <boost/math/distributions/normal.hpp>
#include <cmath>

namespace tcosim {

namespace {

void select_range(std::span<double> values, std::size_t first, std::size_t last, std::span<const std::size_t> ranks) {
  while (!ranks.empty()) {
    const std::size_t mid = ranks.size() / 2;
    const std::size_t r = ranks[mid];
    const auto b = values.begin();
    std::nth_element(b + static_cast<std::ptrdiff_t>(first), b + static_cast<std::ptrdiff_t>(r),
                     b + static_cast<std::ptrdiff_t>(last));
    // Recurse on the smaller side, loop on the other: stack depth stays O(log k).
    std::span<const std::size_t> left = ranks.first(mid), right = ranks.subspan(mid + 1);
    if (left.size() < right.size()) {
      select_range(values, first, r, left);
      first = r + 1;
      ranks = right;
    } else {
      select_range(values, r + 1, last, right);
      last = r;
      ranks = left;
    }
  }
}

}  // namespace

void select_order_statistics(std::span<double> values, std::span<const std::size_t> ranks) {
  select_range(values, 0, values.size(), ranks);
}

void type7_ranks(std::size_t n, double q, std::vector<std::size_t>& ranks) {
  if (n == 0) return;
  const double h = static_cast<double>(n - 1) * std::clamp(q, 0.0, 1.0);
  const auto k = static_cast<std::size_t>(std::floor(h));
  ranks.push_back(k);
  if (k + 1 < n) ranks.push_back(k + 1);
}

double type7_from_selected(std::span<const double> values, double q) {
  const std::size_t n = values.size();
  if (n == 0 || std::isnan(q)) return std::nan("");
  const double h = static_cast<double>(n - 1) * std::clamp(q, 0.0, 1.0);
  const double lo = std::floor(h);
  const auto k = static_cast<std::size_t>(lo);
  const double frac = h - lo;
  // frac == 0 must not touch x_(k+1): it may not exist, and inf - inf would give NaN.
  return frac > 0.0 ? std::lerp(values[k], values[k + 1], frac) : values[k];
}

RankInterval quantile_ci_ranks(std::uint64_t n, double q, double confidence) {
  if (n == 0) return {};
  q = std::clamp(q, 0.0, 1.0);
  const double alpha = (1.0 - confidence) / 2.0;
  const double nd = static_cast<double>(n);
  // B = number of values below the true quantile ~ Binomial(n, q). x_(l) (1-based) lies below
  // it when B >= l and x_(u) above when B <= u - 1, so [x_(l), x_(u)] covers with P(l <= B < u).
  std::int64_t l1, u1;  // 1-based ranks
  if (n <= 1000) {
    const boost::math::binomial_distribution<double> b(nd, q);
    l1 = 0;
    while (l1 < static_cast<std::int64_t>(n) && boost::math::cdf(b, static_cast<double>(l1)) <= alpha) ++l1;
    // l1 is now the largest l with P(B <= l - 1) <= alpha.
    u1 = static_cast<std::int64_t>(n) + 1;
    while (u1 > 1 && boost::math::cdf(boost::math::complement(b, static_cast<double>(u1 - 2))) <= alpha) --u1;
    // u1 is the smallest u with P(B >= u) <= alpha.
  } else {
    const double z = boost::math::quantile(boost::math::normal_distribution<double>(), 1.0 - alpha);
    const double sd = std::sqrt(nd * q * (1.0 - q));
    l1 = static_cast<std::int64_t>(std::floor(nd * q - z * sd));
    u1 = static_cast<std::int64_t>(std::ceil(nd * q + z * sd)) + 1;
  }
  const auto clamp_rank = [n](std::int64_t r1) {
    return static_cast<std::size_t>(std::clamp<std::int64_t>(r1 - 1, 0, static_cast<std::int64_t>(n) - 1));
  };
  return {clamp_rank(l1), clamp_rank(u1)};
}

}  // namespace tcosim
