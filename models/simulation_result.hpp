#pragma once
// What a finished run knows: per option, every metric's summary, the decision probabilities
// and the sensitivities; plus how the run went. Reports read this and nothing else of a run.
#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "models/metric.hpp"
#include "models/scenario.hpp"
#include "sim/metric_summary.hpp"

namespace tcosim {

/// How quantiles were computed.
enum class QuantileMethod { Exact, Sketch };

/// One input's influence on an output: Spearman rank correlation on the sensitivity subsample,
/// and its share of the sum of squared correlations over all inputs considered.
struct SensitivityEntry {
  Slot input = 0;
  double spearman = 0.0;
  double contribution = 0.0;
};

/// Statistics of one option.
struct OptionResult {
  std::array<MetricSummary, kMetricCount> metrics{};
  double p_best_cost = 0.0;
  double p_fastest = 0.0;
  double mean_regret = 0.0;
  double p_never_on_sale = 0.0;
  std::optional<double> p_over_budget;  ///< when the scenario sets targets.budget
  std::optional<double> p_late;         ///< when the scenario sets targets.deadline_months
  /// Strongest first (by |spearman|); market inputs and this option's own inputs that vary.
  std::vector<SensitivityEntry> sensitivity_total_cost;
  std::vector<SensitivityEntry> sensitivity_ttm;
};

/// Why a run stopped.
enum class StopReason { Trials, Precision };

/// Inputs and outputs of the first trials, row-major: per row the inputs in
/// Scenario::inputs order, then each option's metrics in kMetricNames order.
struct SampleTable {
  std::size_t rows = 0;
  std::size_t width = 0;
  std::vector<double> values;
};

/// Everything a report needs from a finished run.
struct SimulationResult {
  std::uint64_t trials = 0;  ///< trials actually run (fewer than asked when precision stopped it)
  std::uint64_t seed = 0;
  Sampling sampling = Sampling::Random;
  StopReason stopped_reason = StopReason::Trials;
  std::optional<double> target_precision;
  std::uint64_t sensitivity_trials = 0;
  QuantileMethod quantile_method = QuantileMethod::Exact;
  double sketch_accuracy = 0.0;  ///< the sketch's relative accuracy (meaningful with QuantileMethod::Sketch)
  std::vector<OptionResult> options;
  SampleTable samples;
  double elapsed_s = 0.0;
  std::uint64_t planned_memory_bytes = 0;
  std::uint64_t resumed_trials = 0;  ///< trials restored from a checkpoint (0: fresh run)
  unsigned ranks = 1;                ///< MPI ranks that shared the run
  std::uint64_t comm_bytes = 0;      ///< bytes rank 0 received or sent in collectives
  /// False on MPI ranks other than 0: they hold no statistics (rank 0 writes the outputs).
  bool is_root = true;
};

}  // namespace tcosim
