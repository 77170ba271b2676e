#pragma once
// Reading the fields that only `tcosim: 2` files may use (MODEL.md 7.1: money over time):
// market.demand_profile, finance.discount_rate and runway, and each option's payment,
// order_cover_months, price_change_per_year and tariff_events. The scenario parser calls these
// beside its format-1 readers; a format-1 file that uses one of these fields is told, at the
// field, that it needs `tcosim: 2`, so format 1 keeps exactly its meaning.
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "input/yaml_reader.hpp"
#include "models/scenario.hpp"
#include "sim/distribution.hpp"

namespace tcosim {

/// Draws of growth_per_year and price_change_per_year are clamped here from below (MODEL.md 7.1).
inline constexpr double kMinYearlyChange = -0.99;

/// The format of a file whose `tcosim:` is missing or invalid (already an error): neither
/// format's restrictions are reported then, so that one real mistake is not buried under
/// "needs `tcosim: 2`" or "format 2 allows at most 600 months".
inline constexpr int kUnknownFormat = 0;

/// `key` of `m` when the file's format allows it: absent -> nothing; present in a format-1 file
/// -> reported at the key ("`demand_profile` needs `tcosim: 2` ...") and nothing.
std::optional<yaml_reader::Located> format2_field(yaml_reader::Reporter& r, const yaml_reader::Mapping& m,
                                                  std::string_view key, int format);

/// In a format-2 file, a horizon over kMaxMonths (600) is reported at `at`.
void check_format2_horizon(yaml_reader::Reporter& r, const yaml_reader::Located& at, double horizon_months, int format);

/// market.demand_profile as read, before its growth input is laid out.
struct DemandProfileDraft {
  std::optional<Distribution> growth_per_year;  ///< absent: no growth, no input
  bool has_seasonality = false;
  std::array<double, 12> seasonality{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
  int start_month = 1;
  /// e.g. "DemandProfileDraft{growth, seasonality, start_month=3}".
  std::string to_string() const;
};

/// `demand_profile` of the market mapping: nothing when absent or invalid (reported).
std::optional<DemandProfileDraft> read_demand_profile(yaml_reader::Reporter& r, const yaml_reader::Mapping& market,
                                                      int format);

/// finance.discount_rate and finance.runway into `s` (left at their defaults when absent).
void read_finance_format2(yaml_reader::Reporter& r, const yaml_reader::Mapping& finance, int format, Scenario& s);

/// One entry of an option's `tariff_events`.
struct TariffDraft {
  std::string name;
  double annual_probability = 0.0;
  Distribution added_rate;
  YAML::Mark mark;
  /// e.g. "TariffDraft{section-301, annual_probability=0.15, added_rate=uniform(min=0.1, max=0.25)}".
  std::string to_string() const;
};

/// An option's format-2 fields as read; the defaults mean format 1.
struct OptionFormat2Draft {
  double deposit = 0.0;
  double order_cover_months = 0.0;  ///< 0: absent (the format-1 purchase rule)
  std::optional<Distribution> price_change_per_year;
  std::vector<TariffDraft> tariff_events;
  /// e.g. "OptionFormat2Draft{deposit=0.3, order_cover_months=3, price change, 1 tariff events}".
  std::string to_string() const;
};

/// The format-2 fields of one option mapping; nothing when any is invalid (reported).
std::optional<OptionFormat2Draft> read_option_format2(yaml_reader::Reporter& r, const yaml_reader::Mapping& option,
                                                      int format);

}  // namespace tcosim
