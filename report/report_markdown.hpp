#pragma once
// report.md: the human report in plain text, also printed by `tcosim run` unless --quiet.
#include <string>

#include "models/scenario.hpp"
#include "models/simulation_result.hpp"

namespace tcosim {

/// The human report: headline decisions, percentile tables and the mean cost breakdown.
std::string report_markdown(const Scenario& s, const SimulationResult& r);

}  // namespace tcosim
