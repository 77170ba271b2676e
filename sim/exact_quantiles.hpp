#pragma once
// Exact order statistics of a finite sample, by selection (nth_element) rather than a full sort.
#include <span>

namespace tcosim {

/// Quantiles at `levels` (ascending, each in [0, 1]) with linear interpolation between order
/// statistics (Hyndman-Fan type 7: NumPy's and Excel PERCENTILE.INC's default), written to
/// `out`. Reorders `values`. Empty input gives NaN.
void exact_quantiles(std::span<double> values, std::span<const double> levels, std::span<double> out);

/// Conditional value at risk: the mean of the worst (highest) (1 - level) share of the
/// sample, counting the boundary order statistic fractionally so the tail mass is exactly
/// (1 - level) * n. Reorders `values`. Empty input gives NaN.
double exact_upper_cvar(std::span<double> values, double level);

}  // namespace tcosim
