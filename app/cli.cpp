#include <CLI/CLI.hpp>

#include "app/commands.hpp"
#include "sim/version.hpp"

namespace tcosim {

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
      ->check(CLI::IsMember({"random", "lhs"}));
  run_cmd
      ->add_option("--target-precision", run.target_precision,
                   "Stop once total_cost's mean, P50 and P95 are known to this relative 95 % half-width")
      ->check(CLI::Range(1e-6, 1.0));
  run_cmd->add_flag("--repair-correlations", run.repair_correlations,
                    "Replace an invalid correlation matrix by the nearest valid one (and print it)");
  run_cmd->add_flag("--quiet,-q", run.quiet, "No progress bar and no report on stdout");

  std::vector<std::string> check_files;
  CLI::App* check_cmd = app.add_subcommand("check", "Validate scenario files: prints ok or every error found");
  check_cmd->add_option("scenarios", check_files, "Scenario files")->required();

  ReplayOptions replay;
  CLI::App* replay_cmd = app.add_subcommand("replay", "Print one trial's inputs and outputs as JSON");
  replay_cmd->add_option("scenario", replay.scenario, "Scenario file (default: the embedded scenarios/default.yaml)");
  replay_cmd->add_option("--trial", replay.trial, "Trial index (0-based)")->required();
  replay_cmd->add_option("--seed", replay.seed, "Random seed (overrides run.seed)");
  replay_cmd->add_option("--sampling", replay.sampling, "random or lhs, as the run used (overrides run.sampling)")
      ->check(CLI::IsMember({"random", "lhs"}));
  replay_cmd->add_flag("--repair-correlations", replay.repair_correlations, "As for run");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  if (run_cmd->parsed()) return run_command(run);
  if (check_cmd->parsed()) return check_command(check_files);
  if (replay_cmd->parsed()) return replay_command(replay);
  return 2;
}

}  // namespace tcosim
