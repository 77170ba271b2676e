#include "input/scenario_parser.hpp"

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <map>
#include <memory>
#include <sstream>

#include "input/correlation_reader.hpp"
#include "input/did_you_mean.hpp"
#include "input/dist_reader.hpp"
#include "input/entry_names.hpp"
#include "input/format2_reader.hpp"
#include "input/scenario_keys.hpp"
#include "input/scenario_overrides.hpp"
#include "input/yaml_reader.hpp"
#include "sim/philox_stream.hpp"
#include "util/sha256.hpp"

namespace tcosim {

namespace {

using yaml_reader::Located;
using yaml_reader::Mapping;
using yaml_reader::Reporter;

constexpr double kInf = std::numeric_limits<double>::infinity();
/// Clamp of the yearly changes' draws (growth_per_year, price_change_per_year).
constexpr Range kYearlyChangeClamp{kMinYearlyChange, kInf};

constexpr auto& kTopKeys = scenario_keys::kTop;
constexpr auto& kTargetKeys = scenario_keys::kTargets;
constexpr auto& kRunKeys = scenario_keys::kRun;
constexpr auto& kMarketKeys = scenario_keys::kMarket;
constexpr auto& kFinanceKeys = scenario_keys::kFinance;
constexpr auto& kOptionKeys = scenario_keys::kOption;
constexpr auto& kIpLeakKeys = scenario_keys::kIpLeak;
constexpr auto& kDelayKeys = scenario_keys::kDelay;
constexpr auto& kRiskKeys = scenario_keys::kRisk;

constexpr std::size_t kMaxNameLength = 100;
/// How many values aliases (`*name`) may add to those written in a file.
constexpr std::size_t kMaxAliasedNodes = 100000;

bool is_ascii_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// ---------------------------------------------------------------------------------------
// Names. Each kind ends up somewhere that constrains it: the scenario name becomes an output
// folder, option names prefix input paths, event names become CSV columns and path segments.

std::string scenario_name_problem(std::string_view name) {
  if (name.empty()) return "must not be empty";
  if (name.size() > kMaxNameLength) return fmt::format("must be at most {} characters", kMaxNameLength);
  for (char c : name) {
    if (!is_ascii_alnum(c) && c != '-' && c != '_' && c != '.') {
      return fmt::format("`{}` may contain only letters, digits, '-', '_' and '.' (it names the output folder)", name);
    }
  }
  if (name.starts_with('.')) return fmt::format("`{}` must not start with '.' (it names the output folder)", name);
  return {};
}

std::string option_name_problem(std::string_view name) {
  if (name.empty()) return "must not be empty";
  if (name.size() > kMaxNameLength) return fmt::format("must be at most {} characters", kMaxNameLength);
  for (char c : name) {
    if (!is_ascii_alnum(c) && c != '-' && c != '_') {
      return fmt::format("`{}` may contain only letters, digits, '-' and '_'", name);
    }
  }
  return {};
}

// ---------------------------------------------------------------------------------------
// Options. Each is read into a draft; inputs and slots are laid out only once the whole file
// is known to be valid, so their order never depends on which fields happened to fail.

struct EventDraft {
  std::string name;
  double probability = 0.0;
  Distribution amount;
  YAML::Mark mark;
};

struct IpLeakDraft {
  double annual_probability = 0.0;
  Distribution margin_loss, response_cost;
};

struct OptionDraft {
  std::string name;
  ManufacturingModel model = ManufacturingModel::Oem;
  YAML::Mark mark;
  std::optional<Distribution> design_cost, tooling_cost, unit_cost, freight_per_unit, duty_rate, defect_rate, moq,
      development_months, production_months;
  std::vector<EventDraft> delays, risks;
  std::optional<IpLeakDraft> ip_leak;
  OptionFormat2Draft format2;  ///< defaults (format 1's meaning) unless the file is `tcosim: 2`
};

/// MODEL.md section 4. Contract manufacturing has none: its MOQ and lead times are whatever
/// the contract says, so a guess would be worse than asking.
struct ModelDefaults {
  std::optional<Distribution> moq, development_months, production_months;
};

ModelDefaults defaults_for(ManufacturingModel model) {
  switch (model) {
    case ManufacturingModel::Oem:
      return {Distribution::uniform(2000, 5000), Distribution::uniform(2, 4), Distribution::uniform(2, 4)};
    case ManufacturingModel::Odm:
      return {Distribution::uniform(500, 1000), Distribution::constant(0), Distribution::uniform(2, 4)};
    case ManufacturingModel::Contract: return {};
  }
  return {};
}

/// The kind of event list an option may hold: delays (months) or risks (money).
struct EventKind {
  std::string_view key;     ///< "delays" / "risks"
  std::string_view amount;  ///< "months" / "cost"
  std::span<const std::string_view> keys;
};
constexpr EventKind kDelays{"delays", "months", kDelayKeys};
constexpr EventKind kRisks{"risks", "cost", kRiskKeys};

std::optional<std::vector<EventDraft>> read_events(Reporter& r, const Located& at, const EventKind& kind) {
  const auto elements =
      yaml_reader::read_sequence(r, at, fmt::format("a list of {{name, probability, {}}} entries", kind.amount));
  if (!elements) return std::nullopt;
  const std::string_view what = kind.key == kDelays.key ? "delay" : "risk";
  std::vector<EventDraft> out;
  NameRegistry names;
  bool ok = true;
  for (std::size_t i = 0; i < elements->size(); ++i) {
    Located element = (*elements)[i];
    element.path = names.label(at, i, peek_name(element.node), event_name_problem);
    const auto m = yaml_reader::read_mapping(r, element, kind.keys,
                                             fmt::format("a {{name, probability, {}}} mapping", kind.amount));
    if (!m) {
      ok = false;
      continue;
    }
    const auto name = read_entry_name(r, *m, names, event_name_problem, what);
    const auto p_at = m->require(r, "probability", "the chance it happens in a trial, in [0, 1]");
    const auto probability = p_at ? read_in_range(r, *p_at, kFraction) : std::nullopt;
    const auto amount = required_dist(r, *m, kind.amount, kNonNegative);
    if (!name || !probability || !amount) {
      ok = false;
      continue;
    }
    out.push_back(EventDraft{*name, *probability, *amount, element.mark});
  }
  return ok ? std::optional(std::move(out)) : std::nullopt;
}

std::optional<double> read_annual_probability(Reporter& r, const Mapping& m) {
  const auto at = m.require(r, "annual_probability", "chance per year that the design leaks, in [0, 1)");
  if (!at) return std::nullopt;
  const auto p = yaml_reader::read_number(r, *at);
  if (!p) return std::nullopt;
  // A certain yearly leak has no finite exponential rate (-ln 0).
  if (*p < 0.0 || *p >= 1.0) {
    r.error(*at,
            fmt::format("must lie in [0, 1) (1 would mean a leak at month 0 for sure), found {}", format_number(*p)));
    return std::nullopt;
  }
  return p;
}

std::optional<IpLeakDraft> read_ip_leak(Reporter& r, const Located& at) {
  const auto m = yaml_reader::read_mapping(r, at, kIpLeakKeys, "an {annual_probability, margin_loss, ...} mapping");
  if (!m) return std::nullopt;
  const auto annual = read_annual_probability(r, *m);
  const auto margin_loss = required_dist(r, *m, "margin_loss", kFraction, "fraction of margin lost after a leak");
  const auto response_cost = dist_field(r, *m, "response_cost", kNonNegative, Distribution::constant(0));
  if (!annual || !margin_loss || !response_cost) return std::nullopt;
  return IpLeakDraft{*annual, *margin_loss, *response_cost};
}

std::optional<ManufacturingModel> read_model(Reporter& r, const Mapping& m) {
  const auto at = m.require(r, "model", "one of: oem, odm, contract");
  if (!at) return std::nullopt;
  const auto text = yaml_reader::read_string(r, *at, "one of oem, odm, contract");
  if (!text) return std::nullopt;
  const auto model = manufacturing_model_from(*text);
  if (!model) {
    const std::string hint = did_you_mean_hint(*text, kManufacturingModelNames.names);
    r.error(*at,
            fmt::format("unknown model `{}`{}", *text, hint.empty() ? "; expected one of: oem, odm, contract" : hint));
  }
  return model;
}

/// A field that defaults by model: the model's default, or an error for contract options.
std::optional<Distribution> model_field(Reporter& r, const Mapping& m, std::string_view key,
                                        std::optional<ManufacturingModel> model,
                                        const std::optional<Distribution>& fallback) {
  if (auto at = m.get(key)) return read_dist(r, *at, kNonNegative);
  // Without a valid model there is no default to apply; the model error already says why.
  if (!model) return std::nullopt;
  if (!fallback) {
    r.error(m.where().mark, yaml_reader::child_path(m.where().path, key),
            fmt::format(
                "missing required `{}`: contract options have no default; give the value agreed with the manufacturer",
                key));
  }
  return fallback;
}

std::optional<OptionDraft> read_option(Reporter& r, Located at, std::size_t index, const Located& list,
                                       NameRegistry& names, int format) {
  at.path = names.label(list, index, peek_name(at.node), option_name_problem);
  const auto m = yaml_reader::read_mapping(r, at, kOptionKeys, "an option mapping (name, model, unit_cost, ...)");
  if (!m) return std::nullopt;

  OptionDraft o;
  o.mark = at.mark;
  const auto name = read_entry_name(r, *m, names, option_name_problem, "option");
  const auto model = read_model(r, *m);
  const ModelDefaults defaults = model ? defaults_for(*model) : ModelDefaults{};
  const Distribution zero = Distribution::constant(0);

  o.design_cost = dist_field(r, *m, "design_cost", kNonNegative, zero);
  o.tooling_cost = dist_field(r, *m, "tooling_cost", kNonNegative, zero);
  o.unit_cost = required_dist(r, *m, "unit_cost", kNonNegative, "ex-works price per unit");
  o.freight_per_unit = dist_field(r, *m, "freight_per_unit", kNonNegative, zero);
  o.duty_rate = dist_field(r, *m, "duty_rate", kNonNegative, zero);
  o.defect_rate = dist_field(r, *m, "defect_rate", kFraction, zero);
  o.moq = model_field(r, *m, "moq", model, defaults.moq);
  o.development_months = model_field(r, *m, "development_months", model, defaults.development_months);
  o.production_months = model_field(r, *m, "production_months", model, defaults.production_months);

  bool ok = name && model;
  if (const auto d = m->get("delays")) {
    auto delays = read_events(r, *d, kDelays);
    ok = ok && delays;
    if (delays) o.delays = std::move(*delays);
  }
  if (const auto leak = m->get("ip_leak")) {
    o.ip_leak = read_ip_leak(r, *leak);
    ok = ok && o.ip_leak;
  }
  if (const auto rk = m->get("risks")) {
    auto risks = read_events(r, *rk, kRisks);
    ok = ok && risks;
    if (risks) o.risks = std::move(*risks);
  }
  auto format2 = read_option_format2(r, *m, format);
  ok = ok && format2;
  if (format2) o.format2 = std::move(*format2);
  for (const auto* field : {&o.design_cost, &o.tooling_cost, &o.unit_cost, &o.freight_per_unit, &o.duty_rate,
                            &o.defect_rate, &o.moq, &o.development_months, &o.production_months}) {
    ok = ok && field->has_value();
  }
  if (!ok) return std::nullopt;
  o.name = *name;
  o.model = *model;
  return o;
}

std::vector<OptionDraft> read_options(Reporter& r, const Mapping& root, int format) {
  const auto at = root.require(r, "options", "a list of at least 2 sourcing options");
  if (!at) return {};
  const auto elements = yaml_reader::read_sequence(r, *at, "a list of options");
  if (!elements) return {};
  if (elements->size() < 2) {
    r.error(*at, fmt::format("at least 2 options are needed to compare, found {}", elements->size()));
  }
  std::vector<OptionDraft> out;
  NameRegistry names;
  for (std::size_t i = 0; i < elements->size(); ++i) {
    if (auto o = read_option(r, (*elements)[i], i, *at, names, format)) out.push_back(std::move(*o));
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Top-level sections.

/// The file's format, 1 or 2; nothing (reported) when it is missing or another value. The
/// fields of format 2 are checked against it, but only once it is known: a file with a wrong
/// version gets that one error rather than one more per format-2 field.
std::optional<int> read_version(Reporter& r, const Mapping& root) {
  const auto at = root.require(r, "tcosim", "the format version; write `tcosim: 1` or `tcosim: 2`");
  if (!at) return std::nullopt;
  const auto v = yaml_reader::parse_unsigned(at->node);
  if (v.status != yaml_reader::IntegerStatus::Ok || v.value < 1 || v.value > 2) {
    r.error(*at, fmt::format("unsupported format version {}; expected `tcosim: 1` or `tcosim: 2`, the formats this "
                             "tcosim reads",
                             yaml_reader::describe(at->node)));
    return std::nullopt;
  }
  return static_cast<int>(v.value);
}

void read_header(Reporter& r, const Mapping& root, Scenario& s) {
  // Reads s.format (set by read_version before): a format-2 horizon is bounded.
  if (const auto at = root.require(r, "name", "letters, digits, '-', '_', '.'")) {
    if (auto name = yaml_reader::read_string(r, *at, "a name")) {
      if (const std::string p = scenario_name_problem(*name); !p.empty()) {
        r.error(*at, "invalid scenario name: " + p);
      }
      s.name = std::move(*name);
    }
  }
  if (const auto at = root.get("description")) {
    if (auto text = yaml_reader::read_string(r, *at)) s.description = std::move(*text);
  }
  if (const auto at = root.get("currency")) {
    if (auto code = yaml_reader::read_string(r, *at, "a currency label such as USD")) {
      const bool letters =
          !code->empty() && code->size() <= 8 && std::all_of(code->begin(), code->end(), is_ascii_alpha);
      if (!letters) r.error(*at, fmt::format("must be 1 to 8 letters (a label such as USD), found `{}`", *code));
      s.currency = std::move(*code);
    }
  }
  if (const auto at = root.require(r, "horizon_months", "the sales window in months, > 0")) {
    if (const auto h = yaml_reader::read_number(r, *at)) {
      if (*h <= 0) r.error(*at, fmt::format("must be > 0 months, found {}", format_number(*h)));
      check_format2_horizon(r, *at, *h, s.format);
      s.horizon_months = *h;
    }
  }
}

void read_trials(Reporter& r, const Located& at, RunDefaults& run) {
  const auto v = yaml_reader::parse_unsigned(at.node);
  using yaml_reader::IntegerStatus;
  switch (v.status) {
    case IntegerStatus::Ok:
      if (v.value < 1 || v.value > kMaxTrials) {
        r.error(at, fmt::format("must be between 1 and 10^15, found {}", v.value));
      }
      run.trials = v.value;
      return;
    case IntegerStatus::OutOfRange: r.error(at, "must be at most 10^15 (1000000000000000)"); return;
    case IntegerStatus::Inexact:
      r.error(at, "write the number of trials with all its digits: above 2^53 a floating-point form is not exact");
      return;
    default:
      r.error(at, fmt::format("must be a whole number of trials >= 1, found {}", yaml_reader::describe(at.node)));
  }
}

void read_seed(Reporter& r, const Located& at, RunDefaults& run) {
  const auto v = yaml_reader::parse_unsigned(at.node);
  if (v.status == yaml_reader::IntegerStatus::Ok) {
    run.seed = v.value;
    return;
  }
  const std::string_view advice = v.status == yaml_reader::IntegerStatus::Inexact
                                      ? "; write all its digits, a floating-point form is not exact"
                                      : "";
  r.error(at, fmt::format("must be an unsigned 64-bit integer (0 to 18446744073709551615), found {}{}",
                          yaml_reader::describe(at.node), advice));
}

void read_sampling(Reporter& r, const Located& at, RunDefaults& run) {
  const auto text = yaml_reader::read_string(r, at, "random, lhs or sobol");
  if (!text) return;
  if (const auto sampling = sampling_from(*text)) {
    run.sampling = *sampling;
  } else {
    const std::string hint = did_you_mean_hint(*text, kSamplingNames.names);
    r.error(at, fmt::format("unknown sampling `{}`{}", *text, hint.empty() ? "; expected random, lhs or sobol" : hint));
  }
}

void read_run(Reporter& r, const Mapping& root, RunDefaults& run) {
  const auto at = root.get("run");
  if (!at) return;
  const auto m = yaml_reader::read_mapping(r, *at, kRunKeys, "a {trials, seed, sampling} mapping");
  if (!m) return;
  if (const auto t = m->get("trials")) read_trials(r, *t, run);
  if (const auto sd = m->get("seed")) read_seed(r, *sd, run);
  if (const auto sp = m->get("sampling")) read_sampling(r, *sp, run);
}

struct MarketDraft {
  std::optional<Distribution> demand_units, unit_margin;
  std::optional<DemandProfileDraft> demand_profile;  ///< format 2; absent: flat
};

MarketDraft read_market(Reporter& r, const Mapping& root, int format) {
  const auto at = root.require(r, "market", "demand_units and unit_margin");
  if (!at) return {};
  const auto m = yaml_reader::read_mapping(r, *at, kMarketKeys, "a {demand_units, unit_margin} mapping");
  if (!m) return {};
  return {required_dist(r, *m, "demand_units", kNonNegative, "units the market would buy over the horizon"),
          required_dist(r, *m, "unit_margin", kNonNegative, "money earned per unit sold"),
          read_demand_profile(r, *m, format)};
}

void read_finance(Reporter& r, const Mapping& root, Scenario& s) {
  const auto at = root.get("finance");
  if (!at) return;
  const auto m = yaml_reader::read_mapping(r, *at, kFinanceKeys, "a {carrying_rate, salvage_fraction} mapping");
  if (!m) return;
  if (const auto c = m->get("carrying_rate")) {
    if (const auto v = read_in_range(r, *c, kNonNegative)) s.carrying_rate = *v;
  }
  if (const auto f = m->get("salvage_fraction")) {
    if (const auto v = read_in_range(r, *f, kFraction)) s.salvage_fraction = *v;
  }
  read_finance_format2(r, *m, s.format, s);
}

// Thresholds a decision maker sets; the report gives P(total_cost > budget), P(ttm > deadline).
void read_targets(Reporter& r, const Mapping& root, Scenario& s) {
  const auto at = root.get("targets");
  if (!at) return;
  const auto m = yaml_reader::read_mapping(r, *at, kTargetKeys, "a {budget, deadline_months} mapping");
  if (!m) return;
  if (const auto b = m->get("budget")) {
    if (const auto v = read_in_range(r, *b, kNonNegative)) s.targets.budget = *v;
  }
  if (const auto d = m->get("deadline_months")) {
    if (const auto v = read_in_range(r, *d, kNonNegative)) s.targets.deadline_months = *v;
  }
}

// ---------------------------------------------------------------------------------------
// Laying out the inputs (order fixed by the contract: it is the column order of samples
// and the order draws are made in).

class InputTable {
 public:
  InputTable(Reporter& r, std::vector<InputSpec>& inputs) : r_(r), inputs_(inputs) {}

  /// `clamp` bounds the drawn values (InputSpec::lo, hi).
  Slot add(std::string path, Distribution dist, const YAML::Mark& origin, Range clamp = kNonNegative) {
    const std::uint32_t id = input_id_for(path);
    const auto [it, inserted] = owner_.emplace(id, path);
    if (!inserted) {
      // Stream ids are a 32-bit hash of the path; two paths sharing one would draw identical
      // numbers, silently correlating them.
      // Input paths drop the `options.` of the file's field paths (they are column names).
      const std::string field = path.starts_with("market.") ? path : "options." + path;
      r_.error(origin, field,
               fmt::format("input `{}` gets the same random stream id as `{}`; rename one of the two options or events",
                           path, it->second));
    }
    inputs_.push_back(InputSpec{std::move(path), id, std::move(dist), clamp.lo, clamp.hi});
    return static_cast<Slot>(inputs_.size() - 1);
  }

 private:
  Reporter& r_;
  std::vector<InputSpec>& inputs_;
  std::map<std::uint32_t, std::string> owner_;
};

std::vector<EventSlots> add_events(InputTable& table, const std::string& prefix,
                                   const std::vector<EventDraft>& events) {
  std::vector<EventSlots> out;
  for (const EventDraft& e : events) {
    const std::string path = prefix + "." + e.name;
    EventSlots slots{e.name, 0, 0};
    slots.occurs = table.add(path + ".occurs", Distribution::bernoulli(e.probability), e.mark);
    slots.amount = table.add(path, e.amount, e.mark);
    out.push_back(std::move(slots));
  }
  return out;
}

/// Exponential rate per month matching a yearly leak probability p: P(T <= 12) = p.
double monthly_leak_rate(double annual_probability) {
  return annual_probability > 0.0 ? -std::log1p(-annual_probability) / 12.0 : 0.0;
}

/// Format 2 (MODEL.md 7.1): inputs only for the fields the file gives, so an option without them
/// draws exactly the inputs of format 1.
void add_option_format2(InputTable& table, const OptionDraft& d, OptionSpec& o) {
  const OptionFormat2Draft& f = d.format2;
  o.deposit = f.deposit;
  o.order_cover_months = f.order_cover_months;
  if (f.price_change_per_year) {
    o.price_change_per_year =
        table.add(d.name + ".price_change_per_year", *f.price_change_per_year, d.mark, kYearlyChangeClamp);
  }
  for (const TariffDraft& t : f.tariff_events) {
    const std::string prefix = d.name + ".tariff_events." + t.name;
    TariffSlots slots{t.name, 0, 0};
    // Starts like a leak: exponential with P(start within 12 months) = annual_probability.
    slots.time =
        table.add(prefix + ".time", Distribution::exponential(monthly_leak_rate(t.annual_probability)), t.mark);
    slots.added_rate = table.add(prefix + ".added_rate", t.added_rate, t.mark);
    o.tariff_events.push_back(std::move(slots));
  }
}

OptionSpec add_option(InputTable& table, const OptionDraft& d) {
  OptionSpec o;
  o.name = d.name;
  o.model = d.model;
  const auto field = [&](std::string_view key, const std::optional<Distribution>& dist, Range clamp = kNonNegative) {
    return table.add(d.name + "." + std::string(key), *dist, d.mark, clamp);
  };
  o.design_cost = field("design_cost", d.design_cost);
  o.tooling_cost = field("tooling_cost", d.tooling_cost);
  o.unit_cost = field("unit_cost", d.unit_cost);
  o.freight_per_unit = field("freight_per_unit", d.freight_per_unit);
  o.duty_rate = field("duty_rate", d.duty_rate);
  o.defect_rate = field("defect_rate", d.defect_rate, kFraction);
  o.moq = field("moq", d.moq);
  o.development_months = field("development_months", d.development_months);
  o.production_months = field("production_months", d.production_months);
  o.delays = add_events(table, d.name + ".delays", d.delays);
  if (d.ip_leak) {
    const IpLeakDraft& leak = *d.ip_leak;
    o.has_ip_leak = true;
    const std::string prefix = d.name + ".ip_leak.";
    o.ip_leak.time =
        table.add(prefix + "time", Distribution::exponential(monthly_leak_rate(leak.annual_probability)), d.mark);
    o.ip_leak.margin_loss = table.add(prefix + "margin_loss", leak.margin_loss, d.mark, kFraction);
    o.ip_leak.response_cost = table.add(prefix + "response_cost", leak.response_cost, d.mark);
  }
  o.risks = add_events(table, d.name + ".risks", d.risks);
  add_option_format2(table, d, o);
  return o;
}

/// The growth input comes right after market.unit_margin, and only when the file gives it.
void set_demand_profile(InputTable& table, const DemandProfileDraft& d, const YAML::Mark& origin, DemandProfile& out) {
  if (d.growth_per_year) {
    out.growth_per_year =
        table.add("market.demand_profile.growth_per_year", *d.growth_per_year, origin, kYearlyChangeClamp);
  }
  out.has_seasonality = d.has_seasonality;
  out.seasonality = d.seasonality;
  out.start_month = d.start_month;
}

// ---------------------------------------------------------------------------------------

std::optional<Scenario> read_scenario(Reporter& r, const YAML::Node& root_node, const ParseOptions& parse_options) {
  const Located root_at{root_node, root_node.Mark(), ""};
  auto root = Mapping::read(r, root_at, "a mapping at the top level (tcosim: 1, name, horizon_months, ...)");
  if (!root) return std::nullopt;
  root->check_known(r, kTopKeys);

  Scenario s;
  // An unreadable version is already an error; the scenario is not returned then.
  s.format = read_version(r, *root).value_or(kUnknownFormat);
  read_header(r, *root, s);
  read_run(r, *root, s.run);
  const MarketDraft market = read_market(r, *root, s.format);
  read_finance(r, *root, s);
  read_targets(r, *root, s);
  const std::vector<OptionDraft> options = read_options(r, *root, s.format);
  const CorrelationDraft correlations = read_correlations(r, *root);
  if (r.has_errors()) return std::nullopt;

  InputTable table(r, s.inputs);
  s.demand_units = table.add("market.demand_units", *market.demand_units, root_at.mark);
  s.unit_margin = table.add("market.unit_margin", *market.unit_margin, root_at.mark);
  if (market.demand_profile) set_demand_profile(table, *market.demand_profile, root_at.mark, s.demand_profile);
  for (const OptionDraft& d : options) s.options.push_back(add_option(table, d));
  if (r.has_errors()) return std::nullopt;
  // Paths name laid-out inputs, so they are resolved last (input/correlation_reader.hpp).
  build_correlations(r, correlations, parse_options.repair_correlations, s);
  if (r.has_errors()) return std::nullopt;
  return s;
}

/// Records where each document of a stream starts and where its root node is, without
/// building it. yaml-cpp 0.7's LoadAll loops forever, allocating a null document per turn, on a
/// token that no rule consumes (a `,` outside [...] or {...}: yaml-cpp issue 1040, fixed after
/// 0.8), so documents are counted here, at most three, and one that starts where the previous
/// one did (no progress) is reported instead of followed.
class DocumentMarks : public YAML::EventHandler {
 public:
  struct Document {
    YAML::Mark start, root;
  };
  std::vector<Document> documents;
  std::size_t first_document_nodes = 0;  ///< as written: an alias counts once

  void OnDocumentStart(const YAML::Mark& mark) override {
    documents.push_back({mark, mark});
    root_seen_ = false;
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override { node(mark); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { node(mark); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t, const std::string&) override { node(mark); }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    node(mark);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    node(mark);
  }
  void OnMapEnd() override {}

 private:
  void node(const YAML::Mark& mark) {
    if (documents.size() == 1) ++first_document_nodes;
    if (!root_seen_ && !documents.empty()) documents.back().root = mark;
    root_seen_ = true;
  }
  bool root_seen_ = false;
};

std::optional<YAML::Node> load_single_document(Reporter& r, std::string_view text) {
  const std::string input(text);
  YAML::Node root;
  DocumentMarks marks;
  try {
    std::istringstream stream(input);
    YAML::Parser parser(stream);
    while (marks.documents.size() < 3 && parser.HandleNextDocument(marks)) {
      const auto& docs = marks.documents;
      if (docs.size() >= 2 && docs.back().start.pos == docs[docs.size() - 2].start.pos) {
        const std::size_t pos = static_cast<std::size_t>(docs.back().start.pos);
        const std::string token = pos < input.size() ? fmt::format("`{}`", input[pos]) : "token";
        r.error(docs.back().start, {},
                fmt::format("invalid YAML: unexpected {} (a `,` separates items only inside [...] or {{...}})", token));
        return std::nullopt;
      }
    }
    if (marks.documents.size() > 1) {
      r.error(marks.documents[1].root, {},
              "only one YAML document is allowed per scenario file; remove the second `---`");
      return std::nullopt;
    }
    root = YAML::Load(input);
  } catch (const YAML::Exception& e) {
    r.error(e.mark, {}, "invalid YAML: " + e.msg);
    return std::nullopt;
  }
  if (marks.documents.empty() || root.IsNull()) {
    r.file_error("the scenario is empty; expected a mapping with tcosim: 1, name, horizon_months, market and options");
    return std::nullopt;
  }
  // Aliases may repeat what is written, within reason: a 2.6 kB file naming a list of 300 events
  // 300 times took minutes to read.
  if (const auto problem = yaml_reader::expansion_problem(root, marks.first_document_nodes + kMaxAliasedNodes)) {
    r.file_error("the scenario " + *problem);
    return std::nullopt;
  }
  return root;
}

}  // namespace

namespace {

std::string too_large(std::size_t bytes) {
  return fmt::format(
      "the scenario is {} bytes, more than tcosim reads ({} bytes, 1 MiB): a scenario is a few kB; "
      "split long value lists into a distribution",
      bytes, kMaxScenarioBytes);
}

}  // namespace

ParseResult parse_scenario_text(std::string_view text, const std::string& source, const ParseOptions& options) {
  Reporter r(source);
  if (text.size() > kMaxScenarioBytes) {
    r.file_error(too_large(text.size()));
    return ParseResult{std::nullopt, r.take()};
  }
  std::optional<Scenario> scenario;
  // --set overrides change the tree before anything is validated (input/scenario_overrides.hpp).
  if (auto root = load_single_document(r, text); root && apply_overrides(r, *root, options.overrides))
    scenario = read_scenario(r, *root, options);
  ParseResult result;
  if (r.has_errors()) {
    result.errors = r.take();
    // Sections are read in a fixed order, not file order; a list that follows the file
    // is easier to work through top to bottom.
    std::stable_sort(result.errors.begin(), result.errors.end(), [](const Diagnostic& a, const Diagnostic& b) {
      return std::pair(a.line, a.column) < std::pair(b.line, b.column);
    });
    return result;
  }
  scenario->source = source;
  scenario->sha256 = scenario_sha256(text, options.overrides);
  result.scenario = std::move(scenario);
  return result;
}

ParseResult parse_scenario_file(const std::string& path, const ParseOptions& options) {
  // C stdio rather than ifstream: it reports why (errno), and reading a directory fails
  // with EISDIR instead of yielding an empty "file".
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  std::string text;
  int error = f ? 0 : errno;
  if (f) {
    errno = 0;
    char buffer[65536];
    std::size_t n = 0;
    // One byte past the limit is enough to refuse: /dev/zero or a huge file costs nothing more.
    while (text.size() <= kMaxScenarioBytes && (n = std::fread(buffer, 1, sizeof buffer, f.get())) > 0)
      text.append(buffer, n);
    if (std::ferror(f.get())) error = errno != 0 ? errno : EIO;
  }
  if (error != 0) {
    Reporter r(path);
    r.file_error(fmt::format("cannot read the scenario file: {}", std::strerror(error)));
    return ParseResult{std::nullopt, r.take()};
  }
  return parse_scenario_text(text, path, options);
}

std::string ParseResult::to_string() const {
  if (scenario) return fmt::format("scenario {} from {}", scenario->name, scenario->source);
  if (errors.empty()) return "no scenario and no errors";
  return fmt::format("{} error{}, first: {}", errors.size(), errors.size() == 1 ? "" : "s", errors.front().to_string());
}

std::string ParseOptions::to_string() const {
  return fmt::format("repair_correlations={}, overrides=[{}]", repair_correlations, fmt::join(overrides, ", "));
}

}  // namespace tcosim
