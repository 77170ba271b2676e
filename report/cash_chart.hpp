#pragma once
// The cash fan chart of report.html (format 2, MODEL.md 7.5): per option, the spread across
// trials of cumulative cash at each month end, so a reader sees when the money goes out, how
// deep the hole gets and when it comes back, and how that compares with the cash available.
#include <string>

#include "models/scenario.hpp"
#include "models/simulation_result.hpp"

namespace tcosim {

/// One inline <svg>: per option (in its report colour) a P5-P95 band, a P25-P75 band and the
/// P50 line of cumulative cash C_k over the month ends, each starting at (month 0, 0) since no
/// money has moved at the decision; a zero line; with finance.runway a dashed horizontal line at
/// -runway, labelled, below which an option needs more cash than it has. Empty when no option
/// has a cash curve (format 1).
std::string cash_fan_chart(const Scenario& s, const SimulationResult& r);

}  // namespace tcosim
