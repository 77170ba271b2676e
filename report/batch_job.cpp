#include "report/batch_job.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace tcosim {

namespace {

/// The value of `option`'s `metric` `statistic` row; NaN when there is none.
double row_value(const std::vector<ResultRow>& rows, const std::string& option, std::string_view metric,
                 std::string_view statistic) {
  const auto it = std::find_if(rows.begin(), rows.end(), [&](const ResultRow& r) {
    return r.option == option && r.metric == metric && r.statistic == statistic;
  });
  return it != rows.end() ? it->value : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

std::string BatchJob::to_string() const {
  std::string text =
      fmt::format("{} ({}): {}, {} trials", scenario.empty() ? "-" : scenario, file, tcosim::to_string(status), trials);
  if (!cheapest.empty() && format >= 2)
    text += fmt::format(", cheapest {} at P50 npv_cost {}, peak cash P50 {} P95 {}", cheapest, cheapest_p50,
                        peak_cash_p50, peak_cash_p95);
  else if (!cheapest.empty())
    text += fmt::format(", cheapest {} at P50 {}", cheapest, cheapest_p50);
  if (!error.empty()) text += fmt::format(", error: {}", error.substr(0, error.find('\n')));
  return text;
}

void set_headline(BatchJob& job, const std::vector<ResultRow>& rows) {
  // Only format-2 runs report npv_cost (MODEL.md 7.4): its presence says which cost decides.
  const bool npv = std::any_of(rows.begin(), rows.end(), [](const ResultRow& r) { return r.metric == "npv_cost"; });
  const std::string_view cost = npv ? "npv_cost" : "total_cost";
  job.format = npv ? 2 : 1;
  for (const ResultRow& row : rows)
    if (row.metric == cost && row.statistic == "p50" && (job.cheapest.empty() || row.value < job.cheapest_p50)) {
      job.cheapest = row.option;
      job.cheapest_p50 = row.value;
    }
  if (!npv || job.cheapest.empty()) return;
  job.peak_cash_p50 = row_value(rows, job.cheapest, "peak_cash", "p50");
  job.peak_cash_p95 = row_value(rows, job.cheapest, "peak_cash", "p95");
}

}  // namespace tcosim
