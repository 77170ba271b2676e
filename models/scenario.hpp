#pragma once
// The validated, immutable scenario: what the parser produces and every later stage reads.
// Every uncertain quantity is an entry of `inputs`; options refer to inputs by slot index,
// so one trial is "fill a flat array of doubles, then evaluate formulas over it".
#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "models/manufacturing_model.hpp"
#include "models/metric.hpp"
#include "sim/distribution.hpp"
#include "sim/sampling.hpp"

namespace tcosim {

/// Index into Scenario::inputs (and into a trial's input array).
using Slot = std::uint32_t;

/// A format-2 field that is absent (no input drawn): growth, price change.
inline constexpr Slot kNoSlot = ~Slot{0};

/// One sampled input: its path (the name users see in samples.csv, replay and correlations),
/// the stream id derived from that path, its distribution and the clamp MODEL.md section 3
/// applies to the drawn value.
struct InputSpec {
  std::string path;      ///< e.g. "market.demand_units", "odm-dg.delays.tooling rework"
  std::uint32_t id = 0;  ///< input_id_for(path)
  Distribution dist;
  double lo = 0.0;  ///< drawn values are clamped to [lo, hi]
  double hi = std::numeric_limits<double>::infinity();
  /// The path, the distribution and the clamp.
  std::string to_string() const;
};

/// A named event that may happen in a trial: `occurs` is a Bernoulli input (0 or 1) and
/// `amount` the months (delays) or money (risks) it costs when it does.
struct EventSlots {
  std::string name;
  Slot occurs = 0;
  Slot amount = 0;
  /// The name and both slots.
  std::string to_string() const;
};

/// Design-leak risk of an option (MODEL.md `ip_leak`).
struct IpLeakSlots {
  Slot time = 0;  ///< leak time T in months from month 0 (Exponential; +inf when it never leaks)
  Slot margin_loss = 0;
  Slot response_cost = 0;
  /// The three slots.
  std::string to_string() const;
};

/// A tariff event of an option (MODEL.md 7.1 `tariff_events`): `time` is the event's start in
/// months from month 0 (Exponential; +inf when it never comes), `added_rate` the duty it adds.
struct TariffSlots {
  std::string name;
  Slot time = 0;
  Slot added_rate = 0;
  /// The name and both slots.
  std::string to_string() const;
};

/// One sourcing option with the slots of each of its fields (defaults already filled in).
struct OptionSpec {
  std::string name;
  ManufacturingModel model = ManufacturingModel::Oem;
  Slot design_cost = 0, tooling_cost = 0, unit_cost = 0, freight_per_unit = 0, duty_rate = 0, defect_rate = 0, moq = 0,
       development_months = 0, production_months = 0;
  std::vector<EventSlots> delays;
  bool has_ip_leak = false;
  IpLeakSlots ip_leak;  ///< meaningful only when has_ip_leak
  std::vector<EventSlots> risks;
  // Format 2 (MODEL.md 7.1); the defaults are format 1's meaning.
  double deposit = 0.0;                  ///< payment.deposit: share of an order's ex-works value paid at order
  double order_cover_months = 0.0;       ///< > 0: orders in lots (7.3); 0: the format-1 purchase rule
  Slot price_change_per_year = kNoSlot;  ///< clamped at -0.99; kNoSlot: prices stay put
  std::vector<TariffSlots> tariff_events;
  /// True when the option uses none of the format-2 fields that change section 3's totals (lots,
  /// price change, tariffs): its section-3 metrics then come from the closed forms, bit for bit.
  bool plain_totals() const noexcept {
    return order_cover_months <= 0.0 && price_change_per_year == kNoSlot && tariff_events.empty();
  }
  /// The name, the model and how many delays and risks it has, e.g. "OptionSpec{a (oem), 1
  /// delays, 2 risks, ip_leak}".
  std::string to_string() const;
};

/// Defaults of the `run:` block; command-line flags override them.
/// The largest trial count a run takes, from a scenario or a flag (docs/overnight.md): 10^15,
/// months of work at 10^8 trials/s, and far from where trial indices, byte counts or chunk
/// counts would overflow.
inline constexpr std::uint64_t kMaxTrials = 1'000'000'000'000'000ull;

struct RunDefaults {
  std::uint64_t trials = 100000;
  std::uint64_t seed = 1;
  Sampling sampling = Sampling::Random;
  /// e.g. "RunDefaults{trials=100000, seed=1, sampling=random}".
  std::string to_string() const;
};

/// Rank correlations between inputs (MODEL.md `correlations:`), ready for a Gaussian copula.
struct CorrelationSpec {
  std::vector<Slot> slots;       ///< the correlated inputs, in first-mention order
  std::vector<double> spearman;  ///< requested rank correlations, n x n row-major (1 on the diagonal)
  std::vector<double> pearson;   ///< matrix actually used: 2 sin(pi rho / 6), repaired if asked, n x n
  std::vector<double> cholesky;  ///< lower-triangular factor of `pearson`, n x n row-major
  bool repaired = false;         ///< `pearson` was replaced by the nearest correlation matrix
  bool empty() const noexcept { return slots.empty(); }
  /// The correlated slots and whether the matrix was repaired.
  std::string to_string() const;
};

/// Decision thresholds (optional `targets:` block): probabilities of exceeding them are reported.
struct Targets {
  std::optional<double> budget;           ///< total_cost above it counts towards p_over_budget
  std::optional<double> deadline_months;  ///< ttm_months above it counts towards p_late
  /// The thresholds that are set, e.g. "Targets{budget=500000}"; "Targets{none}".
  std::string to_string() const;
};

/// How a format-2 market spreads its demand over the months (MODEL.md 7.1, 7.2).
struct DemandProfile {
  Slot growth_per_year = kNoSlot;  ///< clamped at -0.99; kNoSlot: no growth
  bool has_seasonality = false;
  std::array<double, 12> seasonality{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};  ///< weights Jan..Dec, all > 0
  int start_month = 1;                                                     ///< calendar month (1-12) of month 0
  /// Demand spread evenly over the horizon (the default): the section-3 formulas hold.
  bool flat() const noexcept { return growth_per_year == kNoSlot && !has_seasonality; }
  /// e.g. "DemandProfile{flat}", "DemandProfile{growth=slot 2, seasonality, start_month=3}".
  std::string to_string() const;
};

/// A parsed and validated scenario.
struct Scenario {
  std::string source;  ///< file path as given (or "<embedded default>")
  std::string sha256;  ///< hex SHA-256 of the file's bytes
  std::string name;
  std::string description;
  std::string currency = "USD";
  double horizon_months = 0.0;
  RunDefaults run;
  double carrying_rate = 0.25;
  double salvage_fraction = 0.0;
  Slot demand_units = 0;
  Slot unit_margin = 0;
  std::vector<InputSpec> inputs;  ///< market first, then each option's fields in a fixed order
  std::vector<OptionSpec> options;
  CorrelationSpec correlation;
  Targets targets;
  // Format 2 (MODEL.md section 7).
  int format = 1;  ///< the file's `tcosim:` version, 1 or 2
  DemandProfile demand_profile;
  double discount_rate = 0.0;    ///< per year, in [0, 1)
  std::optional<double> runway;  ///< cash available; adds p_cash_short

  /// Months of the monthly model: ceil(horizon_months).
  std::size_t months() const noexcept;
  /// Metrics reported per option: kFormat1MetricCount in format 1, kMetricCount in format 2.
  std::size_t metric_count() const noexcept { return format >= 2 ? kMetricCount : kFormat1MetricCount; }
  /// Cash-curve points per option (C_k at each month end, MODEL.md 7.5): months() in format 2, else 0.
  std::size_t cash_months() const noexcept { return format >= 2 ? months() : 0; }
  /// Per-trial values kept per option (stored or sketched): the metrics, then the cash curve.
  std::size_t series_per_option() const noexcept { return metric_count() + cash_months(); }
  /// The cost the decision compares (p_best_cost, regret, cost sensitivity): npv_cost in format 2.
  Metric decision_metric() const noexcept { return format >= 2 ? kNpvCost : kTotalCost; }
  /// decision_metric() as reports write it: "total cost" or "NPV cost".
  std::string_view decision_cost_words() const noexcept { return tcosim::decision_cost_words(format); }
  /// The name, currency, horizon, the input count with the first few inputs, and every option
  /// with its model.
  std::string to_string() const;
};

}  // namespace tcosim
