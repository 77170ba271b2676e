#pragma once
// Exact order statistics of a finite sample, by selection (nth_element) rather than a full sort.
#include <cstddef>
#include <span>
#include <vector>

#include "sim/order_statistics.hpp"

namespace tcosim {

/// Quantiles at `levels` (ascending, each in [0, 1]) with linear interpolation between order
/// statistics (Hyndman-Fan type 7: NumPy's and Excel PERCENTILE.INC's default), written to
/// `out`: with h = (n - 1) q and k = floor(h), std::lerp(x_(k), x_(k+1), h - k), x_(k) alone
/// when h is whole (0-based order statistics). `values` must hold no NaN.
/// Empty input gives NaN; `out` must be as long as `levels` (else std::invalid_argument).
void exact_quantiles(std::span<const double> values, std::span<const double> levels, std::span<double> out);

/// Conditional value at risk: the mean of the worst (highest) (1 - level) share of the
/// sample, counting the boundary order statistic fractionally so the tail mass is exactly
/// t = n - level * n: with k = floor(t), (sum of the k largest + (t - k) x_(n-k-1)) / t, and the
/// maximum when t < 1. `values` must hold no NaN. Empty input gives NaN.
double exact_upper_cvar(std::span<const double> values, double level);

/// The order statistic exact_upper_cvar needs at the tail boundary, appended to `ranks`, and
/// the first rank of the k largest (select_ranks' upper_from) as the result.
std::size_t upper_cvar_ranks(std::size_t n, double level, std::vector<std::size_t>& ranks);
/// exact_upper_cvar of a sample of n values from a select_ranks(values, ranks, upper_from)
/// given upper_cvar_ranks' ranks and upper_from.
double upper_cvar_from_selected(const RankSelection& s, std::size_t n, double level);

}  // namespace tcosim
