#include "sim/order_statistics.hpp"

#include <algorithm>
#include <bit>
#include <boost/math/distributions/binomial.hpp>
#include <boost/math/distributions/normal.hpp>
#include <cmath>

namespace tcosim {

namespace {

// Below this many values, nth_element recursion beats a counting pass plus a scatter.
constexpr std::size_t kBucketSelectMin = 1 << 15;

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
  const std::size_t n = values.size();
  // Small samples, or few ranks: nth_element recursion is cheap enough.
  if (n < kBucketSelectMin || ranks.size() < 4) return select_range(values, 0, n, ranks);
  const auto [lo_it, hi_it] = std::minmax_element(values.begin(), values.end());
  const double lo = *lo_it, hi = *hi_it;
  if (!std::isfinite(lo) || !std::isfinite(hi) || !(hi > lo)) return select_range(values, 0, n, ranks);
  // One counting pass and one scatter into value-ordered buckets (a bucket index is monotone in
  // the value: subtraction and multiplication by a positive constant preserve order under
  // rounding), then selection only inside the buckets that hold requested ranks. Values piled
  // into one bucket (a heavy tail, many equal values) just make that bucket's selection bigger.
  const std::size_t buckets = std::clamp<std::size_t>(std::bit_floor(n / 64), 1024, 1 << 16);
  const double scale = static_cast<double>(buckets) / (hi - lo);
  auto bucket_of = [&](double x) { return std::min(buckets - 1, static_cast<std::size_t>((x - lo) * scale)); };
  std::vector<std::size_t> start(buckets + 1, 0);
  for (double x : values) ++start[bucket_of(x) + 1];
  for (std::size_t b = 0; b < buckets; ++b) start[b + 1] += start[b];
  std::vector<double> sorted(n);
  std::vector<std::size_t> next(start.begin(), start.end() - 1);
  for (double x : values) sorted[next[bucket_of(x)]++] = x;
  std::copy(sorted.begin(), sorted.end(), values.begin());
  // Ranks are ascending: hand each bucket its own run of them.
  std::size_t i = 0;
  while (i < ranks.size()) {
    const std::size_t b =
        static_cast<std::size_t>(std::upper_bound(start.begin(), start.end(), ranks[i]) - start.begin()) - 1;
    std::size_t j = i;
    while (j < ranks.size() && ranks[j] < start[b + 1]) ++j;
    select_range(values, start[b], start[b + 1], ranks.subspan(i, j - i));
    i = j;
  }
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
