#pragma once
// samples.csv: the recorded trials of a run (`--samples`), one row each.
#include <string>
#include <vector>

#include "models/scenario.hpp"
#include "models/simulation_result.hpp"

namespace tcosim {

/// The columns of a recorded trial after "trial": every input by path, then <option>.<metric>
/// (the order of SampleTable's values).
std::vector<std::string> sample_column_names(const Scenario& s);

/// One row per recorded trial: trial, every input by path, then <option>.<metric>.
std::string samples_csv(const Scenario& s, const SimulationResult& r);

}  // namespace tcosim
