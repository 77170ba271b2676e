#pragma once
// The per-option outputs of one trial (MODEL.md sections 3, 5 and 7.4), in report order.
// Format 1 has the first kFormat1MetricCount; format 2 adds npv_cost and the cash metrics.
#include <array>
#include <cstddef>
#include <string_view>

namespace tcosim {

/// Index of an output metric in an OptionOutcome.
enum Metric : std::size_t {
  kTotalCost,
  kTtmMonths,
  kUpfront,
  kPurchase,
  kCarrying,
  kQuality,
  kDelayCost,
  kIpLoss,
  kRiskCost,
  kUnitsSold,
  // Format 2 only (MODEL.md 7.4).
  kNpvCost,
  kPeakCash,
  kPaybackMonths,
  kUnitsBought,
  kMetricCount
};

/// Metrics of a format-1 scenario: those before kNpvCost.
inline constexpr std::size_t kFormat1MetricCount = kNpvCost;

inline constexpr std::array<std::string_view, kMetricCount> kMetricNames = {
    "total_cost", "ttm_months", "upfront",    "purchase", "carrying",  "quality",        "delay_cost",
    "ip_loss",    "risk_cost",  "units_sold", "npv_cost", "peak_cash", "payback_months", "units_bought"};

/// The metric's name in kMetricNames ("?" for kMetricCount, which is a count, not a metric).
constexpr std::string_view to_string(Metric m) noexcept { return m < kMetricCount ? kMetricNames[m] : "?"; }

/// The cost a scenario of `format` decides on, as reports write it: "total cost" (format 1) or
/// "NPV cost" (format 2, npv_cost).
constexpr std::string_view decision_cost_words(int format) noexcept { return format >= 2 ? "NPV cost" : "total cost"; }

/// One option's outputs in one trial, indexed by Metric.
using OptionOutcome = std::array<double, kMetricCount>;

}  // namespace tcosim
