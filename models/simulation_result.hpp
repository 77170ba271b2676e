#pragma once
// What a finished run knows: per option, every metric's summary, the decision probabilities
// and the sensitivities; plus how the run went. Reports read this and nothing else of a run.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/decision_analytics.hpp"
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

/// Percentiles across trials of an option's cumulative cash C_k at each month end (MODEL.md
/// 7.5); empty in format 1. Quantiles come from the run's QuantileMethod, like the metrics'.
struct CashCurve {
  std::vector<double> month_end;  ///< e_k = min(k + 1, horizon), k = 0 .. months - 1
  std::vector<double> p5, p25, p50, p75, p95;
  bool empty() const noexcept { return month_end.empty(); }
  /// e.g. "CashCurve{36 months, P50 at the end 1.2e+05}" or "CashCurve{empty}".
  std::string to_string() const;
};

/// Statistics of one option.
struct OptionResult {
  std::array<MetricSummary, kMetricCount> metrics{};  ///< the first Scenario::metric_count() are set
  double p_best_cost = 0.0;
  double p_fastest = 0.0;
  double mean_regret = 0.0;
  double p_never_on_sale = 0.0;
  std::optional<double> p_over_budget;  ///< when the scenario sets targets.budget
  std::optional<double> p_late;         ///< when the scenario sets targets.deadline_months
  // Format 2 (MODEL.md 7.4, 7.5).
  double p_no_payback = 0.0;           ///< share of trials whose cash is still short at the horizon
  std::optional<double> p_cash_short;  ///< P(peak_cash > finance.runway), when the runway is set
  CashCurve cash_curve;
  /// Strongest first (by |spearman|); market inputs and this option's own inputs that vary.
  /// The cost is the scenario's decision metric (npv_cost in format 2).
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
  // Decision analytics (docs/analytics.md); empty with fewer than two options.
  std::vector<PairedDifference> paired_difference;  ///< the two lowest mean costs, then --compare pairs
  ValueOfInformation value_of_information;
  std::vector<StressCase> stress;  ///< per stress input (by EVPPI), its low then its high decile
  /// False on MPI ranks other than 0: they hold no statistics (rank 0 writes the outputs).
  bool is_root = true;
  /// How the run went: trials, seed, sampling, why it stopped, the quantile method, options, ranks.
  std::string to_string() const;
};

}  // namespace tcosim
