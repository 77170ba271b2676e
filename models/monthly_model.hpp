#pragma once
// Format 2, money over time (MODEL.md section 7): each option's costs booked month by month,
// its cash curve, npv_cost, peak_cash, payback_months and units_bought. Evaluated a tile of
// trials at a time with the months as the outer loop and the trials inner, so the work
// vectorises over trials like the section-3 evaluation; a single trial (replay) is a tile of one
// and gives the same bits.
#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "models/scenario.hpp"

namespace tcosim {

/// Most months a format-2 horizon may have (MODEL.md 7.1).
inline constexpr std::size_t kMaxMonths = 600;

/// What every trial of a scenario shares about its months: their ends, the discount factor of
/// each month's midpoint and each month's seasonal weight.
struct MonthGrid {
  std::size_t months = 0;        ///< M = ceil(horizon)
  std::vector<double> end;       ///< e_k = min(k + 1, H)
  std::vector<double> discount;  ///< (1 + discount_rate)^(-c_k / 12), c_k = (k + e_k) / 2
  std::vector<double> season;    ///< s_((start_month - 1 + k) mod 12) / max s, 1 without seasonality
  explicit MonthGrid(const Scenario& s);
  /// e.g. "MonthGrid{36 months, discount at the end 0.71}".
  std::string to_string() const;
};

/// The monthly model's work arrays for one tile of trials (one per kernel, so the hot loop
/// allocates nothing).
class MonthScratch {
 public:
  explicit MonthScratch(const Scenario& s);
  const MonthGrid& grid() const noexcept { return grid_; }
  /// Trials per tile.
  static constexpr std::size_t kTile = 32;
  /// months x kTile: demand rate of each month; (months + 1) x kTile: cumulative demand at each
  /// month start; months x kTile: each month's net cash flow (in - out).
  double* rate() noexcept { return rate_.data(); }
  double* cumulative_demand() noexcept { return cumulative_.data(); }
  double* flow() noexcept { return flow_.data(); }
  /// "MonthScratch{36 months x 32 trials}".
  std::string to_string() const;

 private:
  MonthGrid grid_;
  std::vector<double> rate_, cumulative_, flow_;
};

/// One month of one option in one trial: what `tcosim replay` prints, so any number of a
/// report can be traced month by month. Costs are as booked (MODEL.md 7.4); cash as paid.
struct MonthRow {
  std::size_t month = 0;
  double month_end = 0.0;
  double demand = 0.0;    ///< units the market would buy in the month
  double sold = 0.0;      ///< units sold in the month
  double arrivals = 0.0;  ///< units arriving in the month
  double ordered = 0.0;   ///< units whose order falls in the month (deposits)
  double design = 0.0, tooling = 0.0, purchase = 0.0, carrying = 0.0, quality = 0.0, delay_cost = 0.0, ip_loss = 0.0,
         risk_cost = 0.0;
  double deposit = 0.0;  ///< cash: deposits of the orders placed in the month
  double balance = 0.0;  ///< cash: balance, duty and freight of the units arriving in the month
  double cash_out = 0.0, cash_in = 0.0;
  double cumulative_cash = 0.0;  ///< C_k
  /// e.g. "MonthRow{month 3, sold 120, arrivals 2000, cash out 31000, cash in 4800, C -52000}".
  std::string to_string() const;
};

/// MODEL.md 7.2-7.5 for trials [0, n) of a column batch (input k of trial t at
/// cols[k * stride + t]). Writes npv_cost, peak_cash, payback_months and units_bought, and
/// C_k of month k to out[(metric_count + k) * out_stride + t]. The section-3 metrics already
/// in `out` (from the closed forms) are kept when the option's totals are plain (flat demand,
/// no lots, price change or tariff) and replaced by the sums of the monthly bookings otherwise.
void evaluate_months_columns(const Scenario& s, const OptionSpec& o, const double* cols, std::size_t stride,
                             std::size_t n, double* out, std::size_t out_stride, MonthScratch& scratch) noexcept;

/// One trial's monthly table of one option, from the trial's inputs (format 2 only).
std::vector<MonthRow> monthly_table(const Scenario& s, const OptionSpec& o, std::span<const double> x);

}  // namespace tcosim
