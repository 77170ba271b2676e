// `tcosim batch` (run/batch.hpp: every scenario found, each into its own folder, recorded in
// the run catalogue, finished work skipped) and `tcosim runs` (the catalogue as a table).
// docs/overnight.md describes both.
#include <fmt/format.h>

#include <algorithm>
#include <exception>
#include <filesystem>

#include "app/commands.hpp"
#include "app/flags.hpp"
#include "app/table.hpp"
#include "report/index_html.hpp"
#include "run/batch.hpp"
#include "run/run_catalogue.hpp"
#include "run/thread_limit.hpp"
#include "util/atomic_file.hpp"
#include "util/stop_signals.hpp"
#include "util/utc_clock.hpp"

namespace tcosim {

namespace {

/// The closing table: one row per job, "-" where a value does not apply.
TextTable closing_table(const std::vector<BatchJob>& jobs) {
  TextTable table{{"scenario", "file", "status", "trials", "wall s", "cheapest at P50", "P50 total cost", "error"},
                  {false, false, false, true, true, false, true, false},
                  {}};
  for (const BatchJob& j : jobs) {
    const bool failed = j.status == JobStatus::Failed;
    const bool has_numbers = !failed && !j.cheapest.empty();
    table.rows.push_back({j.scenario.empty() ? "-" : j.scenario, j.file, std::string(to_string(j.status)),
                          failed ? "-" : fmt::format("{}", j.trials),
                          j.status == JobStatus::Ok ? fmt::format("{:.2f}", j.wall_s) : "-",
                          has_numbers ? j.cheapest : "-", has_numbers ? fmt::format("{:.0f}", j.cheapest_p50) : "-",
                          failed ? first_line(j.error) : ""});
  }
  return table;
}

}  // namespace

int batch_command(const BatchOptions& opt) {
  const auto budget = max_memory_flag(opt.max_memory);
  if (!budget) return 2;
  const BatchSpec spec{opt.paths, opt.out_dir, opt.trials, opt.jobs, opt.force, opt.sets, opt.checkpoint_interval,
                       *budget};
  const ThreadLimit limit(opt.threads);
  const StopSignals signals;
  std::optional<std::vector<BatchJob>> jobs;
  try {
    jobs = run_batch(spec);
  } catch (const std::exception& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return 1;
  }
  if (!jobs) return 0;  // another rank than 0: rank 0 reports
  fmt::print("\n{}", closing_table(*jobs).render());
  try {
    write_file_atomically(batch_folder(spec) / "index.html", batch_index_html(*jobs, report_generated_utc()));
  } catch (const std::exception& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return 1;
  }
  if (const int sig = StopSignals::flag().load(); sig != 0) {
    fmt::print(stderr, "batch stopped by {}: re-run the same command to resume\n", signal_name(sig));
    return 128 + sig;
  }
  const bool failed = std::any_of(jobs->begin(), jobs->end(), [](const BatchJob& j) {
    return j.status == JobStatus::Failed || j.status == JobStatus::Interrupted;
  });
  return failed ? 1 : 0;
}

int runs_command(const RunsOptions& opt) {
  if (!std::filesystem::exists(opt.db)) {
    fmt::print(stderr, "error: no run catalogue at {} (tcosim batch ... --out DIR writes DIR/catalogue.sqlite)\n",
               opt.db);
    return 1;
  }
  try {
    RunCatalogue catalogue(opt.db, /*read_only=*/true);
    TextTable table{{"id", "scenario", "status", "trials", "seed", "sampling", "sha256", "version", "started",
                     "finished", "out_dir", "error"},
                    {true, false, false, true, true, false, false, false, false, false, false, false},
                    {}};
    for (const RunRecord& r : catalogue.runs())
      table.rows.push_back({std::to_string(r.id), r.identity.scenario, r.status, std::to_string(r.identity.trials),
                            std::to_string(r.identity.seed), std::string(to_string(r.identity.sampling)),
                            r.identity.scenario_sha256.substr(0, 12), r.identity.tcosim_version, r.started_at,
                            r.finished_at.empty() ? "-" : r.finished_at, r.out_dir, first_line(r.error)});
    fmt::print("{}", table.render());
  } catch (const std::exception& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return 1;
  }
  return 0;
}

}  // namespace tcosim
