#pragma once
// report.html: the report with charts, one self-contained page (docs/report.md).
#include <string>
#include <string_view>

#include "models/scenario.hpp"
#include "models/simulation_result.hpp"

namespace tcosim {

/// report.html: the same decisions with charts (CDFs, cost breakdown, drivers), one
/// self-contained page: inline CSS and SVG, no script, nothing loaded from anywhere.
/// Stamped "generated <report_generated_utc()>"; otherwise the bytes depend only on s and r.
std::string report_html(const Scenario& s, const SimulationResult& r);
/// The same with the date line given, e.g. fixed in tests.
std::string report_html(const Scenario& s, const SimulationResult& r, std::string_view generated);

}  // namespace tcosim
