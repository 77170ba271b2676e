#pragma once
// What a finished run knows: per option, every metric's summary, the decision probabilities
// and the sensitivities; plus how the run went. Reports read this and nothing else of a run.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/metric.hpp"
#include "models/scenario.hpp"
#include "sim/metric_summary.hpp"

namespace tcosim {

/// How quantiles were computed.
enum class QuantileMethod { Exact, Sketch };

/// "exact" or "ddsketch", as summary.json names the method.
constexpr std::string_view to_string(QuantileMethod m) noexcept {
  return m == QuantileMethod::Exact ? "exact" : "ddsketch";
}

/// One input's influence on an output: Spearman rank correlation on the sensitivity subsample,
/// and its share of the sum of squared correlations over all inputs considered.
struct SensitivityEntry {
  Slot input = 0;
  double spearman = 0.0;
  double contribution = 0.0;
  /// e.g. "SensitivityEntry{input=slot 3, spearman=0.5, contribution=0.25}".
  std::string to_string() const;
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
  /// The headline numbers: total cost (mean, p50, p95), mean time to market, the decision
  /// probabilities and the mean regret.
  std::string to_string() const;
};

/// Why a run stopped.
enum class StopReason { Trials, Precision };

/// "trials" or "precision", as summary.json names the reason.
constexpr std::string_view to_string(StopReason r) noexcept { return r == StopReason::Trials ? "trials" : "precision"; }

/// Inputs and outputs of the first trials, row-major: per row the inputs in
/// Scenario::inputs order, then each option's metrics in kMetricNames order.
struct SampleTable {
  std::size_t rows = 0;
  std::size_t width = 0;
  std::vector<double> values;
  /// e.g. "SampleTable{10 rows x 5}".
  std::string to_string() const;
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
  /// How the run went: trials, seed, sampling, why it stopped, the quantile method, options, ranks.
  std::string to_string() const;
};

}  // namespace tcosim
