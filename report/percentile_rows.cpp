#include "report/percentile_rows.hpp"

#include <fmt/format.h>

#include <utility>

#include "sim/quantile_levels.hpp"
#include "util/csv_field.hpp"

namespace tcosim {

namespace {

/// Statistic name/value pairs of one metric, in the order summary.json lists them.
std::vector<std::pair<std::string, double>> metric_rows(const MetricSummary& m) {
  std::vector<std::pair<std::string, double>> rows = {{"mean", m.mean}, {"sd", m.sd},   {"stderr", m.stderr_mean},
                                                      {"min", m.min},   {"max", m.max}, {"cvar95", m.cvar95}};
  for (std::size_t i = 0; i < kQuantileLevels.size(); ++i) rows.emplace_back(kQuantileNames[i], m.quantiles[i]);
  for (std::size_t i = 0; i < kQuantileLevels.size(); ++i) {
    rows.emplace_back(fmt::format("{}_ci95_lo", kQuantileNames[i]), m.quantile_ci95[i][0]);
    rows.emplace_back(fmt::format("{}_ci95_hi", kQuantileNames[i]), m.quantile_ci95[i][1]);
  }
  return rows;
}

}  // namespace

std::string ResultRow::to_string() const { return fmt::format("{} {} {} = {}", option, metric, statistic, value); }

std::vector<ResultRow> result_rows(const Scenario& s, const SimulationResult& r) {
  std::vector<ResultRow> rows;
  for (std::size_t o = 0; o < s.options.size(); ++o) {
    const std::string& name = s.options[o].name;
    const OptionResult& res = r.options[o];
    for (std::size_t m = 0; m < s.metric_count(); ++m)
      for (auto& [stat, value] : metric_rows(res.metrics[m]))
        rows.push_back(ResultRow{name, std::string(kMetricNames[m]), std::move(stat), value});
    std::vector<std::pair<const char*, double>> decision = {{"p_best_cost", res.p_best_cost},
                                                            {"p_fastest", res.p_fastest},
                                                            {"mean_regret", res.mean_regret},
                                                            {"p_never_on_sale", res.p_never_on_sale}};
    if (res.p_over_budget) decision.emplace_back("p_over_budget", *res.p_over_budget);
    if (res.p_late) decision.emplace_back("p_late", *res.p_late);
    if (s.format >= 2) {
      decision.emplace_back("p_no_payback", res.p_no_payback);
      if (s.runway && res.p_cash_short) decision.emplace_back("p_cash_short", *res.p_cash_short);
    }
    for (const auto& [stat, value] : decision) rows.push_back(ResultRow{name, "decision", stat, value});
  }
  return rows;
}

std::string percentiles_csv(const Scenario& s, const SimulationResult& r) {
  // Metric and statistic names are tcosim's own; an option name is the scenario's, and may
  // start with '-' (util/csv_field.hpp neutralises it).
  std::string out = "option,metric,statistic,value\n";
  for (const ResultRow& row : result_rows(s, r))
    out += fmt::format("{},{},{},{}\n", csv_field(row.option), row.metric, row.statistic, row.value);
  return out;
}

}  // namespace tcosim
