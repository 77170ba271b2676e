#pragma once
// The mergeable per-chunk accumulators of a run: moments of every option metric, regret, and
// the counts behind the probabilities. Chunks are reduced by a fixed pairwise tree
// (sim/pairwise_fold.hpp), so the floating-point result is a function of the chunk size alone.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "models/metric.hpp"
#include "sim/moments.hpp"

namespace tcosim {

/// Moment and count accumulators of one chunk (or of a block of consecutive chunks).
struct ChunkState {
  std::vector<Moments> metrics;  ///< option-major: [option * metric_count + metric]
  std::vector<Moments> regret;   ///< per option: decision cost minus the trial's lowest
  std::vector<std::uint64_t> best, fastest, never_on_sale, over_budget, late;  ///< per option
  std::vector<std::uint64_t> no_payback, cash_short;  ///< per option; format 2 (zero otherwise)

  /// metric_count: Scenario::metric_count().
  void reset(std::size_t n_options, std::size_t metric_count) {
    metrics.assign(n_options * metric_count, Moments{});
    regret.assign(n_options, Moments{});
    for (auto* counts : {&best, &fastest, &never_on_sale, &over_budget, &late, &no_payback, &cash_short})
      counts->assign(n_options, 0);
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
  }

  /// The options, the trials counted and the best and fastest counts per option.
  std::string to_string() const;
};

}  // namespace tcosim
