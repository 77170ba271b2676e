// `tcosim batch` (every scenario found, each into its own folder, recorded in the run
// catalogue, finished work skipped) and `tcosim runs` (the catalogue as a table).
// docs/overnight.md describes both.
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <tbb/global_control.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <exception>
#include <filesystem>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

#include "app/commands.hpp"
#include "app/load_scenario.hpp"
#include "models/index_html.hpp"
#include "models/result_files.hpp"
#include "models/run_catalogue.hpp"
#include "models/simulation.hpp"
#include "sim/atomic_file.hpp"
#include "sim/quantile_levels.hpp"
#include "sim/version.hpp"

namespace tcosim {

namespace {

namespace fs = std::filesystem;

/// One scenario file of the batch and how it ended.
struct Job {
  std::string file;
  std::optional<Scenario> scenario;
  std::string status = "failed";  ///< ok, failed, skip
  std::uint64_t trials = 0;
  double wall_s = 0.0;
  std::string cheapest;  ///< option with the lowest P50 total cost
  double cheapest_p50 = std::numeric_limits<double>::quiet_NaN();
  std::string error;
};

/// Files named on the command line as given; folders searched recursively for *.yaml, each
/// folder's files in sorted order. A path that does not exist becomes a failed job.
std::vector<Job> find_jobs(const std::vector<std::string>& paths) {
  std::vector<Job> jobs;
  std::set<std::string> seen;
  auto add = [&](const fs::path& p) {
    const std::string key = fs::absolute(p).lexically_normal().string();
    if (!seen.insert(key).second) return;
    Job j;
    j.file = p.string();
    jobs.push_back(std::move(j));
  };
  for (const std::string& path : paths) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      std::vector<fs::path> found;
      for (auto it = fs::recursive_directory_iterator(path, fs::directory_options::skip_permission_denied, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
        if (it->is_regular_file() && it->path().extension() == ".yaml") found.push_back(it->path());
      std::sort(found.begin(), found.end());
      for (const fs::path& p : found) add(p);
      if (ec) {
        Job j;
        j.file = path;
        j.error = fmt::format("cannot search the folder: {}", ec.message());
        jobs.push_back(std::move(j));
      }
    } else {
      add(path);  // a missing file is reported by the parser
    }
  }
  return jobs;
}

std::string sampling_name(Sampling s) { return s == Sampling::Lhs ? "lhs" : "random"; }

void set_headline_from_result(Job& j, const Scenario& s, const SimulationResult& r) {
  for (std::size_t o = 0; o < s.options.size(); ++o) {
    const double p50 = r.options[o].metrics[kTotalCost].quantiles[kP50Index];
    if (j.cheapest.empty() || p50 < j.cheapest_p50) {
      j.cheapest = s.options[o].name;
      j.cheapest_p50 = p50;
    }
  }
}

void set_headline_from_rows(Job& j, const std::vector<ResultRow>& rows) {
  for (const ResultRow& row : rows)
    if (row.metric == "total_cost" && row.statistic == "p50" && (j.cheapest.empty() || row.value < j.cheapest_p50)) {
      j.cheapest = row.option;
      j.cheapest_p50 = row.value;
    }
}

std::string first_line(const std::string& s) { return s.substr(0, s.find('\n')); }

/// A plain-text table with columns padded to their widest cell; `right` marks numeric columns.
void print_table(std::FILE* out, const std::vector<std::string>& header, const std::vector<bool>& right,
                 const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> width(header.size());
  for (std::size_t c = 0; c < header.size(); ++c) width[c] = header[c].size();
  for (const auto& row : rows)
    for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
  auto line = [&](const std::vector<std::string>& cells) {
    std::string text;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      if (c > 0) text += "  ";
      text += right[c] ? fmt::format("{:>{}}", cells[c], width[c]) : fmt::format("{:<{}}", cells[c], width[c]);
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    fmt::print(out, "{}\n", text);
  };
  line(header);
  std::vector<std::string> rule;
  for (std::size_t w : width) rule.emplace_back(w, '-');
  line(rule);
  for (const auto& row : rows) line(row);
}

}  // namespace

int batch_command(const BatchOptions& opt) {
  std::vector<Job> jobs = find_jobs(opt.paths);
  if (jobs.empty()) {
    fmt::print(stderr, "error: no *.yaml scenario found in {}\n", fmt::join(opt.paths, ", "));
    return 1;
  }
  const fs::path out = fs::absolute(opt.out_dir).lexically_normal();
  std::error_code ec;
  fs::create_directories(out, ec);
  if (ec) {
    fmt::print(stderr, "error: cannot create output folder {}: {}\n", out.string(), ec.message());
    return 1;
  }
  std::unique_ptr<RunCatalogue> catalogue;
  try {
    catalogue = std::make_unique<RunCatalogue>(out / "catalogue.sqlite");
  } catch (const std::exception& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return 1;
  }

  // Parse everything first (cheap): broken files and name clashes are known before hours of runs.
  std::map<std::string, std::string> first_file_of;
  for (Job& j : jobs) {
    if (!j.error.empty()) continue;
    ParseResult parsed = load_scenario(j.file, ParseOptions{.repair_correlations = false, .overrides = opt.sets});
    if (!parsed.scenario) {
      print_diagnostics(parsed.errors);
      j.error = parsed.errors.empty() ? "invalid scenario" : parsed.errors.front().to_string();
      if (parsed.errors.size() > 1) j.error += fmt::format(" (and {} more)", parsed.errors.size() - 1);
      continue;
    }
    const auto [it, inserted] = first_file_of.emplace(parsed.scenario->name, j.file);
    if (!inserted) {
      j.error = fmt::format("scenario name `{}` is already used by {}; not run (it would overwrite {}/)",
                            parsed.scenario->name, it->second, parsed.scenario->name);
      fmt::print(stderr, "error: {}: {}\n", j.file, j.error);
      continue;
    }
    j.trials = opt.trials.value_or(parsed.scenario->run.trials);
    j.scenario = std::move(parsed.scenario);
  }

  std::unique_ptr<tbb::global_control> limit;
  if (opt.threads > 0)
    limit = std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism, opt.threads);

  std::mutex print_mutex;
  auto run_job = [&](Job& j) {
    const Scenario& s = *j.scenario;
    const auto start = std::chrono::steady_clock::now();
    const fs::path dir = out / s.name;
    const RunIdentity id{
        s.name, s.sha256, s.run.seed, j.trials, sampling_name(s.run.sampling), std::string(kVersion), dir.string()};
    try {
      if (!opt.force)
        if (const auto done = catalogue->find_ok(id); done && fs::exists(dir / "summary.json")) {
          j.status = "skip";
          set_headline_from_rows(j, catalogue->results(done->id));
          std::lock_guard lock(print_mutex);
          fmt::print(stderr, "skip {}: finished as run {} on {}\n", s.name, done->id, done->finished_at);
          return;
        }
      {
        std::lock_guard lock(print_mutex);
        fmt::print(stderr, "start {} ({}, {} trials)\n", s.name, j.file, j.trials);
      }
      const std::int64_t run_id = catalogue->begin_run(id);
      try {
        RunConfig cfg;
        cfg.trials = j.trials;
        cfg.seed = s.run.seed;
        cfg.sampling = s.run.sampling;
        const SimulationResult result = simulate(s, cfg);
        write_result_files(dir, s, result);
        catalogue->finish_ok(run_id, result_rows(s, result));
        j.status = "ok";
        j.trials = result.trials;
        set_headline_from_result(j, s, result);
      } catch (const std::exception& e) {
        j.error = e.what();
        catalogue->finish_failed(run_id, j.error);
      }
    } catch (const std::exception& e) {  // the catalogue itself failed
      j.error = e.what();
    }
    j.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::lock_guard lock(print_mutex);
    if (j.status == "ok")
      fmt::print(stderr, "done {} in {:.2f} s -> {}/\n", s.name, j.wall_s, dir.string());
    else
      fmt::print(stderr, "error: {}: {}\n", j.file, j.error);
  };

  // --jobs K: K workers take the next scenario in order; every run shares the TBB pool.
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i = next++; i < jobs.size(); i = next++)
      if (jobs[i].scenario) run_job(jobs[i]);
  };
  const unsigned workers = std::max(1u, std::min<unsigned>(opt.jobs, static_cast<unsigned>(jobs.size())));
  std::vector<std::thread> pool;
  for (unsigned w = 1; w < workers; ++w) pool.emplace_back(worker);
  worker();
  for (std::thread& t : pool) t.join();

  std::vector<std::vector<std::string>> rows;
  bool failed = false;
  for (const Job& j : jobs) {
    failed = failed || j.status == "failed";
    const bool has_numbers = j.status != "failed" && !j.cheapest.empty();
    rows.push_back({j.scenario ? j.scenario->name : "-", j.file, j.status,
                    j.status == "failed" ? "-" : fmt::format("{}", j.trials),
                    j.status == "ok" ? fmt::format("{:.2f}", j.wall_s) : "-", has_numbers ? j.cheapest : "-",
                    has_numbers ? fmt::format("{:.0f}", j.cheapest_p50) : "-",
                    j.status == "failed" ? first_line(j.error) : ""});
  }
  fmt::print("\n");
  print_table(stdout, {"scenario", "file", "status", "trials", "wall s", "cheapest at P50", "P50 total cost", "error"},
              {false, false, false, true, true, false, true, false}, rows);
  std::vector<BatchIndexRow> index;
  for (const Job& j : jobs) {
    const std::string name = j.scenario ? j.scenario->name : "";
    const bool linked = !name.empty() && j.status != "failed" && fs::exists(out / name / "report.html");
    index.push_back({name, j.file, j.status, j.trials, j.wall_s, j.cheapest, j.cheapest_p50, j.error,
                     linked ? name + "/report.html" : ""});
  }
  try {
    write_file_atomically(out / "index.html", batch_index_html(index, report_generated_utc()));
  } catch (const std::exception& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return 1;
  }
  return failed ? 1 : 0;
}

int runs_command(const RunsOptions& opt) {
  if (!fs::exists(opt.db)) {
    fmt::print(stderr, "error: no run catalogue at {} (tcosim batch ... --out DIR writes DIR/catalogue.sqlite)\n",
               opt.db);
    return 1;
  }
  try {
    RunCatalogue catalogue(opt.db, /*read_only=*/true);
    std::vector<std::vector<std::string>> rows;
    for (const RunRecord& r : catalogue.runs())
      rows.push_back({std::to_string(r.id), r.identity.scenario, r.status, std::to_string(r.identity.trials),
                      std::to_string(r.identity.seed), r.identity.sampling, r.identity.scenario_sha256.substr(0, 12),
                      r.identity.tcosim_version, r.started_at, r.finished_at.empty() ? "-" : r.finished_at,
                      r.identity.out_dir, first_line(r.error)});
    print_table(stdout,
                {"id", "scenario", "status", "trials", "seed", "sampling", "sha256", "version", "started", "finished",
                 "out_dir", "error"},
                {true, false, false, true, true, false, false, false, false, false, false, false}, rows);
  } catch (const std::exception& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return 1;
  }
  return 0;
}

}  // namespace tcosim
