#pragma once
// The rows of percentiles.csv (option, metric, statistic, value), built from the result once:
// the file renders them and the run catalogue stores them, so both always hold the same rows.
#include <string>
#include <vector>

#include "models/scenario.hpp"
#include "models/simulation_result.hpp"

namespace tcosim {

/// One row of percentiles.csv: option, metric, statistic, value.
struct ResultRow {
  std::string option, metric, statistic;
  double value = 0.0;

  /// "oem-sz total_cost p50 = 1234.5".
  std::string to_string() const;
};

/// The rows percentiles.csv holds for a run, in its order: per option, every metric's
/// statistics in summary.json's order, then the decision statistics under metric "decision"
/// (in format 2 also p_no_payback, and p_cash_short when the scenario sets a runway).
std::vector<ResultRow> result_rows(const Scenario& s, const SimulationResult& r);

/// Tidy long form: option,metric,statistic,value; values in shortest round-trip form.
std::string percentiles_csv(const Scenario& s, const SimulationResult& r);

}  // namespace tcosim
