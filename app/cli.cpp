#include <CLI/CLI.hpp>

#include "app/commands.hpp"
#include "sim/sampling.hpp"
#include "util/version.hpp"

namespace tcosim {

namespace {

/// --sampling's choices, spelled as everywhere else (sim/sampling.hpp).
std::vector<std::string> sampling_names() { return {kSamplingNames.begin(), kSamplingNames.end()}; }

}  // namespace

int cli_main(int argc, char** argv) {
  CLI::App app{"tcosim: Monte Carlo total cost and time to market of OEM, ODM and contract manufacturing"};
  app.set_version_flag("--version", std::string(kVersion));
  app.require_subcommand(1);

  RunOptions run;
  CLI::App* run_cmd =
      app.add_subcommand("run", "Simulate a scenario and write summary.json, percentiles.csv, report.md");
  run_cmd->add_option("scenario", run.scenario, "Scenario file (default: the embedded scenarios/default.yaml)");
  run_cmd->add_option("--trials", run.trials, "Number of trials (overrides run.trials)")->check(CLI::PositiveNumber);
  run_cmd->add_option("--seed", run.seed, "Random seed, unsigned 64-bit (overrides run.seed)");
  run_cmd->add_option("--threads", run.threads, "Worker threads (0: every core); results do not depend on it");
  run_cmd->add_option("--out", run.out_dir, "Output folder (default: results/<scenario name>/)");
  run_cmd->add_option("--samples", run.samples, "Also write samples.csv with the first N trials' inputs and outputs");
  run_cmd
      ->add_option("--max-memory", run.max_memory,
                   "Memory budget, e.g. 2G or 512M: exact quantiles while outcomes fit, a sketch beyond")
      ->capture_default_str();
  run_cmd->add_option("--sampling", run.sampling, "random or lhs (Latin hypercube); overrides run.sampling")
      ->check(CLI::IsMember(sampling_names()));
  run_cmd
      ->add_option("--target-precision", run.target_precision,
                   "Stop once total_cost's mean, P50 and P95 are known to this relative 95 % half-width")
      ->check(CLI::Range(1e-6, 1.0));
  run_cmd->add_flag("--repair-correlations", run.repair_correlations,
                    "Replace an invalid correlation matrix by the nearest valid one (and print it)");
  run_cmd->add_flag("--quiet,-q", run.quiet, "No progress bar and no report on stdout");
  run_cmd->add_option("--set", run.sets, "Override a scenario value, PATH=VALUE (repeatable; docs/overnight.md)")
      ->allow_extra_args(false);
  run_cmd
      ->add_option("--checkpoint-interval", run.checkpoint_interval,
                   "Seconds between checkpoints into the output folder (0: after every wave of chunks)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  run_cmd->add_flag("--resume", run.resume,
                    "Continue from the output folder's checkpoint (same scenario, seed, trials and version)");

  std::vector<std::string> check_files;
  CLI::App* check_cmd = app.add_subcommand("check", "Validate scenario files: prints ok or every error found");
  check_cmd->add_option("scenarios", check_files, "Scenario files")->required();

  ReplayOptions replay;
  CLI::App* replay_cmd = app.add_subcommand("replay", "Print one trial's inputs and outputs as JSON");
  replay_cmd->add_option("scenario", replay.scenario, "Scenario file (default: the embedded scenarios/default.yaml)");
  replay_cmd->add_option("--trial", replay.trial, "Trial index (0-based)")->required();
  replay_cmd->add_option("--seed", replay.seed, "Random seed (overrides run.seed)");
  replay_cmd->add_option("--sampling", replay.sampling, "random or lhs, as the run used (overrides run.sampling)")
      ->check(CLI::IsMember(sampling_names()));
  replay_cmd->add_flag("--repair-correlations", replay.repair_correlations, "As for run");
  replay_cmd->add_option("--set", replay.sets, "As for run")->allow_extra_args(false);

  BenchOptions bench;
  CLI::App* bench_cmd = app.add_subcommand("bench", "Measure trials/s per thread count and the sampling floor");
  bench_cmd->add_option("scenario", bench.scenario, "Scenario file (default: the embedded scenarios/default.yaml)");
  bench_cmd->add_option("--threads", bench.threads, "Thread counts, comma-separated")
      ->delimiter(',')
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  bench_cmd->add_option("--trials", bench.trials, "Trials per run")->check(CLI::PositiveNumber)->capture_default_str();
  bench_cmd->add_option("--seed", bench.seed, "Random seed (overrides run.seed)");
  bench_cmd->add_option("--max-memory", bench.max_memory, "As for run")->capture_default_str();
  bench_cmd->add_option("--json", bench.json, "Also write the measurements as JSON to this file");

  BatchOptions batch;
  CLI::App* batch_cmd = app.add_subcommand("batch", "Run every scenario found, skipping those already done");
  batch_cmd->add_option("paths", batch.paths, "Scenario files and folders (searched recursively for *.yaml)")
      ->required();
  batch_cmd->add_option("--out", batch.out_dir, "Output folder: <out>/<scenario>/ and <out>/catalogue.sqlite")
      ->required();
  batch_cmd->add_option("--trials", batch.trials, "Trials per scenario (overrides run.trials)")
      ->check(CLI::PositiveNumber);
  batch_cmd->add_option("--jobs", batch.jobs, "Scenarios run at once")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  batch_cmd->add_option("--threads", batch.threads, "Worker threads shared by the jobs (0: every core)");
  batch_cmd->add_flag("--force", batch.force, "Rerun scenarios already finished with the same content and settings");
  batch_cmd->add_option("--set", batch.sets, "Override a value in every scenario, PATH=VALUE (repeatable)")
      ->allow_extra_args(false);
  batch_cmd->add_option("--max-memory", batch.max_memory, "As for run, for each scenario")->capture_default_str();
  batch_cmd
      ->add_option("--checkpoint-interval", batch.checkpoint_interval,
                   "Seconds between checkpoints of each scenario (interrupted ones resume on a re-run)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();

  RunsOptions runs;
  CLI::App* runs_cmd = app.add_subcommand("runs", "List the run catalogue written by batch");
  runs_cmd->add_option("--db", runs.db, "Catalogue file")->capture_default_str();

  SweepOptions sweep;
  CLI::App* sweep_cmd = app.add_subcommand("sweep", "Run a scenario over a grid of parameter values");
  sweep_cmd->add_option("scenario", sweep.scenario, "Scenario file (default: the embedded scenarios/default.yaml)");
  sweep_cmd->add_option("--param", sweep.params, "PATH=V1,V2,... (repeatable: the grid is every combination)")
      ->allow_extra_args(false)
      ->required();
  sweep_cmd->add_option("--out", sweep.out_dir, "Output folder: sweep.csv, breakeven.csv, point-<i>/")->required();
  sweep_cmd->add_option("--trials", sweep.trials, "Trials per point (overrides run.trials)")
      ->check(CLI::PositiveNumber);
  sweep_cmd->add_option("--threads", sweep.threads, "Worker threads (0: every core)");
  sweep_cmd->add_flag("--breakeven", sweep.breakeven,
                      "One numeric parameter: where the P50 total-cost curves of two options cross");
  sweep_cmd->add_option("--set", sweep.sets, "Override a scenario value at every point, PATH=VALUE (repeatable)")
      ->allow_extra_args(false);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  if (run_cmd->parsed()) return run_command(run);
  if (check_cmd->parsed()) return check_command(check_files);
  if (replay_cmd->parsed()) return replay_command(replay);
  if (bench_cmd->parsed()) return bench_command(bench);
  if (batch_cmd->parsed()) return batch_command(batch);
  if (runs_cmd->parsed()) return runs_command(runs);
  if (sweep_cmd->parsed()) return sweep_command(sweep);
  return 2;
}

}  // namespace tcosim
