#include "run/batch.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <thread>

#include "input/load_scenario.hpp"
#include "report/percentile_rows.hpp"
#include "report/result_files.hpp"
#include "run/checkpoint.hpp"
#include "run/run_catalogue.hpp"
#include "run/run_identity.hpp"
#include "run/share_out.hpp"
#include "run/simulate.hpp"
#include "sim/communicator.hpp"
#include "util/error_text.hpp"
#include "util/folder_lock.hpp"
#include "util/stop_signals.hpp"
#include "util/version.hpp"
#include "util/visible_text.hpp"

namespace tcosim {

namespace {

namespace fs = std::filesystem;

/// A job while the batch works on it: what it needs besides what it reports.
struct Work {
  BatchJob job;
  std::optional<Scenario> scenario;  ///< set once parsed and its name is its own
  std::int64_t run_id = 0;           ///< its catalogue row (rank 0)
  std::vector<ResultRow> rows;       ///< percentiles.csv rows of a finished run, for the catalogue
  bool taken = false;                ///< a worker took it (one process): it ran, was skipped or failed to begin
};

/// Files named as given; folders searched recursively for *.yaml, each folder's files in sorted
/// order; a file named twice runs once. A folder that cannot be searched becomes a failed job.
std::vector<Work> find_jobs(const std::vector<std::string>& paths) {
  std::vector<Work> jobs;
  std::set<std::string> seen;
  auto add = [&](const fs::path& p, std::string error = {}) {
    if (error.empty() && !seen.insert(fs::absolute(p).lexically_normal().string()).second) return;
    Work w;
    w.job.file = p.string();
    w.job.error = std::move(error);
    jobs.push_back(std::move(w));
  };
  for (const std::string& path : paths) {
    std::error_code ec;
    if (!fs::is_directory(path, ec)) {
      add(path);  // a missing file is reported by the parser
      continue;
    }
    std::vector<fs::path> found;
    for (auto it = fs::recursive_directory_iterator(path, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
      if (it->is_regular_file() && it->path().extension() == ".yaml") found.push_back(it->path());
    std::sort(found.begin(), found.end());
    for (const fs::path& p : found) add(p);
    if (ec) add(path, fmt::format("cannot search the folder: {}", ec.message()));
  }
  return jobs;
}

/// Parses every job's file; a broken file or a name already taken fails the job (rank 0 says so).
void parse_all(const BatchSpec& spec, bool root, std::vector<Work>& jobs) {
  std::map<std::string, std::string> first_file_of;
  for (Work& w : jobs) {
    if (!w.job.error.empty()) continue;
    ParseResult parsed = load_scenario(w.job.file, ParseOptions{.repair_correlations = false, .overrides = spec.sets});
    if (!parsed.scenario) {
      if (root) print_diagnostics(parsed.errors);
      w.job.error = parsed.errors.empty() ? "invalid scenario" : parsed.errors.front().to_string();
      if (parsed.errors.size() > 1) w.job.error += fmt::format(" (and {} more)", parsed.errors.size() - 1);
      continue;
    }
    const auto [it, inserted] = first_file_of.emplace(parsed.scenario->name, w.job.file);
    if (!inserted) {
      w.job.error = fmt::format("scenario name `{}` is already used by {}; not run (it would overwrite {}/)",
                                parsed.scenario->name, it->second, parsed.scenario->name);
      if (root) fmt::print(stderr, "error: {}: {}\n", visible_text(w.job.file), w.job.error);
      continue;
    }
    w.job.trials = resolve_run_config(*parsed.scenario, {.trials = spec.trials}).trials;
    w.job.scenario = parsed.scenario->name;
    w.scenario = std::move(parsed.scenario);
  }
}

/// A job's ending as rank k sends it to rank 0.
nlohmann::json encode(const Work& w) {
  nlohmann::json rows = nlohmann::json::array();
  for (const ResultRow& r : w.rows) rows.push_back({r.option, r.metric, r.statistic, r.value});
  return {{"status", static_cast<int>(w.job.status)},
          {"trials", w.job.trials},
          {"wall_s", w.job.wall_s},
          {"error", w.job.error},
          {"rows", std::move(rows)}};
}

void decode(const nlohmann::json& e, Work& w) {
  w.job.status = static_cast<JobStatus>(e.at("status").get<int>());
  w.job.trials = e.at("trials").get<std::uint64_t>();
  w.job.wall_s = e.at("wall_s").get<double>();
  w.job.error = e.at("error").get<std::string>();
  for (const auto& row : e.at("rows"))
    w.rows.push_back(
        {row[0].get<std::string>(), row[1].get<std::string>(), row[2].get<std::string>(), row[3].get<double>()});
  if (w.job.status == JobStatus::Ok) set_headline(w.job, w.rows);
}

bool stopping() { return StopSignals::flag().load() != 0; }

/// Runs the parsed jobs of one batch; the catalogue is rank 0's alone (one writer, and no
/// SQLite locking across nodes), so under MPI only rank 0 has one; there two threads may
/// record at once (its own job's ending and another rank's), which the catalogue allows.
class BatchRunner {
 public:
  BatchRunner(const BatchSpec& spec, fs::path out, Communicator& comm, RunCatalogue* catalogue)
      : spec_(spec), out_(std::move(out)), comm_(comm), catalogue_(catalogue) {}

  /// One process: `spec.jobs` workers take the next job in order; every run shares the TBB pool.
  void run_here(std::vector<Work>& jobs) {
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
      for (std::size_t i = next++; i < jobs.size() && !stopping(); i = next++) {
        Work& w = jobs[i];
        w.taken = true;
        if (!w.scenario || skip_if_done(w) || !begin(w)) continue;
        execute(w);
        record(w);
      }
    };
    const unsigned workers = std::max(1u, std::min<unsigned>(spec_.jobs, static_cast<unsigned>(jobs.size())));
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < workers; ++t) pool.emplace_back(worker);
    worker();
    for (std::thread& t : pool) t.join();
    // Those the stop left untouched: shown and recorded as not started, not as failed.
    for (Work& w : jobs)
      if (w.scenario && !w.taken) {
        w.job.status = JobStatus::NotStarted;
        w.job.error = kNotStarted;
        record_unrun(w, dir_of(w));
      }
  }

  /// Rank 0: records the jobs whose files did not parse (or whose name was taken) as failed,
  /// with their errors, before anything runs.
  void record_unparsed(std::vector<Work>& jobs) {
    for (Work& w : jobs)
      if (!w.scenario && !w.job.error.empty()) record_unrun(w, "");
  }

  /// MPI: rank 0 decides what runs and opens its catalogue rows; job k of those runs on rank
  /// k mod P (with all of its rank's threads). Rank 0 records every ending as it happens: its
  /// own as it runs them (on a second thread), the other ranks' as each arrives, so a job
  /// killed later keeps in the catalogue what any rank finished before. Returns whether this
  /// is rank 0.
  bool run_on_ranks(std::vector<Work>& jobs) {
    std::string plan;
    if (comm_.is_root())
      for (Work& w : jobs) plan += w.scenario && !skip_if_done(w) && begin(w) ? '1' : '0';
    comm_.broadcast(plan);
    std::vector<std::size_t> to_run;
    for (std::size_t i = 0; i < jobs.size(); ++i)
      if (plan[i] == '1') to_run.push_back(i);
    auto run = [&](std::size_t k) {
      Work& w = jobs[to_run[k]];
      if (!stopping()) {
        execute(w);
      } else {
        w.job.status = JobStatus::NotStarted;
        w.job.error = kNotStarted;
      }
      if (comm_.is_root()) record(w);
    };
    auto encode_k = [&](std::size_t k) { return encode(jobs[to_run[k]]); };
    auto arrived_k = [&](std::size_t k, const nlohmann::json& e) {
      Work& w = jobs[to_run[k]];
      decode(e, w);
      record(w);
    };
    return share_out(comm_, to_run.size(), run, encode_k, arrived_k);
  }

 private:
  RunConfig config_of(const Work& w) const {
    RunConfig cfg = resolve_run_config(*w.scenario, {.trials = w.job.trials});
    cfg.max_memory_bytes = spec_.max_memory_bytes;
    return cfg;
  }
  std::string dir_of(const Work& w) const { return (out_ / w.scenario->name).string(); }

  template <class... Args>
  void log(fmt::format_string<Args...> format, Args&&... args) {
    std::lock_guard lock(print_mutex_);
    fmt::print(stderr, format, std::forward<Args>(args)...);
  }

  /// Rank 0: whether the job already finished with this identity (its headline then comes
  /// from the catalogue).
  bool skip_if_done(Work& w) {
    if (spec_.force) return false;
    const auto done = catalogue_->find_ok(run_identity(*w.scenario, config_of(w)), dir_of(w));
    if (!done || !fs::exists(out_ / w.scenario->name / "summary.json")) return false;
    w.job.status = JobStatus::Skip;
    set_headline(w.job, catalogue_->results(done->id));
    log("skip {}: finished as run {} on {}\n", w.scenario->name, done->id, done->finished_at);
    return true;
  }

  /// Rank 0: opens the job's catalogue row.
  bool begin(Work& w) {
    try {
      w.run_id = catalogue_->begin_run(run_identity(*w.scenario, config_of(w)), dir_of(w));
      return true;
    } catch (const std::exception& e) {
      w.job.error = error_text(e);
      return false;
    }
  }

  /// A batch re-run resumes what it can; a checkpoint it cannot use (the scenario or --trials
  /// changed since, or the file is damaged) is dropped and the scenario starts over.
  SimulationResult simulate_resuming(const Scenario& s, const RunConfig& cfg) {
    try {
      return simulate(s, cfg);
    } catch (const CheckpointError& e) {
      log("note: {}; starting {} over\n", e.what(), s.name);
      std::error_code ec;
      fs::remove(cfg.checkpoint.file, ec);
      return simulate(s, cfg);
    }
  }

  /// Runs one job on this process (any rank) into its folder.
  void execute(Work& w) {
    const Scenario& s = *w.scenario;
    const auto start = std::chrono::steady_clock::now();
    const fs::path dir = out_ / s.name;
    log("start {} ({}, {} trials{})\n", s.name, visible_text(w.job.file), w.job.trials,
        comm_.distributed() ? fmt::format(", rank {}", comm_.rank()) : std::string());
    try {
      RunConfig cfg = config_of(w);
      cfg.checkpoint = {dir / kCheckpointFileName, spec_.checkpoint_interval, true};
      cfg.stop = &StopSignals::flag();
      const std::string_view checkpoint[] = {kCheckpointFileName};
      fs::create_directories(dir);
      const FolderLock dir_lock(dir);  // a `tcosim run --out` into the same folder is refused
      prepare_output_folder(dir, checkpoint);
      const SimulationResult result = simulate_resuming(s, cfg);
      write_result_files(dir, s, result, spec_.files);
      std::error_code ec;
      fs::remove(cfg.checkpoint.file, ec);
      w.job.status = JobStatus::Ok;
      w.job.trials = result.trials;
      w.rows = result_rows(s, result);
      set_headline(w.job, w.rows);
    } catch (const RunInterrupted& e) {
      w.job.status = JobStatus::Interrupted;
      w.job.error =
          fmt::format("interrupted by {} after {} trials; re-run the batch to resume", signal_name(e.signal), e.trials);
    } catch (const std::exception& e) {
      w.job.status = JobStatus::Failed;
      w.job.error = error_text(e);
    }
    w.job.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (w.job.status == JobStatus::Ok)
      log("done {} in {:.2f} s -> {}/\n", s.name, w.job.wall_s, dir.string());
    else
      log("{}: {}: {}\n", w.job.status == JobStatus::Interrupted ? "stopped" : "error", visible_text(w.job.file),
          visible_text(w.job.error));
  }

  /// Rank 0: the job's catalogue row gets its ending.
  void record(Work& w) {
    try {
      if (w.job.status == JobStatus::Ok)
        catalogue_->finish_ok(w.run_id, w.rows);
      else if (w.job.status == JobStatus::Interrupted)
        catalogue_->mark_interrupted(w.run_id);
      else if (w.job.status == JobStatus::NotStarted)
        catalogue_->mark_not_started(w.run_id);
      else
        catalogue_->finish_failed(w.run_id, w.job.error);
    } catch (const std::exception& e) {  // the catalogue itself failed
      w.job.status = JobStatus::Failed;
      w.job.error = error_text(e);
    }
  }

  /// Rank 0: a row for a job that never got one from begin(): failed with its error, or not
  /// started. A file that did not parse has no identity: its file stands for the scenario.
  void record_unrun(Work& w, const std::string& dir) {
    RunIdentity id;
    if (w.scenario) {
      id = run_identity(*w.scenario, config_of(w));
    } else {
      id.tcosim_version = std::string(kVersion);
      id.scenario = w.job.file;
      id.trials = spec_.trials.value_or(0);
    }
    try {
      w.run_id = catalogue_->record_unrun(id, dir, w.job.status == JobStatus::NotStarted ? "" : w.job.error);
    } catch (const std::exception& e) {
      w.job.error += fmt::format(" (and the catalogue could not record it: {})", e.what());
    }
  }

  const BatchSpec& spec_;
  const fs::path out_;
  Communicator& comm_;
  RunCatalogue* catalogue_;
  std::mutex print_mutex_;
};

}  // namespace

std::string BatchSpec::to_string() const {
  return fmt::format("{} -> {} (jobs {}{})", fmt::join(paths, ", "), out_dir.string(), jobs, force ? ", force" : "");
}

std::filesystem::path batch_folder(const BatchSpec& spec) { return fs::absolute(spec.out_dir).lexically_normal(); }

std::optional<std::vector<BatchJob>> run_batch(const BatchSpec& spec) {
  std::vector<Work> jobs = find_jobs(spec.paths);
  if (jobs.empty())
    throw std::runtime_error(fmt::format("no *.yaml scenario found in {}", fmt::join(spec.paths, ", ")));
  const fs::path out = batch_folder(spec);
  std::error_code ec;
  fs::create_directories(out, ec);
  if (ec) throw std::runtime_error(fmt::format("cannot create output folder {}: {}", out.string(), ec.message()));
  Communicator& comm = Communicator::world();
  std::unique_ptr<RunCatalogue> catalogue;
  if (comm.is_root()) catalogue = std::make_unique<RunCatalogue>(out / "catalogue.sqlite");

  parse_all(spec, comm.is_root(), jobs);
  BatchRunner runner(spec, out, comm, catalogue.get());
  if (comm.is_root()) runner.record_unparsed(jobs);
  if (!comm.distributed())
    runner.run_here(jobs);
  else if (!runner.run_on_ranks(jobs))
    return std::nullopt;

  std::vector<BatchJob> endings;
  for (Work& w : jobs) {
    const std::string& name = w.job.scenario;
    if (!name.empty() && w.job.status != JobStatus::Failed && fs::exists(out / name / "report.html"))
      w.job.report = name + "/report.html";
    endings.push_back(std::move(w.job));
  }
  return endings;
}

}  // namespace tcosim
