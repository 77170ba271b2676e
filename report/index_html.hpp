#pragma once
// index.html of a `tcosim batch` or `tcosim sweep` output folder: one self-contained page
// (inline CSS and SVG, no script, nothing fetched) listing every scenario or grid point with a
// relative link to its report.html. Same look as report.html (report/html_page.hpp); the bytes
// depend only on the rows given and the `generated` stamp.
#include <string>
#include <string_view>
#include <vector>

#include "report/batch_job.hpp"
#include "report/sweep_results.hpp"

namespace tcosim {

/// The batch's page: every job with its ending, linked to its report.html where it has one.
std::string batch_index_html(const std::vector<BatchJob>& jobs, std::string_view generated);

/// The grid as a table; with exactly one parameter also a chart of P50 total cost per option
/// against it, P5-P95 shaded, break-even points marked.
std::string sweep_index_html(const SweepResults& sweep, std::string_view generated);

}  // namespace tcosim
