// `tcosim batch` (run/batch.hpp: every scenario found, each into its own folder, recorded in
// the run catalogue, finished work skipped) and `tcosim runs` (the catalogue as a table).
// docs/overnight.md describes both.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <exception>
#include <filesystem>
#include <memory>

#include "app/commands.hpp"
#include "app/flags.hpp"
#include "app/table.hpp"
#include "report/index_html.hpp"
#include "report/results_xlsx.hpp"
#include "run/batch.hpp"
#include "run/output_lock.hpp"
#include "run/run_catalogue.hpp"
#include "run/thread_limit.hpp"
#include "util/atomic_file.hpp"
#include "util/error_text.hpp"
#include "util/stop_signals.hpp"
#include "util/utc_clock.hpp"

namespace tcosim {

namespace {

/// A whole amount for the closing table; "-" when there is none.
std::string whole(double v) { return std::isnan(v) ? "-" : fmt::format("{:.0f}", v); }

bool any_format2(const std::vector<BatchJob>& jobs) {
  return std::any_of(jobs.begin(), jobs.end(), [](const BatchJob& j) { return j.format >= 2; });
}

/// The closing table: one row per job, "-" where a value does not apply. Format-2 jobs
/// (MODEL.md 7) are compared on npv_cost and show their cheapest option's peak cash, in columns
/// that appear only when the batch has such a job (a format-1 batch prints as it always did).
TextTable closing_table(const std::vector<BatchJob>& jobs) {
  const bool f2 = any_format2(jobs);
  TextTable table{{"scenario", "file", "status", "trials", "wall s", "cheapest at P50", "P50 total cost"},
                  {false, false, false, true, true, false, true},
                  {}};
  if (f2) {
    table.header.insert(table.header.end(), {"P50 NPV cost", "P50 peak cash", "P95 peak cash"});
    table.right.insert(table.right.end(), {true, true, true});
  }
  table.header.push_back("error");
  table.right.push_back(false);
  for (const BatchJob& j : jobs) {
    const bool failed = j.status == JobStatus::Failed;
    const bool has_numbers = !failed && !j.cheapest.empty();
    const bool npv = has_numbers && j.format >= 2;
    std::vector<std::string> row{j.scenario.empty() ? "-" : j.scenario,
                                 j.file,
                                 std::string(to_string(j.status)),
                                 failed ? "-" : fmt::format("{}", j.trials),
                                 j.status == JobStatus::Ok ? fmt::format("{:.2f}", j.wall_s) : "-",
                                 has_numbers ? j.cheapest : "-",
                                 has_numbers && !npv ? whole(j.cheapest_p50) : "-"};
    if (f2)
      row.insert(row.end(), {npv ? whole(j.cheapest_p50) : "-", npv ? whole(j.peak_cash_p50) : "-",
                             npv ? whole(j.peak_cash_p95) : "-"});
    row.push_back(failed ? first_line(j.error) : "");
    table.rows.push_back(std::move(row));
  }
  return table;
}

}  // namespace

int batch_command(const BatchOptions& opt) {
  const auto budget = max_memory_flag(opt.max_memory);
  if (!budget) return 2;
  const BatchSpec spec{opt.paths, opt.out_dir,       opt.trials, opt.jobs, opt.force, opt.sets, opt.checkpoint_interval,
                       *budget,   {.xlsx = opt.xlsx}};
  const ThreadLimit limit(opt.threads);
  const StopSignals signals;
  std::optional<std::vector<BatchJob>> jobs;
  std::unique_ptr<FolderLock> lock;  // held until index.html is written
  try {
    lock = lock_output_folder(Communicator::world(), batch_folder(spec));
    jobs = run_batch(spec);
  } catch (const std::exception& e) {
    fmt::print(stderr, "error: {}\n", error_text(e));
    return 1;
  }
  if (!jobs) return 0;  // another rank than 0: rank 0 reports
  fmt::print("\n{}", closing_table(*jobs).render());
  try {
    write_file_atomically(batch_folder(spec) / "index.html", batch_index_html(*jobs, report_generated_utc()));
    if (opt.xlsx) write_file_atomically(batch_folder(spec) / "batch.xlsx", batch_overview_xlsx(*jobs));
  } catch (const std::exception& e) {
    fmt::print(stderr, "error: {}\n", error_text(e));
    return 1;
  }
  if (const int sig = StopSignals::flag().load(); sig != 0) {
    fmt::print(stderr, "batch stopped by {}: re-run the same command to resume\n", signal_name(sig));
    return 128 + sig;
  }
  const bool failed = std::any_of(jobs->begin(), jobs->end(), [](const BatchJob& j) {
    return j.status == JobStatus::Failed || j.status == JobStatus::Interrupted || j.status == JobStatus::NotStarted;
  });
  return failed ? 1 : 0;
}

namespace {

/// `tcosim runs`: one row per catalogue run. When a run is format 2 (its results have npv_cost),
/// each finished run also shows its headline as the batch closing table does: the cheapest
/// option at P50, its P50 cost and, in format 2, its P50 peak cash.
TextTable runs_table(RunCatalogue& catalogue) {
  const std::vector<RunRecord> runs = catalogue.runs();
  std::vector<BatchJob> headlines(runs.size());
  for (std::size_t i = 0; i < runs.size(); ++i)
    if (runs[i].status == "ok") set_headline(headlines[i], catalogue.results(runs[i].id));
  const bool f2 = any_format2(headlines);
  TextTable table{{"id", "scenario", "status", "trials", "seed", "sampling", "sha256", "version", "started", "finished",
                   "out_dir", "error"},
                  {true, false, false, true, true, false, false, false, false, false, false, false},
                  {}};
  if (f2) {
    table.header.insert(table.header.end() - 1, {"cheapest at P50", "P50 total cost", "P50 NPV cost", "P50 peak cash"});
    table.right.insert(table.right.end() - 1, {false, true, true, true});
  }
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const RunRecord& r = runs[i];
    const BatchJob& h = headlines[i];
    std::vector<std::string> row{std::to_string(r.id),
                                 r.identity.scenario,
                                 r.status,
                                 std::to_string(r.identity.trials),
                                 std::to_string(r.identity.seed),
                                 std::string(to_string(r.identity.sampling)),
                                 r.identity.scenario_sha256.substr(0, 12),
                                 r.identity.tcosim_version,
                                 r.started_at,
                                 r.finished_at.empty() ? "-" : r.finished_at,
                                 r.out_dir};
    const bool npv = h.format >= 2;
    if (f2)
      row.insert(row.end(), {h.cheapest.empty() ? "-" : h.cheapest, npv ? "-" : whole(h.cheapest_p50),
                             npv ? whole(h.cheapest_p50) : "-", npv ? whole(h.peak_cash_p50) : "-"});
    row.push_back(first_line(r.error));
    table.rows.push_back(std::move(row));
  }
  return table;
}

}  // namespace

int runs_command(const RunsOptions& opt) {
  if (!std::filesystem::exists(opt.db)) {
    fmt::print(stderr, "error: no run catalogue at {} (tcosim batch ... --out DIR writes DIR/catalogue.sqlite)\n",
               opt.db);
    return 1;
  }
  try {
    RunCatalogue catalogue(opt.db, /*read_only=*/true);
    fmt::print("{}", runs_table(catalogue).render());
  } catch (const std::exception& e) {
    fmt::print(stderr, "error: {}\n", error_text(e));
    return 1;
  }
  return 0;
}

}  // namespace tcosim
