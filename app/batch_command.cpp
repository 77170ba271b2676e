// `tcosim batch` (every scenario found, each into its own folder, recorded in the run
// catalogue, finished work skipped) and `tcosim runs` (the catalogue as a table).
// docs/overnight.md describes both.
#include <fmt/format.h>
#include <fmt/ranges.h>

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
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "app/commands.hpp"
#include "app/flags.hpp"
#include "input/load_scenario.hpp"
#include "report/index_html.hpp"
#include "report/percentile_rows.hpp"
#include "report/result_files.hpp"
#include "run/checkpoint.hpp"
#include "run/rank_reports.hpp"
#include "run/run_catalogue.hpp"
#include "run/simulate.hpp"
#include "run/thread_limit.hpp"
#include "sim/communicator.hpp"
#include "sim/quantile_levels.hpp"
#include "util/atomic_file.hpp"
#include "util/stop_signals.hpp"
#include "util/utc_clock.hpp"
#include "util/version.hpp"

namespace tcosim {

namespace {

namespace fs = std::filesystem;

/// One scenario file of the batch and how it ended.
struct Job {
  std::string file;
  std::optional<Scenario> scenario;
  std::string status = "failed";  ///< ok, failed, skip, interrupted
  std::uint64_t trials = 0;
  std::int64_t run_id = 0;      ///< its catalogue row (rank 0)
  std::vector<ResultRow> rows;  ///< percentiles.csv rows of a finished run, for the catalogue
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
  const auto budget = max_memory_flag(opt.max_memory);
  if (!budget) return 2;
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
  // Under MPI only rank 0 opens the catalogue: one writer, and no SQLite locking across nodes.
  Communicator& comm = Communicator::world();
  std::unique_ptr<RunCatalogue> catalogue;
  try {
    if (comm.is_root()) catalogue = std::make_unique<RunCatalogue>(out / "catalogue.sqlite");
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
      if (comm.is_root()) print_diagnostics(parsed.errors);
      j.error = parsed.errors.empty() ? "invalid scenario" : parsed.errors.front().to_string();
      if (parsed.errors.size() > 1) j.error += fmt::format(" (and {} more)", parsed.errors.size() - 1);
      continue;
    }
    const auto [it, inserted] = first_file_of.emplace(parsed.scenario->name, j.file);
    if (!inserted) {
      j.error = fmt::format("scenario name `{}` is already used by {}; not run (it would overwrite {}/)",
                            parsed.scenario->name, it->second, parsed.scenario->name);
      if (comm.is_root()) fmt::print(stderr, "error: {}: {}\n", j.file, j.error);
      continue;
    }
    j.trials = resolve_run_config(*parsed.scenario, {.trials = opt.trials}).trials;
    j.scenario = std::move(parsed.scenario);
  }

  const ThreadLimit limit(opt.threads);

  const StopSignals signals;
  std::mutex print_mutex;
  auto identity_of = [&](const Job& j) {
    const Scenario& s = *j.scenario;
    return RunIdentity{s.name,
                       s.sha256,
                       s.run.seed,
                       j.trials,
                       std::string(to_string(s.run.sampling)),
                       std::string(kVersion),
                       (out / s.name).string()};
  };
  // Rank 0: whether the job is already done (then its headline comes from the catalogue).
  auto skip_if_done = [&](Job& j) {
    if (opt.force) return false;
    const auto done = catalogue->find_ok(identity_of(j));
    if (!done || !fs::exists(out / j.scenario->name / "summary.json")) return false;
    j.status = "skip";
    set_headline_from_rows(j, catalogue->results(done->id));
    std::lock_guard lock(print_mutex);
    fmt::print(stderr, "skip {}: finished as run {} on {}\n", j.scenario->name, done->id, done->finished_at);
    return true;
  };
  // Runs one scenario on this process (any rank); the catalogue is rank 0's business.
  auto execute = [&](Job& j) {
    const Scenario& s = *j.scenario;
    const auto start = std::chrono::steady_clock::now();
    const fs::path dir = out / s.name;
    {
      std::lock_guard lock(print_mutex);
      fmt::print(stderr, "start {} ({}, {} trials{})\n", s.name, j.file, j.trials,
                 comm.distributed() ? fmt::format(", rank {}", comm.rank()) : std::string());
    }
    try {
      RunConfig cfg = resolve_run_config(s, {.trials = j.trials});
      cfg.max_memory_bytes = *budget;
      cfg.checkpoint = {dir / kCheckpointFileName, opt.checkpoint_interval, true, s.sha256};
      cfg.stop = &StopSignals::flag();
      prepare_output_folder(dir);
      SimulationResult result;
      try {
        result = simulate(s, cfg);
      } catch (const CheckpointError& e) {
        // A batch re-run resumes what it can; a checkpoint it cannot use (the scenario or
        // --trials changed since, or the file is damaged) is dropped and the scenario starts over.
        {
          std::lock_guard lock(print_mutex);
          fmt::print(stderr, "note: {}; starting {} over\n", e.what(), s.name);
        }
        std::error_code ec;
        fs::remove(cfg.checkpoint.file, ec);
        result = simulate(s, cfg);
      }
      write_result_files(dir, s, result);
      std::error_code ec;
      fs::remove(cfg.checkpoint.file, ec);
      j.status = "ok";
      j.trials = result.trials;
      j.rows = result_rows(s, result);
      set_headline_from_result(j, s, result);
    } catch (const RunInterrupted& e) {
      j.status = "interrupted";
      j.error =
          fmt::format("interrupted by {} after {} trials; re-run the batch to resume", signal_name(e.signal), e.trials);
    } catch (const std::exception& e) {
      j.status = "failed";
      j.error = e.what();
    }
    j.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::lock_guard lock(print_mutex);
    if (j.status == "ok")
      fmt::print(stderr, "done {} in {:.2f} s -> {}/\n", s.name, j.wall_s, dir.string());
    else
      fmt::print(stderr, "{}: {}: {}\n", j.status == "interrupted" ? "stopped" : "error", j.file, j.error);
  };
  // Rank 0: the job's catalogue row gets its ending.
  auto record = [&](Job& j) {
    try {
      if (j.status == "ok")
        catalogue->finish_ok(j.run_id, j.rows);
      else if (j.status == "interrupted")
        catalogue->mark_interrupted(j.run_id);
      else
        catalogue->finish_failed(j.run_id, j.error);
    } catch (const std::exception& e) {  // the catalogue itself failed
      j.status = "failed";
      j.error = e.what();
    }
  };
  auto begin = [&](Job& j) {
    try {
      j.run_id = catalogue->begin_run(identity_of(j));
      return true;
    } catch (const std::exception& e) {
      j.error = e.what();
      return false;
    }
  };

  if (!comm.distributed()) {
    // --jobs K: K workers take the next scenario in order; every run shares the TBB pool.
    // After SIGINT/SIGTERM no new scenario starts; running ones checkpoint and stop.
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
      for (std::size_t i = next++; i < jobs.size() && StopSignals::flag().load() == 0; i = next++) {
        Job& j = jobs[i];
        if (!j.scenario || skip_if_done(j) || !begin(j)) continue;
        execute(j);
        record(j);
      }
    };
    const unsigned workers = std::max(1u, std::min<unsigned>(opt.jobs, static_cast<unsigned>(jobs.size())));
    std::vector<std::thread> pool;
    for (unsigned w = 1; w < workers; ++w) pool.emplace_back(worker);
    worker();
    for (std::thread& t : pool) t.join();
  } else {
    // MPI: rank 0 decides what runs and opens the catalogue rows; scenario k of the rest runs
    // on rank k mod P (each with all of its rank's threads); rank 0 gathers the endings.
    std::string plan;
    if (comm.is_root())
      for (Job& j : jobs) plan += j.scenario && !skip_if_done(j) && begin(j) ? '1' : '0';
    comm.broadcast(plan);
    std::vector<std::size_t> to_run;
    for (std::size_t i = 0; i < jobs.size(); ++i)
      if (plan[i] == '1') to_run.push_back(i);
    nlohmann::json mine = nlohmann::json::array();
    for (std::size_t k = comm.rank(); k < to_run.size(); k += comm.size()) {
      Job& j = jobs[to_run[k]];
      if (StopSignals::flag().load() != 0) {
        j.status = "interrupted";
        j.error = "not started: the batch was stopped";
      } else {
        execute(j);
      }
      nlohmann::json rows = nlohmann::json::array();
      for (const ResultRow& r : j.rows) rows.push_back({r.option, r.metric, r.statistic, r.value});
      mine.push_back({{"job", to_run[k]},
                      {"status", j.status},
                      {"trials", j.trials},
                      {"wall_s", j.wall_s},
                      {"error", j.error},
                      {"rows", std::move(rows)}});
    }
    const auto others = reports_from_other_ranks(comm, mine);
    if (!others) return 0;
    for (const nlohmann::json& e : *others) {
      Job& j = jobs[e.at("job").get<std::size_t>()];
      j.status = e.at("status").get<std::string>();
      j.trials = e.at("trials").get<std::uint64_t>();
      j.wall_s = e.at("wall_s").get<double>();
      j.error = e.at("error").get<std::string>();
      for (const auto& row : e.at("rows"))
        j.rows.push_back(
            {row[0].get<std::string>(), row[1].get<std::string>(), row[2].get<std::string>(), row[3].get<double>()});
      if (j.status == "ok") set_headline_from_rows(j, j.rows);
    }
    for (const std::size_t i : to_run) record(jobs[i]);
  }

  std::vector<std::vector<std::string>> rows;
  bool failed = false;
  for (const Job& j : jobs) {
    failed = failed || j.status == "failed" || j.status == "interrupted";
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
  if (const int sig = StopSignals::flag().load(); sig != 0) {
    fmt::print(stderr, "batch stopped by {}: re-run the same command to resume\n", signal_name(sig));
    return 128 + sig;
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
