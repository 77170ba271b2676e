#pragma once
// samples.csv: the recorded trials of a run (`--samples`), one row each.
#include <string>

#include "models/scenario.hpp"
#include "models/simulation_result.hpp"

namespace tcosim {

/// One row per recorded trial: trial, every input by path, then <option>.<metric>.
std::string samples_csv(const Scenario& s, const SimulationResult& r);

}  // namespace tcosim
