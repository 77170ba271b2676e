#include "input/format2_reader.hpp"

#include <fmt/format.h>

#include <limits>
#include <string_view>

#include "input/dist_reader.hpp"
#include "input/entry_names.hpp"
#include "input/scenario_keys.hpp"
#include "models/monthly_model.hpp"

namespace tcosim {

using yaml_reader::Located;
using yaml_reader::Mapping;
using yaml_reader::Reporter;

namespace {

/// Any finite number: the yearly changes have their own bound (> -1), which Range cannot say.
constexpr Range kAnyNumber{-std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity()};

constexpr std::string_view kMonthNames[12] = {"January", "February", "March",     "April",   "May",      "June",
                                              "July",    "August",   "September", "October", "November", "December"};

/// growth_per_year, price_change_per_year: a `<dist>` whose constant must be > -1. A constant
/// of -1 or less would wipe out demand or prices for good, a mistake in the file; a distribution
/// may reach there, its draws are clamped at kMinYearlyChange (MODEL.md 7.1).
std::optional<Distribution> read_yearly_change(Reporter& r, const Located& at) {
  auto d = read_dist(r, at, kAnyNumber);
  if (!d) return std::nullopt;
  if (d->is_constant() && !(d->p[0] > -1.0)) {
    r.error(at, fmt::format("must be > -1, found {}", format_number(d->p[0])));
    return std::nullopt;
  }
  return d;
}

/// Twelve relative weights, January to December, each finite and > 0 (a zero would make a
/// month sell nothing and the weights of a one-month horizon could sum to 0).
std::optional<std::array<double, 12>> read_seasonality(Reporter& r, const Located& at) {
  const auto elements = yaml_reader::read_sequence(r, at, "a list of 12 weights, January to December");
  if (!elements) return std::nullopt;
  if (elements->size() != 12) {
    r.error(at, fmt::format("must list exactly 12 weights (January to December), found {}", elements->size()));
    return std::nullopt;
  }
  std::array<double, 12> weights{};
  bool ok = true;
  for (std::size_t i = 0; i < 12; ++i) {
    const Located& e = (*elements)[i];
    const auto v = yaml_reader::read_number(r, e);
    if (v && !(*v > 0.0)) {
      r.error(e, fmt::format("must be > 0 (the weight of {}), found {}", kMonthNames[i], format_number(*v)));
    }
    ok = ok && v && *v > 0.0;
    if (v) weights[i] = *v;
  }
  return ok ? std::optional(weights) : std::nullopt;
}

std::optional<int> read_start_month(Reporter& r, const Located& at) {
  const auto v = yaml_reader::parse_unsigned(at.node);
  if (v.status != yaml_reader::IntegerStatus::Ok || v.value < 1 || v.value > 12) {
    r.error(at, fmt::format("must be a whole number from 1 to 12 (the calendar month of month 0), found {}",
                            yaml_reader::describe(at.node)));
    return std::nullopt;
  }
  return static_cast<int>(v.value);
}

/// A number in [lo, 1): the half-open ranges that Range (closed) cannot express.
std::optional<double> read_below_one(Reporter& r, const Located& at, std::string_view why) {
  const auto v = yaml_reader::read_number(r, at);
  if (!v) return std::nullopt;
  if (*v < 0.0 || *v >= 1.0) {
    r.error(at, fmt::format("must lie in [0, 1){}, found {}", why, format_number(*v)));
    return std::nullopt;
  }
  return v;
}

std::optional<double> read_deposit(Reporter& r, const Located& at) {
  const auto m = yaml_reader::read_mapping(r, at, scenario_keys::kPayment, "a {deposit} mapping");
  if (!m) return std::nullopt;
  if (const auto d = m->get("deposit")) return read_in_range(r, *d, kFraction);
  return 0.0;
}

std::optional<double> read_order_cover(Reporter& r, const Located& at) {
  const auto v = yaml_reader::read_number(r, at);
  if (!v) return std::nullopt;
  if (!(*v > 0.0)) {
    r.error(at, fmt::format("must be > 0 months, found {}", format_number(*v)));
    return std::nullopt;
  }
  return v;
}

std::optional<TariffDraft> read_tariff(Reporter& r, Located element, std::size_t index, const Located& list,
                                       NameRegistry& names) {
  element.path = names.label(list, index, peek_name(element.node), event_name_problem);
  const auto m = yaml_reader::read_mapping(r, element, scenario_keys::kTariffEvent,
                                           "a {name, annual_probability, added_rate} mapping");
  if (!m) return std::nullopt;
  const auto name = read_entry_name(r, *m, names, event_name_problem, "tariff event");
  const auto p_at = m->require(r, "annual_probability", "chance per year that the tariff starts, in [0, 1)");
  // A certain yearly start has no finite exponential rate (-ln 0), as for ip_leak.
  const auto p =
      p_at ? read_below_one(r, *p_at, " (1 would mean the tariff applies from month 0 for sure)") : std::nullopt;
  const auto added = required_dist(r, *m, "added_rate", kNonNegative, "the duty it adds, as a fraction of unit_cost");
  if (!name || !p || !added) return std::nullopt;
  return TariffDraft{*name, *p, *added, element.mark};
}

std::optional<std::vector<TariffDraft>> read_tariffs(Reporter& r, const Located& at) {
  const auto elements = yaml_reader::read_sequence(r, at, "a list of {name, annual_probability, added_rate} entries");
  if (!elements) return std::nullopt;
  std::vector<TariffDraft> out;
  NameRegistry names;
  bool ok = true;
  for (std::size_t i = 0; i < elements->size(); ++i) {
    auto t = read_tariff(r, (*elements)[i], i, at, names);
    ok = ok && t;
    if (t) out.push_back(std::move(*t));
  }
  return ok ? std::optional(std::move(out)) : std::nullopt;
}

}  // namespace

std::optional<Located> format2_field(Reporter& r, const Mapping& m, std::string_view key, int format) {
  const yaml_reader::Entry* e = m.find(key);
  if (!e) return std::nullopt;
  if (format != 1) return e->value;
  r.error(e->key_mark, e->value.path,
          fmt::format("`{}` needs `tcosim: 2` (format 2, money over time); this file says `tcosim: 1`", key));
  return std::nullopt;
}

void check_format2_horizon(Reporter& r, const Located& at, double horizon_months, int format) {
  if (format == 2 && horizon_months > static_cast<double>(kMaxMonths)) {
    r.error(at, fmt::format("format 2 allows at most {} months, found {}", kMaxMonths, format_number(horizon_months)));
  }
}

std::optional<DemandProfileDraft> read_demand_profile(Reporter& r, const Mapping& market, int format) {
  const auto at = format2_field(r, market, "demand_profile", format);
  if (!at) return std::nullopt;
  const auto m = yaml_reader::read_mapping(r, *at, scenario_keys::kDemandProfile,
                                           "a {growth_per_year, seasonality, start_month} mapping");
  if (!m) return std::nullopt;
  DemandProfileDraft d;
  bool ok = true;
  if (const auto g = m->get("growth_per_year")) {
    d.growth_per_year = read_yearly_change(r, *g);
    ok = ok && d.growth_per_year;
  }
  if (const auto se = m->get("seasonality")) {
    const auto weights = read_seasonality(r, *se);
    ok = ok && weights;
    d.has_seasonality = weights.has_value();
    if (weights) d.seasonality = *weights;
  }
  if (const auto sm = m->get("start_month")) {
    const auto month = read_start_month(r, *sm);
    ok = ok && month;
    if (month) d.start_month = *month;
  }
  return ok ? std::optional(d) : std::nullopt;
}

void read_finance_format2(Reporter& r, const Mapping& finance, int format, Scenario& s) {
  if (const auto at = format2_field(r, finance, "discount_rate", format)) {
    if (const auto v = read_below_one(r, *at, "")) s.discount_rate = *v;
  }
  if (const auto at = format2_field(r, finance, "runway", format)) {
    if (const auto v = read_in_range(r, *at, kNonNegative)) s.runway = *v;
  }
}

std::optional<OptionFormat2Draft> read_option_format2(Reporter& r, const Mapping& option, int format) {
  OptionFormat2Draft d;
  bool ok = true;
  if (const auto at = format2_field(r, option, "payment", format)) {
    const auto deposit = read_deposit(r, *at);
    ok = ok && deposit;
    if (deposit) d.deposit = *deposit;
  }
  if (const auto at = format2_field(r, option, "order_cover_months", format)) {
    const auto v = read_order_cover(r, *at);
    ok = ok && v;
    if (v) d.order_cover_months = *v;
  }
  if (const auto at = format2_field(r, option, "price_change_per_year", format)) {
    d.price_change_per_year = read_yearly_change(r, *at);
    ok = ok && d.price_change_per_year;
  }
  if (const auto at = format2_field(r, option, "tariff_events", format)) {
    auto tariffs = read_tariffs(r, *at);
    ok = ok && tariffs;
    if (tariffs) d.tariff_events = std::move(*tariffs);
  }
  return ok ? std::optional(std::move(d)) : std::nullopt;
}

std::string DemandProfileDraft::to_string() const {
  std::string out = "DemandProfileDraft{";
  out += growth_per_year ? "growth" : "no growth";
  if (has_seasonality) out += ", seasonality";
  return out + fmt::format(", start_month={}}}", start_month);
}

std::string TariffDraft::to_string() const {
  return fmt::format("TariffDraft{{{}, annual_probability={}, added_rate={}}}", name, format_number(annual_probability),
                     added_rate.describe());
}

std::string OptionFormat2Draft::to_string() const {
  return fmt::format("OptionFormat2Draft{{deposit={}, order_cover_months={}, {}, {} tariff events}}",
                     format_number(deposit), format_number(order_cover_months),
                     price_change_per_year ? "price change" : "no price change", tariff_events.size());
}

}  // namespace tcosim
