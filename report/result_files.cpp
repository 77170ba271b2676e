#include "report/result_files.hpp"

#include <stdexcept>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "report/percentile_rows.hpp"
#include "report/report_html.hpp"
#include "report/report_markdown.hpp"
#include "report/results_xlsx.hpp"
#include "report/samples_csv.hpp"
#include "report/summary_json.hpp"
#include "util/atomic_file.hpp"

namespace tcosim {

namespace {

void create_output_folder(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw std::runtime_error("cannot create output folder " + dir.string() + ": " + ec.message());
}

}  // namespace

std::string ResultFileOptions::to_string() const { return xlsx ? "xlsx" : "no optional files"; }

void write_result_files(const std::filesystem::path& dir, const Scenario& s, const SimulationResult& r,
                        const ResultFileOptions& options) {
  // summary.json goes last: its presence marks a complete set of results.
  std::vector<std::pair<std::string, std::string>> files = {
      {"percentiles.csv", percentiles_csv(s, r)},
      {"report.md", report_markdown(s, r)},
      {"report.html", report_html(s, r)},
  };
  if (r.samples.rows > 0) files.emplace_back("samples.csv", samples_csv(s, r));
  if (options.xlsx) files.emplace_back("results.xlsx", results_xlsx(s, r));
  files.emplace_back("summary.json", summary_json(s, r).dump(2) + "\n");
  create_output_folder(dir);
  for (const auto& [name, content] : files) write_file_atomically(dir / name, content);
}

void prepare_output_folder(const std::filesystem::path& dir, std::span<const std::string_view> other_outputs) {
  create_output_folder(dir);
  constexpr std::string_view kProbe = ".tcosim-write-test";
  const std::filesystem::path probe = dir / kProbe;
  write_file_atomically(probe, std::string(4096, '\n'));
  std::error_code ec;
  std::filesystem::remove(probe, ec);
  // Temporary files of a tcosim process killed while writing; nothing else of the folder.
  std::vector<std::string_view> outputs(kResultFileNames.begin(), kResultFileNames.end());
  outputs.push_back(kProbe);
  outputs.insert(outputs.end(), other_outputs.begin(), other_outputs.end());
  remove_stale_temp_files(dir, outputs);
  std::filesystem::remove(dir / "summary.json", ec);
  if (ec)
    throw std::runtime_error("cannot remove the previous " + (dir / "summary.json").string() + ": " + ec.message());
}

}  // namespace tcosim
