#pragma once
// The files a run leaves behind (MODEL.md section 5 and the run command's contract):
// summary.json, percentiles.csv, report.md, report.html and optionally samples.csv.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "models/scenario.hpp"
#include "models/simulation_result.hpp"

namespace tcosim {

/// summary.json in the key order of MODEL.md section 5 (numbers round-trip exactly).
nlohmann::ordered_json summary_json(const Scenario& s, const SimulationResult& r);
/// Tidy long form: option,metric,statistic,value; decision statistics use metric "decision".
std::string percentiles_csv(const Scenario& s, const SimulationResult& r);
/// One row per recorded trial: trial, every input by path, then <option>.<metric>.
std::string samples_csv(const Scenario& s, const SimulationResult& r);
/// The human report: headline decisions, percentile tables and the mean cost breakdown.
std::string report_markdown(const Scenario& s, const SimulationResult& r);
/// report.html: the same decisions with charts (CDFs, cost breakdown, drivers), one
/// self-contained page: inline CSS and SVG, no script, nothing loaded from anywhere.
/// Stamped "generated <report_generated_utc()>"; otherwise the bytes depend only on s and r.
std::string report_html(const Scenario& s, const SimulationResult& r);
/// The same with the date line given, e.g. fixed in tests.
std::string report_html(const Scenario& s, const SimulationResult& r, std::string_view generated);

/// Creates `dir` if needed and writes every file atomically. All contents are rendered
/// before the first byte is written, so a rendering failure leaves nothing behind.
void write_result_files(const std::filesystem::path& dir, const Scenario& s, const SimulationResult& r);

/// Before a run: creates `dir`, proves a file can be written there (so an unwritable folder or
/// a full disk is reported before the run, not after it), and removes a previous run's
/// summary.json, so that no summary claims to be complete while the new run is unfinished.
/// Throws std::runtime_error naming the folder and the system's reason.
void prepare_output_folder(const std::filesystem::path& dir);

}  // namespace tcosim
