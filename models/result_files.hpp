#pragma once
// The files a run leaves behind (MODEL.md section 5 and the run command's contract):
// summary.json, percentiles.csv, report.md and optionally samples.csv.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "models/scenario.hpp"
#include "models/simulation.hpp"

namespace tcosim {

/// summary.json in the key order of MODEL.md section 5 (numbers round-trip exactly).
nlohmann::ordered_json summary_json(const Scenario& s, const SimulationResult& r);
/// Tidy long form: option,metric,statistic,value; decision statistics use metric "decision".
std::string percentiles_csv(const Scenario& s, const SimulationResult& r);
/// One row per recorded trial: trial, every input by path, then <option>.<metric>.
std::string samples_csv(const Scenario& s, const SimulationResult& r);
/// The human report: headline decisions, percentile tables and the mean cost breakdown.
std::string report_markdown(const Scenario& s, const SimulationResult& r);

/// Creates `dir` if needed and writes every file atomically. All contents are rendered
/// before the first byte is written, so a rendering failure leaves nothing behind.
void write_result_files(const std::filesystem::path& dir, const Scenario& s, const SimulationResult& r);

}  // namespace tcosim
