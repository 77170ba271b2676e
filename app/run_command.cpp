#include <fmt/format.h>

#include <exception>
#include <memory>

#include "app/commands.hpp"
#include "app/flags.hpp"
#include "input/load_scenario.hpp"
#include "report/report_markdown.hpp"
#include "report/result_files.hpp"
#include "run/checkpoint.hpp"
#include "run/output_lock.hpp"
#include "run/simulate.hpp"
#include "run/thread_limit.hpp"
#include "sim/communicator.hpp"
#include "util/atomic_file.hpp"
#include "util/byte_size.hpp"
#include "util/error_text.hpp"
#include "util/stop_signals.hpp"

namespace tcosim {

namespace {

/// --out, else results/<scenario name>/.
std::filesystem::path output_folder(const Scenario& s, const RunOptions& opt) {
  return opt.out_dir.empty() ? std::filesystem::path("results") / s.name : std::filesystem::path(opt.out_dir);
}

/// The closing line on stderr: where, how many trials, how fast, what was resumed, how many ranks.
void print_finished(const std::filesystem::path& out, const SimulationResult& result) {
  fmt::print(stderr, "wrote {}/ ({} trials in {:.2f} s, {:.3g} trials/s{}{})\n", out.string(), result.trials,
             result.elapsed_s, static_cast<double>(result.trials - result.resumed_trials) / result.elapsed_s,
             result.resumed_trials > 0 ? fmt::format("; {} resumed from the checkpoint", result.resumed_trials)
                                       : std::string(),
             result.ranks > 1 ? fmt::format("; {} MPI ranks, comm MB {:.3f}", result.ranks,
                                            static_cast<double>(result.comm_bytes) / 1e6)
                              : std::string());
}

/// Rank 0: refuses to throw away a checkpoint that --resume did not ask for (hours of work may
/// be in it), unless --force asked to start over, which deletes it. Every rank fails alike.
void keep_or_drop_checkpoint(Communicator& comm, const RunConfig& cfg, bool force) {
  std::string message;
  std::error_code ec;
  const auto& file = cfg.checkpoint.file;
  if (comm.is_root() && !cfg.checkpoint.resume &&
      std::filesystem::symlink_status(file, ec).type() != std::filesystem::file_type::not_found) {
    if (!force)
      message = fmt::format(
          "{} holds the checkpoint of an unfinished run: add --resume to continue it, or --force to delete it and "
          "start over",
          file.string());
    else if (!std::filesystem::remove(file, ec) && ec)
      message = fmt::format("--force: cannot delete the checkpoint {}: {}", file.string(), ec.message());
  }
  refuse_on_every_rank(comm, std::move(message));
}

/// Simulates on every rank; rank 0 writes the result files, removes the checkpoint and prints
/// the report. The run's exceptions propagate.
void simulate_and_write(Communicator& comm, const Scenario& s, const RunConfig& cfg, const std::filesystem::path& out,
                        bool quiet, const ResultFileOptions& files, bool force) {
  // Held until the results are written: a second run into `out` is refused at once.
  const auto lock = lock_output_folder(comm, out);
  keep_or_drop_checkpoint(comm, cfg, force);
  if (comm.is_root()) {
    // Fail now, not after hours, when results could not be written; and take away a
    // previous run's summary.json so that none claims completeness while this one runs.
    const std::string_view checkpoint[] = {kCheckpointFileName};
    prepare_output_folder(out, checkpoint);
  }
  const SimulationResult result = simulate(s, cfg);
  if (!comm.is_root()) return;
  write_result_files(out, s, result, files);
  std::error_code ec;
  std::filesystem::remove(cfg.checkpoint.file, ec);
  if (!quiet) fmt::print("{}", report_markdown(s, result));
  print_finished(out, result);
}

/// What rank 0 says about a run stopped by a signal; the exit status is 128 + the signal.
int report_interrupted(const Communicator& comm, const RunInterrupted& e, const RunConfig& cfg) {
  if (comm.is_root())
    fmt::print(stderr, "\ninterrupted by {} after {} of {} trials; {}\n", signal_name(e.signal), e.trials, cfg.trials,
               e.checkpoint_written
                   ? fmt::format("checkpoint written to {}: run the same command with --resume to continue",
                                 cfg.checkpoint.file.string())
                   : std::string("no checkpoint written"));
  return 128 + e.signal;
}

/// Every rank fails alike for checkpoint and set-up errors; anything else may strand the
/// other ranks in a collective, so the job is ended.
int report_failure(Communicator& comm, const std::exception& e) {
  if (comm.distributed() && dynamic_cast<const CheckpointError*>(&e) == nullptr &&
      dynamic_cast<const OutputFolderRefused*>(&e) == nullptr)
    comm.abort(fmt::format("error: {}", error_text(e)), 1);
  if (comm.is_root()) fmt::print(stderr, "error: {}\n", error_text(e));
  return 1;
}

}  // namespace

int run_command(const RunOptions& opt) {
  Communicator& comm = Communicator::world();
  const auto scenario = load_scenario_or_report(
      opt.scenario, ParseOptions{.repair_correlations = opt.repair_correlations, .overrides = opt.sets});
  if (!scenario) return 1;
  const Scenario& s = *scenario;
  const auto budget = max_memory_flag(opt.max_memory);
  if (!budget) return 2;
  RunConfig cfg = resolve_run_config(s, {opt.trials, opt.seed, sampling_flag(opt.sampling)});
  cfg.max_memory_bytes = *budget;
  cfg.sample_rows = opt.samples;
  cfg.target_precision = opt.target_precision;
  const auto compare = compare_flags(opt.compare);
  if (!compare) return 2;
  cfg.compare = *compare;
  const ThreadLimit limit(opt.threads);
  ProgressReporter progress(cfg.trials, opt.quiet || !comm.is_root() ? ProgressReporter::Style::Silent
                                                                     : ProgressReporter::detect_style(stderr));
  cfg.progress = &progress;
  const std::filesystem::path out = output_folder(s, opt);
  cfg.checkpoint = {out / kCheckpointFileName, opt.checkpoint_interval, opt.resume};
  const StopSignals signals;
  cfg.stop = &StopSignals::flag();
  cfg.comm = &comm;
  try {
    simulate_and_write(comm, s, cfg, out, opt.quiet, {.xlsx = opt.xlsx}, opt.force);
  } catch (const RunInterrupted& e) {
    return report_interrupted(comm, e, cfg);
  } catch (const std::exception& e) {
    return report_failure(comm, e);
  }
  return 0;
}

}  // namespace tcosim
