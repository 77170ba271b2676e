#pragma once
// What a `tcosim sweep` found: per grid point the statistics of every option, and with
// --breakeven where two options' P50 cost curves cross (total cost; npv_cost in format 2). sweep.csv, breakeven.csv
// (report/sweep_csv.hpp) and the sweep's index.html (report/index_html.hpp) are written from it.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/metric.hpp"

namespace tcosim {

/// Statistics of one option at one grid point (the columns of sweep.csv).
struct SweepOption {
  std::string name;
  double cost_mean = 0, cost_p5 = 0, cost_p50 = 0, cost_p95 = 0;  ///< the decision cost (SweepResults::cost_metric)
  double ttm_mean = 0, ttm_p5 = 0, ttm_p50 = 0, ttm_p95 = 0;      ///< time to market, months
  double p_best_cost = 0;                       ///< share of trials in which the option is the cheapest
  double peak_cash_p50 = 0, peak_cash_p95 = 0;  ///< format 2 only (MODEL.md 7.4)

  /// "build: P50 total cost 1234 (P5 1000, P95 1500), P(cheapest) 0.5".
  std::string to_string() const;
};

/// One grid point: the swept values and every option's statistics there.
struct SweepPoint {
  std::vector<std::string> values;  ///< one per swept parameter, as given
  std::vector<SweepOption> options;
  std::string report;  ///< relative path of its report.html ("point-<i>/report.html")

  /// "[10, lhs]: 2 options -> point-3/report.html".
  std::string to_string() const;
};

/// Where two options' P50 decision-cost curves cross (a row of breakeven.csv).
struct Crossing {
  std::string a, b;
  double x = 0.0;             ///< the swept value at the crossing
  double cost = 0.0;          ///< P50 decision cost there (total cost; npv_cost in format 2)
  std::string cheaper_below;  ///< the cheaper of the two just below x ("" when they touch at the first point)

  /// "a = b at 12.5 (P50 total cost 300); a cheaper below".
  std::string to_string() const;
};

/// A whole sweep, points in grid order (row-major: the last parameter varies fastest).
struct SweepResults {
  std::string scenario, currency;
  std::vector<std::string> params;  ///< the swept paths
  std::vector<SweepPoint> points;
  std::optional<std::vector<Crossing>> breakeven;  ///< set when --breakeven computed them
  /// The scenario's format (MODEL.md 7): in format 2 the cost compared is npv_cost and every
  /// option also reports its peak cash.
  int format = 1;

  /// The cost compared, as metrics are named: "total_cost", or "npv_cost" in format 2.
  std::string_view cost_metric() const noexcept { return format >= 2 ? "npv_cost" : "total_cost"; }
  /// The cost compared, as prose names it: "total cost", or "NPV cost" in format 2.
  std::string_view cost_label() const noexcept { return decision_cost_words(format); }

  /// "demo over market.size: 5 points, 2 crossings".
  std::string to_string() const;
};

}  // namespace tcosim
