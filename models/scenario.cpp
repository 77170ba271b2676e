#include "models/scenario.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace tcosim {

namespace {

/// Inputs a Scenario's to_string lists by path and distribution; a scenario has dozens.
constexpr std::size_t kInputsShown = 3;

}  // namespace

std::string InputSpec::to_string() const {
  return fmt::format("InputSpec{{{}: {}, clamp [{}, {}]}}", path, dist.describe(), lo, hi);
}

std::string EventSlots::to_string() const {
  return fmt::format("EventSlots{{{}: occurs=slot {}, amount=slot {}}}", name, occurs, amount);
}

std::string IpLeakSlots::to_string() const {
  return fmt::format("IpLeakSlots{{time=slot {}, margin_loss=slot {}, response_cost=slot {}}}", time, margin_loss,
                     response_cost);
}

std::string TariffSlots::to_string() const {
  return fmt::format("TariffSlots{{{}: time=slot {}, added_rate=slot {}}}", name, time, added_rate);
}

std::string DemandProfile::to_string() const {
  if (flat()) return fmt::format("DemandProfile{{flat, start_month={}}}", start_month);
  std::vector<std::string> parts;
  if (growth_per_year != kNoSlot) parts.push_back(fmt::format("growth=slot {}", growth_per_year));
  if (has_seasonality) parts.push_back(fmt::format("seasonality [{}]", fmt::join(seasonality, ", ")));
  parts.push_back(fmt::format("start_month={}", start_month));
  return fmt::format("DemandProfile{{{}}}", fmt::join(parts, ", "));
}

std::size_t Scenario::months() const noexcept {
  return horizon_months > 0.0 ? static_cast<std::size_t>(std::ceil(horizon_months)) : 0;
}

std::string OptionSpec::to_string() const {
  std::string format2;
  if (deposit > 0.0) format2 += fmt::format(", deposit {}", deposit);
  if (order_cover_months > 0.0) format2 += fmt::format(", lots of {} months", order_cover_months);
  if (price_change_per_year != kNoSlot) format2 += fmt::format(", price change slot {}", price_change_per_year);
  if (!tariff_events.empty()) format2 += fmt::format(", {} tariff events", tariff_events.size());
  return fmt::format("OptionSpec{{{} ({}), {} delays, {} risks{}{}}}", name, tcosim::to_string(model), delays.size(),
                     risks.size(), has_ip_leak ? ", ip_leak" : "", format2);
}

std::string RunDefaults::to_string() const {
  return fmt::format("RunDefaults{{trials={}, seed={}, sampling={}}}", trials, seed, tcosim::to_string(sampling));
}

std::string CorrelationSpec::to_string() const {
  if (empty()) return "CorrelationSpec{none}";
  return fmt::format("CorrelationSpec{{{} inputs at slots [{}], {}}}", slots.size(), fmt::join(slots, ", "),
                     repaired ? "repaired" : "as given");
}

std::string Targets::to_string() const {
  std::vector<std::string> set;
  if (budget) set.push_back(fmt::format("budget={}", *budget));
  if (deadline_months) set.push_back(fmt::format("deadline_months={}", *deadline_months));
  return set.empty() ? "Targets{none}" : fmt::format("Targets{{{}}}", fmt::join(set, ", "));
}

std::string Scenario::to_string() const {
  std::vector<std::string> shown;
  for (std::size_t k = 0; k < std::min(inputs.size(), kInputsShown); ++k)
    shown.push_back(fmt::format("{}: {}", inputs[k].path, inputs[k].dist.describe()));
  if (inputs.size() > kInputsShown) shown.push_back("...");
  std::vector<std::string> opts;
  for (const OptionSpec& o : options) opts.push_back(fmt::format("{} ({})", o.name, tcosim::to_string(o.model)));
  return fmt::format("Scenario{{\"{}\", format {}, {}, {} months, {} inputs ({}), options {}}}", name, format, currency,
                     horizon_months, inputs.size(), fmt::join(shown, ", "), fmt::join(opts, ", "));
}

}  // namespace tcosim
