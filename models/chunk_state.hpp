#pragma once
// The mergeable per-chunk accumulators of a run: moments of every option metric, regret, the
// counts behind the probabilities, and the decision analytics' bins and pair counts. Chunks are reduced by a fixed
// pairwise tree (sim/pairwise_fold.hpp), so the floating-point result is a function of the chunk size alone.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "models/metric.hpp"
#include "sim/binned_outcomes.hpp"
#include "sim/moments.hpp"

namespace tcosim {

/// Moment and count accumulators of one chunk (or of a block of consecutive chunks).
struct ChunkState {
  std::vector<Moments> metrics;  ///< option-major: [option * metric_count + metric]
  std::vector<Moments> regret;   ///< per option: decision cost minus the trial's lowest
  std::vector<std::uint64_t> best, fastest, never_on_sale, over_budget, late;  ///< per option
  std::vector<std::uint64_t> no_payback, cash_short;  ///< per option; format 2 (zero otherwise)
  /// [a * options + b]: trials where option a's decision cost is below option b's.
  std::vector<std::uint64_t> cheaper;
  /// Per pair a < b (AnalyticsShape::pair_index): moments of cost_a - cost_b.
  std::vector<Moments> pair_diff;
  /// Decision cost per option in equiprobable bins of each varying input (EVPPI, stress).
  BinnedOutcomes binned;
  /// [(stress input * 2 + high) * options + o]: trials of the decile where o was the cheapest.
  std::vector<std::uint64_t> stress_wins;
  /// Streaming sobol runs only (empty otherwise): the moments of each metric per replicate,
  /// [(option * metric_count + metric) * replicates + r], whose spread gives the mean's stderr.
  std::vector<Moments> replicate_metrics;

  /// metric_count: Scenario::metric_count(); binned_inputs and stress_inputs: the sizes of
  /// AnalyticsShape::binned and ::stress; replicates: Sobol replicates kept apart (0: none).
  /// zero_bins = false leaves `binned`'s sums as they were, for a kernel that replaces them
  /// (BinnedOutcomes::Write::replace).
  void reset(std::size_t n_options, std::size_t metric_count, std::size_t binned_inputs = 0,
             std::size_t stress_inputs = 0, std::size_t replicates = 0, bool zero_bins = true) {
    metrics.assign(n_options * metric_count, Moments{});
    regret.assign(n_options, Moments{});
    for (auto* counts : {&best, &fastest, &never_on_sale, &over_budget, &late, &no_payback, &cash_short})
      counts->assign(n_options, 0);
    cheaper.assign(n_options * n_options, 0);
    pair_diff.assign(n_options * (n_options - (n_options > 0 ? 1 : 0)) / 2, Moments{});
    binned.reset(binned_inputs, n_options, zero_bins);
    stress_wins.assign(stress_inputs * 2 * n_options, 0);
    replicate_metrics.assign(n_options * metric_count * replicates, Moments{});
  }

  /// Appends `later` (the chunks right after this state's) to this state.
  void merge(const ChunkState& later) {
    for (std::size_t i = 0; i < metrics.size(); ++i) metrics[i].merge(later.metrics[i]);
    for (std::size_t i = 0; i < regret.size(); ++i) {
      regret[i].merge(later.regret[i]);
      best[i] += later.best[i];
      fastest[i] += later.fastest[i];
      never_on_sale[i] += later.never_on_sale[i];
      over_budget[i] += later.over_budget[i];
      late[i] += later.late[i];
      no_payback[i] += later.no_payback[i];
      cash_short[i] += later.cash_short[i];
    }
    for (std::size_t i = 0; i < cheaper.size(); ++i) cheaper[i] += later.cheaper[i];
    for (std::size_t i = 0; i < pair_diff.size(); ++i) pair_diff[i].merge(later.pair_diff[i]);
    binned.merge(later.binned);
    for (std::size_t i = 0; i < stress_wins.size(); ++i) stress_wins[i] += later.stress_wins[i];
    for (std::size_t i = 0; i < replicate_metrics.size(); ++i) replicate_metrics[i].merge(later.replicate_metrics[i]);
  }

  /// The options, the trials counted and the best and fastest counts per option.
  std::string to_string() const;
};

}  // namespace tcosim
