#pragma once
// summary.json's decision-analytics keys (docs/analytics.md): "paired_difference",
// "value_of_information" and "stress", after "options".
#include <nlohmann/json.hpp>

#include "models/scenario.hpp"
#include "models/simulation_result.hpp"

namespace tcosim {

/// Adds the three keys to `j` when the run has decision analytics (two options or more).
void add_decision_json(nlohmann::ordered_json& j, const Scenario& s, const SimulationResult& r);

}  // namespace tcosim
