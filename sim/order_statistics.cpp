#include "sim/order_statistics.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <boost/math/distributions/binomial.hpp>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <utility>

#include "sim/compensated_sum.hpp"

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
  select_range(values, 0, values.size(), ranks);
}

double RankSelection::at(std::size_t rank) const noexcept {
  const auto it = std::lower_bound(ranks.begin(), ranks.end(), rank);
  return values[static_cast<std::size_t>(it - ranks.begin())];
}

namespace {

/// Smallest and largest value, with kLanes running extremes so the compiler vectorises it.
template <class Values>
std::pair<double, double> min_max(const Values& v) noexcept {
  constexpr std::size_t kLanes = 8;
  double lo[kLanes], hi[kLanes];
  std::fill(lo, lo + kLanes, std::numeric_limits<double>::infinity());
  std::fill(hi, hi + kLanes, -std::numeric_limits<double>::infinity());
  const std::size_t whole = v.size() - v.size() % kLanes;
  for (std::size_t i = 0; i < whole; i += kLanes)
    for (std::size_t j = 0; j < kLanes; ++j) {
      lo[j] = v[i + j] < lo[j] ? v[i + j] : lo[j];
      hi[j] = v[i + j] > hi[j] ? v[i + j] : hi[j];
    }
  for (std::size_t i = whole; i < v.size(); ++i) lo[0] = std::min(lo[0], v[i]), hi[0] = std::max(hi[0], v[i]);
  return {*std::min_element(lo, lo + kLanes), *std::max_element(hi, hi + kLanes)};
}

/// select_ranks on a copy, by nth_element recursion: small samples, and samples whose range
/// cannot be cut into buckets.
template <class Values>
void select_by_copy(const Values& values, std::span<const std::size_t> all, std::size_t upper_from, RankSelection& s) {
  std::vector<double> work(values.size());
  for (std::size_t i = 0; i < work.size(); ++i) work[i] = values[i];
  select_range(work, 0, work.size(), all);
  for (std::size_t i = 0; i < s.ranks.size(); ++i) s.values[i] = work[s.ranks[i]];
  CompensatedSum upper;
  for (std::size_t i = upper_from; i < work.size(); ++i) upper.add(work[i]);
  s.upper_sum = upper.value();
}

/// select_ranks of a stored sample (a span) or of one computed where read (Differences).
template <class Values>
RankSelection select_ranks_of(const Values& values, std::vector<std::size_t> ranks, std::size_t upper_from) {
  const std::size_t n = values.size();
  RankSelection s;
  std::sort(ranks.begin(), ranks.end());
  ranks.erase(std::unique(ranks.begin(), ranks.end()), ranks.end());
  s.ranks = ranks;
  s.values.resize(ranks.size());
  // Every rank the selection must settle: the requested ones and the first of the upper tail.
  std::vector<std::size_t> all = std::move(ranks);
  const auto at = std::lower_bound(all.begin(), all.end(), upper_from);
  if (upper_from < n && (at == all.end() || *at != upper_from)) all.insert(at, upper_from);
  if (n < kBucketSelectMin) {
    select_by_copy(values, all, upper_from, s);
    return s;
  }
  const std::pair<double, double> range = min_max(values);
  const double lo = range.first, hi = range.second;  // named, not bound: clang 14 cannot capture bindings
  if (!std::isfinite(lo) || !std::isfinite(hi) || !(hi > lo)) {
    select_by_copy(values, all, upper_from, s);
    return s;
  }
  // Value-ordered buckets (a bucket index is monotone in the value: subtraction and
  // multiplication by a positive constant preserve order under rounding), so bucket b holds
  // exactly the ranks [start[b], start[b + 1]). One pass counts them; a second copies out only
  // the buckets that hold a wanted rank (a few hundred of 16,384) and sums the buckets above
  // the upper tail's first rank; selection then runs inside the copied buckets alone. Values
  // piled into one bucket (a heavy tail, many equal values) just make that bucket bigger.
  const std::size_t buckets = std::clamp<std::size_t>(std::bit_floor(n / 64), 1024, 1 << 16);
  const double scale = static_cast<double>(buckets) / (hi - lo);
  const auto bucket_of = [&](double x) { return std::min(buckets - 1, static_cast<std::size_t>((x - lo) * scale)); };
  std::vector<std::size_t> start(buckets + 1, 0);
  for (std::size_t i = 0; i < n; ++i) ++start[bucket_of(values[i]) + 1];
  for (std::size_t b = 0; b < buckets; ++b) start[b + 1] += start[b];
  const auto bucket_of_rank = [&](std::size_t r) {
    return static_cast<std::size_t>(std::upper_bound(start.begin(), start.end(), r) - start.begin()) - 1;
  };
  // write[b]: where bucket b's next value goes in `kept`, or kSkip for buckets not kept.
  constexpr std::size_t kSkip = std::numeric_limits<std::size_t>::max();
  std::vector<std::size_t> write(buckets, kSkip);
  std::size_t kept_size = 0;
  for (std::size_t r : all) {
    const std::size_t b = bucket_of_rank(r);
    if (write[b] == kSkip) write[b] = kept_size, kept_size += start[b + 1] - start[b];
  }
  const std::size_t upper_bucket = upper_from < n ? bucket_of_rank(upper_from) : buckets;
  std::vector<double> kept(kept_size);
  CompensatedSum upper;
  for (std::size_t i = 0; i < n; ++i) {
    const double x = values[i];
    const std::size_t b = bucket_of(x);
    if (b > upper_bucket) upper.add(x);
    if (write[b] != kSkip) kept[write[b]++] = x;
  }
  // Each kept bucket's ranks, selected inside it (write[b] is now the bucket's end in `kept`).
  std::vector<std::size_t> local;
  std::size_t out = 0;
  for (std::size_t i = 0; i < all.size();) {
    const std::size_t b = bucket_of_rank(all[i]);
    const std::size_t size = start[b + 1] - start[b];
    const std::span<double> bucket(kept.data() + (write[b] - size), size);
    local.clear();
    for (; i < all.size() && all[i] < start[b + 1]; ++i) local.push_back(all[i] - start[b]);
    select_range(bucket, 0, size, local);
    for (; out < s.ranks.size() && s.ranks[out] < start[b + 1]; ++out) s.values[out] = bucket[s.ranks[out] - start[b]];
    if (b == upper_bucket)
      for (std::size_t j = upper_from - start[b]; j < size; ++j) upper.add(bucket[j]);
  }
  s.upper_sum = upper.value();
  return s;
}

}  // namespace

RankSelection select_ranks(std::span<const double> values, std::vector<std::size_t> ranks, std::size_t upper_from) {
  return select_ranks_of(values, std::move(ranks), upper_from);
}

RankSelection select_ranks(const Differences& values, std::vector<std::size_t> ranks, std::size_t upper_from) {
  if (values.b.size() != values.a.size()) throw std::invalid_argument("select_ranks: differences of unequal series");
  return select_ranks_of(values, std::move(ranks), upper_from);
}

void type7_ranks(std::size_t n, double q, std::vector<std::size_t>& ranks) {
  if (n == 0) return;
  const double h = static_cast<double>(n - 1) * std::clamp(q, 0.0, 1.0);
  const auto k = static_cast<std::size_t>(std::floor(h));
  ranks.push_back(k);
  if (k + 1 < n) ranks.push_back(k + 1);
}

double type7_from_selected(const RankSelection& s, std::size_t n, double q) {
  if (n == 0 || std::isnan(q)) return std::nan("");
  const double h = static_cast<double>(n - 1) * std::clamp(q, 0.0, 1.0);
  const double lo = std::floor(h);
  const auto k = static_cast<std::size_t>(lo);
  const double frac = h - lo;
  // frac == 0 must not touch x_(k+1): it may not exist, and inf - inf would give NaN.
  return frac > 0.0 ? std::lerp(s.at(k), s.at(k + 1), frac) : s.at(k);
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

std::string RankSelection::to_string() const {
  if (ranks.empty()) return fmt::format("RankSelection{{no ranks, upper_sum={}}}", upper_sum);
  return fmt::format("RankSelection{{{} ranks in [{}, {}], upper_sum={}}}", ranks.size(), ranks.front(), ranks.back(),
                     upper_sum);
}

std::string RankInterval::to_string() const { return fmt::format("RankInterval[{}, {}]", lo, hi); }

}  // namespace tcosim
