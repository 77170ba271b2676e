#pragma once
// What separates the options of a run (docs/analytics.md): the paired difference of two
// options' decision costs and its drivers, the value of information (EVPI and EVPPI per input),
// and the stress analysis (each option when one input lands in its lowest or highest decile).
// The decision cost is Scenario::decision_metric(): npv_cost in format 2, total_cost in format 1.
#include <cstddef>
#include <string>
#include <vector>

#include "models/scenario.hpp"
#include "sim/binned_outcomes.hpp"
#include "sim/metric_summary.hpp"

namespace tcosim {

/// An input's influence on cost_a - cost_b, on the sensitivity subsample.
struct DifferenceDriver {
  Slot input = 0;
  double spearman = 0.0;     ///< rank correlation of the input with the difference
  double low_median = 0.0;   ///< median difference over the trials in the input's lowest decile
  double high_median = 0.0;  ///< ... and in its highest decile
  /// high_median - low_median: how far the difference moves across the input's range.
  double swing() const noexcept { return high_median - low_median; }
  /// e.g. "DifferenceDriver{input=slot 3, spearman=0.5, swing=1.2e+05}".
  std::string to_string() const;
};

/// The distribution of cost_a - cost_b over the same trials.
struct PairedDifference {
  std::size_t a = 0, b = 0;
  bool named = false;  ///< asked for with --compare (else: the two lowest mean costs)
  /// Moments of the difference over every trial; quantiles and cvar95 (the mean of the worst
  /// 5 %, where a costs most more than b) exact, from a sketch, or from the subsample.
  MetricSummary difference;
  /// Where the quantiles come from: "exact", "ddsketch" or "subsample" (docs/analytics.md).
  std::string quantile_source;
  double p_a_cheaper = 0.0;               ///< P(cost_a < cost_b), every trial
  std::vector<DifferenceDriver> drivers;  ///< strongest first (by |spearman|)
  /// e.g. "PairedDifference{0 - 2, mean=-1e+05, p_a_cheaper=0.7, 5 drivers}".
  std::string to_string() const;
};

/// EVPPI of one input.
struct InputInformation {
  Slot input = 0;
  InformationEstimate estimate;
  /// e.g. "InputInformation{input=slot 3, InformationEstimate{...}}".
  std::string to_string() const;
};

/// What perfect information is worth before choosing, in cost units.
struct ValueOfInformation {
  double evpi = 0.0;                    ///< = the lowest mean regret over the options
  double evpi_stderr = 0.0;             ///< the standard error of that option's mean regret
  std::size_t choice = 0;               ///< the option chosen without information (lowest mean cost)
  std::vector<InputInformation> evppi;  ///< every varying input, highest value first
  /// e.g. "ValueOfInformation{evpi=3e+04, 60 inputs}".
  std::string to_string() const;
};

/// One option when an input lies in one of its extreme deciles.
struct StressOption {
  double mean = 0.0;         ///< mean decision cost (exact, from the bins)
  double p50 = 0.0;          ///< from the decile's sketch
  double p95 = 0.0;          ///< from the decile's sketch
  double p_best_cost = 0.0;  ///< share of the decile's trials in which it is the cheapest (exact)
};

/// The options when input `input` lands in its lowest (high = false) or highest decile.
struct StressCase {
  Slot input = 0;
  bool high = false;
  std::vector<StressOption> options;
  std::size_t choice = 0;  ///< lowest mean cost in the decile
  bool flips = false;      ///< the choice differs from the run's (ValueOfInformation::choice)
  /// e.g. "StressCase{input=slot 0, high, choice=2, flips}".
  std::string to_string() const;
};

}  // namespace tcosim
