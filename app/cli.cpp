#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <functional>
#include <limits>

#include "app/commands.hpp"
#include "app/flags.hpp"
#include "run/run_config.hpp"
#include "sim/sampling.hpp"
#include "util/version.hpp"

namespace tcosim {

namespace {

/// --sampling's choices, spelled as everywhere else (sim/sampling.hpp).
std::vector<std::string> sampling_names() { return {kSamplingNames.names.begin(), kSamplingNames.names.end()}; }

/// A whole number from `min` to `max`, checked on the text before CLI11 converts it.
CLI::Validator whole_number(std::uint64_t min, std::uint64_t max) {
  return CLI::Validator(
      [min, max](std::string& text) {
        std::string error = unsigned_flag_error(text, max);
        if (error.empty() && min > 0 && text.find_first_not_of('0') == std::string::npos)
          error = fmt::format("expected at least {}, got '{}'", min, text);
        return error;
      },
      fmt::format("INT in [{} - {}]", min, max));
}

constexpr std::uint64_t kU64 = std::numeric_limits<std::uint64_t>::max();
constexpr std::uint64_t kUnsigned = std::numeric_limits<unsigned>::max();

constexpr const char* kScenarioHelp = "Scenario file (default: the embedded scenarios/default.yaml)";

CLI::App* add_run(CLI::App& app, RunOptions& run) {
  CLI::App* cmd = app.add_subcommand("run", "Simulate a scenario and write summary.json, percentiles.csv, report.md");
  cmd->add_option("scenario", run.scenario, kScenarioHelp);
  cmd->add_option("--trials", run.trials, "Number of trials (overrides run.trials)")
      ->check(whole_number(1, kMaxTrials));
  cmd->add_option("--seed", run.seed, "Random seed, unsigned 64-bit (overrides run.seed)")
      ->check(whole_number(0, kU64));
  cmd->add_option("--threads", run.threads, "Worker threads (0: every core); results do not depend on it")
      ->check(whole_number(0, kUnsigned));
  cmd->add_option("--out", run.out_dir, "Output folder (default: results/<scenario name>/)");
  cmd->add_option("--samples", run.samples, "Also write samples.csv with the first N trials' inputs and outputs")
      ->check(whole_number(0, kMaxTrials));
  cmd->add_option("--max-memory", run.max_memory,
                  "Memory budget, e.g. 2G or 512M: exact quantiles while outcomes fit, a sketch beyond")
      ->capture_default_str();
  cmd->add_option("--sampling", run.sampling,
                  "random, lhs (Latin hypercube) or sobol (randomized quasi-Monte Carlo); overrides run.sampling")
      ->check(CLI::IsMember(sampling_names()));
  cmd->add_option("--target-precision", run.target_precision,
                  "Stop once total_cost's mean, P50 and P95 are known to this relative 95 % half-width")
      ->check(CLI::Range(1e-6, 1.0));
  cmd->add_flag("--repair-correlations", run.repair_correlations,
                "Replace an invalid correlation matrix by the nearest valid one (and print it)");
  cmd->add_flag("--quiet,-q", run.quiet, "No progress bar and no report on stdout");
  cmd->add_option("--set", run.sets, "Override a scenario value, PATH=VALUE (repeatable; docs/overnight.md)")
      ->allow_extra_args(false);
  cmd->add_option("--checkpoint-interval", run.checkpoint_interval,
                  "Seconds between checkpoints into the output folder (0: after every wave of chunks)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  cmd->add_option("--compare", run.compare,
                  "Also report the paired difference of two options, A,B (repeatable; docs/analytics.md)")
      ->allow_extra_args(false);
  CLI::Option* resume = cmd->add_flag(
      "--resume", run.resume, "Continue from the output folder's checkpoint (same scenario, seed, trials and version)");
  cmd->add_flag("--force", run.force, "Delete the output folder's checkpoint of an unfinished run and start over")
      ->excludes(resume);
  cmd->add_flag("--xlsx", run.xlsx, "Also write results.xlsx, the results as an Excel workbook with charts");
  return cmd;
}

CLI::App* add_check(CLI::App& app, std::vector<std::string>& files) {
  CLI::App* cmd = app.add_subcommand("check", "Validate scenario files: prints ok or every error found");
  cmd->add_option("scenarios", files, "Scenario files")->required();
  return cmd;
}

CLI::App* add_replay(CLI::App& app, ReplayOptions& replay) {
  CLI::App* cmd = app.add_subcommand("replay", "Print one trial's inputs and outputs as JSON");
  cmd->add_option("scenario", replay.scenario, kScenarioHelp);
  cmd->add_option("--trial", replay.trial, "Trial index (0-based)")->required()->check(whole_number(0, kU64));
  cmd->add_option("--seed", replay.seed, "Random seed (overrides run.seed)")->check(whole_number(0, kU64));
  cmd->add_option("--sampling", replay.sampling, "random, lhs or sobol, as the run used (overrides run.sampling)")
      ->check(CLI::IsMember(sampling_names()));
  cmd->add_flag("--repair-correlations", replay.repair_correlations, "As for run");
  cmd->add_option("--set", replay.sets, "As for run")->allow_extra_args(false);
  return cmd;
}

CLI::App* add_bench(CLI::App& app, BenchOptions& bench) {
  CLI::App* cmd = app.add_subcommand("bench", "Measure trials/s per thread count and the sampling floor");
  cmd->add_option("scenario", bench.scenario, kScenarioHelp);
  cmd->add_option("--threads", bench.threads, "Thread counts, comma-separated")
      ->delimiter(',')
      ->check(whole_number(1, kUnsigned))
      ->capture_default_str();
  cmd->add_option("--trials", bench.trials, "Trials per run")
      ->check(whole_number(1, kMaxTrials))
      ->capture_default_str();
  cmd->add_option("--seed", bench.seed, "Random seed (overrides run.seed)")->check(whole_number(0, kU64));
  cmd->add_option("--max-memory", bench.max_memory, "As for run")->capture_default_str();
  cmd->add_option("--json", bench.json, "Also write the measurements as JSON to this file");
  return cmd;
}

CLI::App* add_batch(CLI::App& app, BatchOptions& batch) {
  CLI::App* cmd = app.add_subcommand("batch", "Run every scenario found, skipping those already done");
  cmd->add_option("paths", batch.paths, "Scenario files and folders (searched recursively for *.yaml)")->required();
  cmd->add_option("--out", batch.out_dir, "Output folder: <out>/<scenario>/ and <out>/catalogue.sqlite")->required();
  cmd->add_option("--trials", batch.trials, "Trials per scenario (overrides run.trials)")
      ->check(whole_number(1, kMaxTrials));
  cmd->add_option("--jobs", batch.jobs, "Scenarios run at once")
      ->check(whole_number(1, kUnsigned))
      ->capture_default_str();
  cmd->add_option("--threads", batch.threads, "Worker threads shared by the jobs (0: every core)")
      ->check(whole_number(0, kUnsigned));
  cmd->add_flag("--force", batch.force, "Rerun scenarios already finished with the same content and settings");
  cmd->add_option("--set", batch.sets, "Override a value in every scenario, PATH=VALUE (repeatable)")
      ->allow_extra_args(false);
  cmd->add_option("--max-memory", batch.max_memory, "As for run, for each scenario")->capture_default_str();
  cmd->add_option("--checkpoint-interval", batch.checkpoint_interval,
                  "Seconds between checkpoints of each scenario (interrupted ones resume on a re-run)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  cmd->add_flag("--xlsx", batch.xlsx, "Also write each scenario's results.xlsx and the overview <out>/batch.xlsx");
  return cmd;
}

CLI::App* add_runs(CLI::App& app, RunsOptions& runs) {
  CLI::App* cmd = app.add_subcommand("runs", "List the run catalogue written by batch");
  cmd->add_option("--db", runs.db, "Catalogue file")->capture_default_str();
  return cmd;
}

CLI::App* add_sweep(CLI::App& app, SweepOptions& sweep) {
  CLI::App* cmd = app.add_subcommand("sweep", "Run a scenario over a grid of parameter values");
  cmd->add_option("scenario", sweep.scenario, kScenarioHelp);
  cmd->add_option("--param", sweep.params, "PATH=V1,V2,... (repeatable: the grid is every combination)")
      ->allow_extra_args(false)
      ->required();
  cmd->add_option("--out", sweep.out_dir, "Output folder: sweep.csv, breakeven.csv, point-<i>/")->required();
  cmd->add_option("--trials", sweep.trials, "Trials per point (overrides run.trials)")
      ->check(whole_number(1, kMaxTrials));
  cmd->add_option("--threads", sweep.threads, "Worker threads (0: every core)")->check(whole_number(0, kUnsigned));
  cmd->add_flag("--breakeven", sweep.breakeven,
                "One numeric parameter: where the P50 total-cost curves of two options cross");
  cmd->add_option("--set", sweep.sets, "Override a scenario value at every point, PATH=VALUE (repeatable)")
      ->allow_extra_args(false);
  return cmd;
}

/// A registered subcommand and what runs when it was given.
struct Subcommand {
  CLI::App* app;
  std::function<int()> command;
};

}  // namespace

int cli_main(int argc, char** argv) {
  CLI::App app{"tcosim: Monte Carlo total cost and time to market of OEM, ODM and contract manufacturing"};
  app.set_version_flag("--version", std::string(kVersion));
  app.require_subcommand(1);

  RunOptions run;
  std::vector<std::string> check_files;
  ReplayOptions replay;
  BenchOptions bench;
  BatchOptions batch;
  RunsOptions runs;
  SweepOptions sweep;
  const std::vector<Subcommand> subcommands{
      {add_run(app, run), [&] { return run_command(run); }},
      {add_check(app, check_files), [&] { return check_command(check_files); }},
      {add_replay(app, replay), [&] { return replay_command(replay); }},
      {add_bench(app, bench), [&] { return bench_command(bench); }},
      {add_batch(app, batch), [&] { return batch_command(batch); }},
      {add_runs(app, runs), [&] { return runs_command(runs); }},
      {add_sweep(app, sweep), [&] { return sweep_command(sweep); }},
  };

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  for (const Subcommand& sub : subcommands)
    if (sub.app->parsed()) return sub.command();
  return 2;
}

}  // namespace tcosim
