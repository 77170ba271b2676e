#include "models/simulation_result.hpp"

#include <fmt/format.h>

namespace tcosim {

std::string SensitivityEntry::to_string() const {
  return fmt::format("SensitivityEntry{{input=slot {}, spearman={}, contribution={}}}", input, spearman, contribution);
}

std::string CashCurve::to_string() const {
  if (empty()) return "CashCurve{empty}";
  return fmt::format("CashCurve{{{} months, P50 at the end {}}}", month_end.size(), p50.empty() ? 0.0 : p50.back());
}

std::string OptionResult::to_string() const {
  const MetricSummary& cost = metrics[kTotalCost];
  return fmt::format(
      "OptionResult{{total_cost mean={} p50={} p95={}, ttm_months mean={}, p_best_cost={}, p_fastest={}, "
      "mean_regret={}}}",
      cost.mean, cost.quantiles[kP50Index], cost.quantiles[kP95Index], metrics[kTtmMonths].mean, p_best_cost, p_fastest,
      mean_regret);
}

std::string SampleTable::to_string() const { return fmt::format("SampleTable{{{} rows x {}}}", rows, width); }

std::string SimulationResult::to_string() const {
  return fmt::format(
      "SimulationResult{{{} trials, seed={}, sampling={}, stopped by {}, quantiles {}, {} options, {} ranks}}", trials,
      seed, tcosim::to_string(sampling), tcosim::to_string(stopped_reason), tcosim::to_string(quantile_method),
      options.size(), ranks);
}

}  // namespace tcosim
