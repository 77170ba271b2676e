#pragma once
// Spearman rank correlation, for sensitivity analysis and for checking achieved correlations.
#include <span>

namespace tcosim {

/// Ranks 1..n of `x` into `out`, ties given their average rank.
void average_ranks(std::span<const double> x, std::span<double> out);
/// Pearson correlation; NaN when either series is constant (no information).
double pearson_correlation(std::span<const double> x, std::span<const double> y);
/// Pearson correlation of the average ranks.
double spearman_correlation(std::span<const double> x, std::span<const double> y);

}  // namespace tcosim
