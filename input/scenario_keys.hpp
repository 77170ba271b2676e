#pragma once
// The keys each level of a scenario file accepts (MODEL.md sections 2 and 7.1), in one place:
// the parser checks files against them and --set overrides check paths against them. Format-2
// keys are listed with the others so a format-1 file that uses one is told it needs `tcosim: 2`
// rather than that the key is unknown.
#include <string_view>

namespace tcosim::scenario_keys {

inline constexpr std::string_view kTop[] = {"tcosim", "name",    "description", "currency",     "horizon_months", "run",
                                            "market", "finance", "options",     "correlations", "targets"};
inline constexpr std::string_view kTargets[] = {"budget", "deadline_months"};
inline constexpr std::string_view kRun[] = {"trials", "seed", "sampling"};
inline constexpr std::string_view kMarket[] = {"demand_units", "unit_margin", "demand_profile"};
inline constexpr std::string_view kDemandProfile[] = {"growth_per_year", "seasonality", "start_month"};
inline constexpr std::string_view kFinance[] = {"carrying_rate", "salvage_fraction", "discount_rate", "runway"};
inline constexpr std::string_view kOption[] = {"name",
                                               "model",
                                               "design_cost",
                                               "tooling_cost",
                                               "unit_cost",
                                               "freight_per_unit",
                                               "duty_rate",
                                               "defect_rate",
                                               "moq",
                                               "development_months",
                                               "production_months",
                                               "delays",
                                               "ip_leak",
                                               "risks",
                                               "payment",
                                               "order_cover_months",
                                               "price_change_per_year",
                                               "tariff_events"};
inline constexpr std::string_view kIpLeak[] = {"annual_probability", "margin_loss", "response_cost"};
inline constexpr std::string_view kDelay[] = {"name", "probability", "months"};
inline constexpr std::string_view kRisk[] = {"name", "probability", "cost"};
inline constexpr std::string_view kPayment[] = {"deposit"};
inline constexpr std::string_view kTariffEvent[] = {"name", "annual_probability", "added_rate"};

}  // namespace tcosim::scenario_keys
