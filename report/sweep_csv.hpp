#pragma once
// sweep.csv and breakeven.csv of a `tcosim sweep` folder (docs/overnight.md describes the columns).
#include <string>

#include "report/sweep_results.hpp"

namespace tcosim {

/// One row per grid point and option: point, the swept values, then each option's statistics.
std::string sweep_csv(const SweepResults& sweep);

/// One row per crossing of the one swept parameter; `sweep.breakeven` must be set.
std::string breakeven_csv(const SweepResults& sweep);

}  // namespace tcosim
