#pragma once
// One scenario file of a `tcosim batch` and how it ended: the closing table's row and the
// batch index page's (report/index_html.hpp).
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "report/percentile_rows.hpp"
#include "util/enum_names.hpp"

namespace tcosim {

/// How a batch job ended. A job that never started (unreadable file, name clash, stopped
/// batch) counts as failed.
enum class JobStatus { Ok, Failed, Skip, Interrupted, NotStarted };

/// "ok", "failed", "skip" (finished earlier with the same identity), "interrupted", "not started"
/// (the batch was stopped before its turn).
constexpr std::string_view to_string(JobStatus s) noexcept {
  constexpr EnumNames<JobStatus, 5> kNames{{"ok", "failed", "skip", "interrupted", "not started"}};
  return kNames.of(s);
}

/// One scenario file of a batch and its ending.
struct BatchJob {
  std::string file;      ///< as named on the command line or found in a folder
  std::string scenario;  ///< its name; "" when it could not be parsed or its name is taken
  JobStatus status = JobStatus::Failed;
  std::uint64_t trials = 0;
  double wall_s = 0.0;
  std::string cheapest;  ///< option with the lowest P50 decision cost; "" when unknown
  double cheapest_p50 = std::numeric_limits<double>::quiet_NaN();  ///< its P50 total cost (npv_cost in format 2)
  std::string error;
  std::string report;  ///< relative path of its report.html (e.g. "name/report.html"); "" for no link
  // Format 2 (MODEL.md 7): the headline compares npv_cost and adds the cheapest option's peak cash.
  int format = 1;  ///< 2 when the headline came from a format-2 run
  double peak_cash_p50 = std::numeric_limits<double>::quiet_NaN();
  double peak_cash_p95 = std::numeric_limits<double>::quiet_NaN();

  /// "demo (demo.yaml): ok, 1000 trials, cheapest build at P50 1234"; in format 2 "... cheapest
  /// build at P50 npv_cost 1234, peak cash P50 500 P95 800".
  std::string to_string() const;
};

/// Sets the job's headline from a finished run's percentile rows (a run just finished, a skipped
/// run's catalogue rows, or another rank's): the option with the lowest P50 of the decision cost
/// (npv_cost when the rows have it, i.e. a format-2 run; else total_cost), the first listed on
/// ties, and in format 2 that option's P50 and P95 peak cash.
void set_headline(BatchJob& job, const std::vector<ResultRow>& rows);

}  // namespace tcosim
