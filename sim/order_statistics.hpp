#pragma once
// Many order statistics of one sample at once, and the distribution-free confidence interval
// of a quantile. A report needs ~250 order statistics per metric (percentiles, their
// intervals, a chart curve); selecting them together costs O(n), not k passes or a sort.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace tcosim {

/// Rearranges `values` so that values[r] is the r-th smallest (0-based) for every r in
/// `ranks` (ascending, each < values.size()), by recursive nth_element on the median request.
void select_order_statistics(std::span<double> values, std::span<const std::size_t> ranks);

/// Chosen order statistics of a sample, and the sum of its upper tail (select_ranks).
struct RankSelection {
  std::vector<std::size_t> ranks;  ///< ascending, distinct, 0-based
  std::vector<double> values;      ///< values[i]: the ranks[i]-th smallest
  double upper_sum = 0.0;          ///< compensated sum of every value of rank >= upper_from

  /// The order statistic of `rank`, which must be one of `ranks`.
  double at(std::size_t rank) const noexcept;
  /// How many ranks, their range and the upper sum (not every value: a report selects ~250).
  std::string to_string() const;
};

/// The order statistics `ranks` (each < values.size(), any order) of `values`, and the sum of
/// the values of rank >= upper_from (0 when upper_from >= values.size()), without moving or
/// sorting the sample: a large one is counted into value-ordered buckets and only the buckets
/// holding a wanted rank are copied and searched. `values` must hold no NaN.
RankSelection select_ranks(std::span<const double> values, std::vector<std::size_t> ranks,
                           std::size_t upper_from = static_cast<std::size_t>(-1));

/// The sample a[i] - b[i] of two series of equal length, each difference computed where it is
/// read: the order statistics of a paired difference without storing it (select_ranks).
struct Differences {
  std::span<const double> a, b;
  std::size_t size() const noexcept { return a.size(); }
  double operator[](std::size_t i) const noexcept { return a[i] - b[i]; }
};
/// select_ranks of the differences: the same values as select_ranks of them stored.
RankSelection select_ranks(const Differences& values, std::vector<std::size_t> ranks,
                           std::size_t upper_from = static_cast<std::size_t>(-1));

/// 0-based ranks k = floor(h) and k + 1 (capped at n - 1) that type-7 interpolation at level q needs.
void type7_ranks(std::size_t n, double q, std::vector<std::size_t>& ranks);
/// Type-7 quantile at q of a sample of n values in which type7_ranks(n, q) have been selected.
double type7_from_selected(const RankSelection& s, std::size_t n, double q);

/// Ranks (0-based, inclusive) of order statistics x_(lo) <= x_(hi) that bracket the q-quantile
/// with probability >= `confidence` whatever the distribution (the number of values below
/// the true quantile is Binomial(n, q)): exact binomial tails up to n = 1000, the normal
/// approximation beyond. Ranks are clamped into [0, n - 1], where coverage can fall short.
struct RankInterval {
  std::size_t lo = 0, hi = 0;
  /// e.g. "RankInterval[3, 7]".
  std::string to_string() const;
};
RankInterval quantile_ci_ranks(std::uint64_t n, double q, double confidence = 0.95);

}  // namespace tcosim
