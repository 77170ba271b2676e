#pragma once
// One scenario file of a `tcosim batch` and how it ended: the closing table's row and the
// batch index page's (report/index_html.hpp).
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "util/enum_names.hpp"

namespace tcosim {

/// How a batch job ended. A job that never started (unreadable file, name clash, stopped
/// batch) counts as failed.
enum class JobStatus { Ok, Failed, Skip, Interrupted };

/// "ok", "failed", "skip" (finished earlier with the same identity), "interrupted".
constexpr std::string_view to_string(JobStatus s) noexcept {
  constexpr EnumNames<JobStatus, 4> kNames{{"ok", "failed", "skip", "interrupted"}};
  return kNames.of(s);
}

/// One scenario file of a batch and its ending.
struct BatchJob {
  std::string file;      ///< as named on the command line or found in a folder
  std::string scenario;  ///< its name; "" when it could not be parsed or its name is taken
  JobStatus status = JobStatus::Failed;
  std::uint64_t trials = 0;
  double wall_s = 0.0;
  std::string cheapest;  ///< option with the lowest P50 total cost; "" when unknown
  double cheapest_p50 = std::numeric_limits<double>::quiet_NaN();
  std::string error;
  std::string report;  ///< relative path of its report.html (e.g. "name/report.html"); "" for no link

  /// "demo (demo.yaml): ok, 1000 trials, cheapest build at P50 1234".
  std::string to_string() const;
};

}  // namespace tcosim
