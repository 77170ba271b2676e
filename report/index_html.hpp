#pragma once
// index.html of a `tcosim batch` or `tcosim sweep` output folder: one self-contained page
// (inline CSS and SVG, no script, nothing fetched) listing every scenario or grid point with a
// relative link to its report.html. Same look as report.html (report/html_page.hpp); the bytes
// depend only on the rows given and the `generated` stamp.
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tcosim {

/// One scenario file of a batch, as in the closing table of `tcosim batch`.
struct BatchIndexRow {
  std::string scenario;  ///< "" when the file could not be parsed
  std::string file;
  std::string status;  ///< ok, failed, skip
  std::uint64_t trials = 0;
  double wall_s = 0.0;
  std::string cheapest;  ///< option with the lowest P50 total cost; "" when unknown
  double cheapest_p50 = std::numeric_limits<double>::quiet_NaN();
  std::string error;
  std::string report;  ///< relative path of its report.html (e.g. "name/report.html"); "" for no link
};

std::string batch_index_html(const std::vector<BatchIndexRow>& rows, std::string_view generated);

struct SweepIndexOption {
  std::string name;
  double p5 = 0, p50 = 0, p95 = 0;  ///< total cost
  double p_best_cost = 0;
};

struct SweepIndexPoint {
  std::vector<std::string> values;  ///< one per swept parameter, as given
  std::vector<SweepIndexOption> options;
  std::string report;  ///< relative path of its report.html ("point-<i>/report.html")
};

/// Where two options' P50 total-cost curves cross (breakeven.csv).
struct SweepIndexCrossing {
  std::string a, b;
  double x = 0.0, cost = 0.0;
  std::string cheaper_below;
};

struct SweepIndex {
  std::string scenario, currency;
  std::vector<std::string> params;
  std::vector<SweepIndexPoint> points;
  std::optional<std::vector<SweepIndexCrossing>> breakeven;  ///< set when --breakeven computed them
};

/// The grid as a table; with exactly one parameter also a chart of P50 total cost per option
/// against it, P5-P95 shaded, break-even points marked.
std::string sweep_index_html(const SweepIndex& sweep, std::string_view generated);

}  // namespace tcosim
