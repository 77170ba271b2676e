#pragma once
// The keys each level of a scenario file accepts (MODEL.md section 2), in one place: the
// parser checks files against them and --set overrides check paths against them.
#include <string_view>

namespace tcosim::scenario_keys {

inline constexpr std::string_view kTop[] = {"tcosim", "name",    "description", "currency",     "horizon_months", "run",
                                            "market", "finance", "options",     "correlations", "targets"};
inline constexpr std::string_view kTargets[] = {"budget", "deadline_months"};
inline constexpr std::string_view kRun[] = {"trials", "seed", "sampling"};
inline constexpr std::string_view kMarket[] = {"demand_units", "unit_margin"};
inline constexpr std::string_view kFinance[] = {"carrying_rate", "salvage_fraction"};
inline constexpr std::string_view kOption[] = {
    "name",        "model", "design_cost",        "tooling_cost",      "unit_cost", "freight_per_unit", "duty_rate",
    "defect_rate", "moq",   "development_months", "production_months", "delays",    "ip_leak",          "risks"};
inline constexpr std::string_view kIpLeak[] = {"annual_probability", "margin_loss", "response_cost"};
inline constexpr std::string_view kDelay[] = {"name", "probability", "months"};
inline constexpr std::string_view kRisk[] = {"name", "probability", "cost"};

}  // namespace tcosim::scenario_keys
