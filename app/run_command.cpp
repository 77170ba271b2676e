#include <fmt/format.h>
#include <tbb/global_control.h>

#include <exception>
#include <memory>

#include "app/commands.hpp"
#include "app/load_scenario.hpp"
#include "models/result_files.hpp"
#include "models/simulation.hpp"
#include "sim/byte_size.hpp"

namespace tcosim {

int run_command(const RunOptions& opt) {
  const auto scenario = load_scenario_or_report(
      opt.scenario, ParseOptions{.repair_correlations = opt.repair_correlations, .overrides = opt.sets});
  if (!scenario) return 1;
  const Scenario& s = *scenario;
  const auto budget = max_memory_flag(opt.max_memory);
  if (!budget) return 2;
  RunConfig cfg;
  cfg.trials = opt.trials.value_or(s.run.trials);
  cfg.seed = opt.seed.value_or(s.run.seed);
  cfg.max_memory_bytes = *budget;
  cfg.sample_rows = opt.samples;
  cfg.sampling = sampling_or(opt.sampling, s.run.sampling);
  cfg.target_precision = opt.target_precision;
  std::unique_ptr<tbb::global_control> limit;
  if (opt.threads > 0)
    limit = std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism, opt.threads);
  ProgressReporter progress(cfg.trials,
                            opt.quiet ? ProgressReporter::Style::Silent : ProgressReporter::detect_style(stderr));
  cfg.progress = &progress;
  const std::filesystem::path out =
      opt.out_dir.empty() ? std::filesystem::path("results") / s.name : std::filesystem::path(opt.out_dir);
  try {
    const SimulationResult result = simulate(s, cfg);
    write_result_files(out, s, result);
    if (!opt.quiet) fmt::print("{}", report_markdown(s, result));
    fmt::print(stderr, "wrote {}/ ({} trials in {:.2f} s, {:.3g} trials/s)\n", out.string(), result.trials,
               result.elapsed_s, static_cast<double>(result.trials) / result.elapsed_s);
  } catch (const std::exception& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return 1;
  }
  return 0;
}

}  // namespace tcosim
