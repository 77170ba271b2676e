#pragma once
// results.xlsx (`tcosim run --xlsx`, docs/report.md): the run as an Excel workbook for analysts
// who work in spreadsheets. Sheets Decision (the headline and the percentile tables), Breakdown,
// Cash (format 2), Drivers, Samples (with --samples) and Scenario; numbers are numbers with the
// scenario's currency as a number format, and the charts (cost and time CDFs, the stacked
// breakdown, the cash fan) are native Excel charts a user can restyle. Written with libxlsxwriter.
#include <string>
#include <vector>

#include "models/scenario.hpp"
#include "models/simulation_result.hpp"
#include "report/batch_job.hpp"

namespace tcosim {

/// The workbook's bytes (a zip file). Throws std::runtime_error when libxlsxwriter fails.
std::string results_xlsx(const Scenario& s, const SimulationResult& r);

/// The batch overview workbook (`tcosim batch --xlsx`): one row per job with its headline, as
/// the closing table, and a link to its results.xlsx.
std::string batch_overview_xlsx(const std::vector<BatchJob>& jobs);

}  // namespace tcosim
