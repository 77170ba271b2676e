#pragma once
// The validated, immutable scenario: what the parser produces and every later stage reads.
// Every uncertain quantity is an entry of `inputs`; options refer to inputs by slot index,
// so one trial is "fill a flat array of doubles, then evaluate formulas over it".
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "models/manufacturing_model.hpp"
#include "sim/distribution.hpp"
#include "sim/sampling.hpp"

namespace tcosim {

/// Index into Scenario::inputs (and into a trial's input array).
using Slot = std::uint32_t;

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
  /// The name, the model and how many delays and risks it has, e.g. "OptionSpec{a (oem), 1
  /// delays, 2 risks, ip_leak}".
  std::string to_string() const;
};

/// Defaults of the `run:` block; command-line flags override them.
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
  /// The name, currency, horizon, the input count with the first few inputs, and every option
  /// with its model.
  std::string to_string() const;
};

}  // namespace tcosim
