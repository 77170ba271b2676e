#pragma once
// The per-trial decision of MODEL.md: which option is cheapest and which is fastest in one
// trial. One definition, used by the chunk kernel on its columns and by replay on one trial, so
// a replayed trial is decided exactly as the run decided it.
#include <cstddef>
#include <span>
#include <string>

#include "models/metric.hpp"

namespace tcosim {

/// Cross-option results of one trial.
struct TrialDecision {
  std::size_t best = 0;     ///< lowest decision cost (ties: first listed)
  std::size_t fastest = 0;  ///< lowest ttm_months (ties: first listed)
  double lowest_cost = 0.0;
  /// e.g. "TrialDecision{best=1, fastest=2, lowest_cost=100}".
  std::string to_string() const;
};

/// The decision among `n_options` options (at least one), option o costing cost(o) and
/// launching after ttm(o) months. Strict comparisons keep the first listed option on ties, as
/// MODEL.md asks. A template so the kernel's loop inlines it with no call and no copy.
template <class CostOf, class TtmOf>
inline TrialDecision decide(std::size_t n_options, CostOf&& cost, TtmOf&& ttm) noexcept {
  TrialDecision d;
  d.lowest_cost = cost(0);
  double fastest_ttm = ttm(0);
  for (std::size_t o = 1; o < n_options; ++o) {
    const double c = cost(o), t = ttm(o);
    if (c < d.lowest_cost) d.lowest_cost = c, d.best = o;
    if (t < fastest_ttm) fastest_ttm = t, d.fastest = o;
  }
  return d;
}

/// The decision of one trial from its options' outcomes, comparing `cost` (the scenario's
/// Scenario::decision_metric(): total_cost in format 1, npv_cost in format 2).
inline TrialDecision decide(std::span<const OptionOutcome> outcomes, Metric cost = kTotalCost) noexcept {
  return decide(
      outcomes.size(), [&](std::size_t o) { return outcomes[o][cost]; },
      [&](std::size_t o) { return outcomes[o][kTtmMonths]; });
}

}  // namespace tcosim
