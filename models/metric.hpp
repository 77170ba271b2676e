#pragma once
// The per-option outputs of one trial (MODEL.md sections 3 and 5), in report order.
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
  kMetricCount
};

inline constexpr std::array<std::string_view, kMetricCount> kMetricNames = {
    "total_cost", "ttm_months", "upfront", "purchase",  "carrying",
    "quality",    "delay_cost", "ip_loss", "risk_cost", "units_sold"};

/// The metric's name in kMetricNames ("?" for kMetricCount, which is a count, not a metric).
constexpr std::string_view to_string(Metric m) noexcept { return m < kMetricCount ? kMetricNames[m] : "?"; }

/// One option's outputs in one trial, indexed by Metric.
using OptionOutcome = std::array<double, kMetricCount>;

}  // namespace tcosim
