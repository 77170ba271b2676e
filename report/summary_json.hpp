#pragma once
// summary.json: the machine-readable result of a run (MODEL.md section 5).
#include <nlohmann/json.hpp>

#include "models/scenario.hpp"
#include "models/simulation_result.hpp"

namespace tcosim {

/// summary.json in the key order of MODEL.md section 5 (numbers round-trip exactly).
nlohmann::ordered_json summary_json(const Scenario& s, const SimulationResult& r);

/// One metric's summary: mean, sd, stderr, min, max, cvar95, quantiles and quantile_ci95.
nlohmann::ordered_json metric_json(const MetricSummary& m);

}  // namespace tcosim
