#pragma once
// The set of files a run leaves behind (MODEL.md section 5 and the run command's contract):
// summary.json, percentiles.csv, report.md, report.html and optionally samples.csv, each
// rendered by its own header; here they are written together.
#include <array>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>

#include "models/scenario.hpp"
#include "models/simulation_result.hpp"

namespace tcosim {

/// The optional files of a run.
struct ResultFileOptions {
  bool xlsx = false;  ///< results.xlsx (`--xlsx`, report/results_xlsx.hpp)

  /// "xlsx" or "no optional files".
  std::string to_string() const;
};

/// Creates `dir` if needed and writes every file atomically. All contents are rendered
/// before the first byte is written, so a rendering failure leaves nothing behind.
void write_result_files(const std::filesystem::path& dir, const Scenario& s, const SimulationResult& r,
                        const ResultFileOptions& options = {});

/// The names of the files write_result_files may write.
inline constexpr std::array<std::string_view, 6> kResultFileNames = {"summary.json", "percentiles.csv", "samples.csv",
                                                                     "report.md",    "report.html",     "results.xlsx"};

/// Before a run: creates `dir`, proves a file can be written there (so an unwritable folder or
/// a full disk is reported before the run, not after it), removes the temporary files a killed
/// tcosim left for its outputs (the result files and `other_outputs`, e.g. the checkpoint) and a
/// previous run's summary.json, so that no summary claims to be complete while the new run is
/// unfinished. Nothing else in `dir` is touched. Throws std::runtime_error naming the folder and
/// the system's reason.
void prepare_output_folder(const std::filesystem::path& dir, std::span<const std::string_view> other_outputs = {});

}  // namespace tcosim
