#pragma once
// tcosim.Result: a finished run (the scenario as run and everything the run computed), with
// the same views the command line writes as files: summary (summary.json), percentiles()
// (percentiles.csv), samples() (samples.csv), cash_curve() (format 2) and write(folder).
#include <pybind11/pybind11.h>

#include <string>

#include "models/scenario.hpp"
#include "models/simulation_result.hpp"

namespace tcosim::python {

/// What tcosim.run returns.
struct Result {
  Scenario scenario;
  SimulationResult result;

  /// "Result(smart-speaker: 1000 trials, seed 1, 3 options)".
  std::string to_string() const;
};

/// Defines tcosim.Result in `m`.
void bind_result(pybind11::module_& m);

/// pandas.DataFrame(columns): `columns` maps each column name, in order, to its values.
pybind11::object data_frame(const pybind11::dict& columns);

}  // namespace tcosim::python
