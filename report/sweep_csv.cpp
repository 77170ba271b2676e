#include "report/sweep_csv.hpp"

#include <fmt/format.h>

#include "util/csv_field.hpp"

namespace tcosim {

std::string sweep_csv(const SweepResults& sweep) {
  // Format 2 names its cost columns after npv_cost and appends peak cash; format 1's bytes stay.
  const std::string_view cost = sweep.cost_metric();
  const bool cash = sweep.format >= 2;
  std::string csv = "point";
  for (const std::string& path : sweep.params) {
    csv += ',';
    csv += csv_field(path);
  }
  csv += fmt::format(
      ",option,{0}_mean,{0}_p5,{0}_p50,{0}_p95,ttm_months_mean,ttm_months_p5,ttm_months_p50,ttm_months_p95,"
      "p_best_cost{1}\n",
      cost, cash ? ",peak_cash_p50,peak_cash_p95" : "");
  for (std::size_t i = 0; i < sweep.points.size(); ++i)
    for (const SweepOption& o : sweep.points[i].options) {
      csv += fmt::format("{}", i);
      for (const std::string& v : sweep.points[i].values) {
        csv += ',';
        csv += csv_field(v);
      }
      csv += fmt::format(",{},{},{},{},{},{},{},{},{},{}", csv_field(o.name), o.cost_mean, o.cost_p5, o.cost_p50,
                         o.cost_p95, o.ttm_mean, o.ttm_p5, o.ttm_p50, o.ttm_p95, o.p_best_cost);
      csv += cash ? fmt::format(",{},{}\n", o.peak_cash_p50, o.peak_cash_p95) : "\n";
    }
  return csv;
}

std::string breakeven_csv(const SweepResults& sweep) {
  std::string csv = fmt::format("parameter,option_a,option_b,value,p50_{},cheaper_below\n", sweep.cost_metric());
  for (const Crossing& c : *sweep.breakeven)
    csv += fmt::format("{},{},{},{},{},{}\n", csv_field(sweep.params.front()), csv_field(c.a), csv_field(c.b), c.x,
                       c.cost, csv_field(c.cheaper_below));
  return csv;
}

}  // namespace tcosim
