#pragma once
// The tcosim subcommands. Each returns the process exit status: 0 success, 1 a problem
// with the scenario or the run (reported on stderr), 2 a usage error.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tcosim {

/// Options of `tcosim run`; unset optionals fall back to the scenario's `run:` block.
struct RunOptions {
  std::string scenario;  ///< empty: the embedded default
  std::optional<std::uint64_t> trials, seed;
  unsigned threads = 0;  ///< 0: every core
  std::string out_dir;   ///< empty: results/<scenario name>/
  std::uint64_t samples = 0;
  std::string max_memory = "2G";
  std::optional<std::string> sampling;  ///< "random", "lhs" or "sobol"; overrides run.sampling
  std::optional<double> target_precision;
  bool repair_correlations = false;
  bool quiet = false;                 ///< no progress and no report on stdout
  std::vector<std::string> sets;      ///< --set PATH=VALUE overrides (input/scenario_overrides.hpp)
  double checkpoint_interval = 60.0;  ///< seconds between checkpoints into the output folder
  bool resume = false;                ///< continue from the output folder's checkpoint
  bool xlsx = false;                  ///< also results.xlsx
  bool force = false;                 ///< delete the output folder's checkpoint and start over
  std::vector<std::string> compare;   ///< --compare A,B: extra paired differences

  /// The equivalent command line, flags at their defaults left out.
  std::string to_string() const;
};

int run_command(const RunOptions& opt);
int check_command(const std::vector<std::string>& files);
/// Options of `tcosim replay`.
struct ReplayOptions {
  std::string scenario;  ///< empty: the embedded default
  std::uint64_t trial = 0;
  std::optional<std::uint64_t> seed;
  std::optional<std::string> sampling;
  bool repair_correlations = false;
  std::vector<std::string> sets;  ///< --set PATH=VALUE overrides

  /// The equivalent command line, flags at their defaults left out.
  std::string to_string() const;
};

int replay_command(const ReplayOptions& opt);

/// Options of `tcosim batch` (docs/overnight.md).
struct BatchOptions {
  std::vector<std::string> paths;  ///< scenario files and folders (searched recursively for *.yaml)
  std::string out_dir;  ///< each scenario into <out_dir>/<name>/, the catalogue in <out_dir>/catalogue.sqlite
  std::optional<std::uint64_t> trials;
  unsigned jobs = 1;     ///< scenarios run at once
  unsigned threads = 0;  ///< 0: every core (shared by the jobs)
  bool force = false;    ///< rerun scenarios already finished with the same identity
  std::vector<std::string> sets;
  double checkpoint_interval = 60.0;  ///< as for run; interrupted scenarios resume on a re-run
  std::string max_memory = "2G";      ///< as for run, per scenario
  bool xlsx = false;                  ///< each scenario's results.xlsx and the overview batch.xlsx

  /// The equivalent command line, flags at their defaults left out.
  std::string to_string() const;
};
int batch_command(const BatchOptions& opt);

/// Options of `tcosim runs`.
struct RunsOptions {
  std::string db = "results/catalogue.sqlite";

  /// The equivalent command line, flags at their defaults left out.
  std::string to_string() const;
};
int runs_command(const RunsOptions& opt);

/// Options of `tcosim sweep` (docs/overnight.md).
struct SweepOptions {
  std::string scenario;             ///< empty: the embedded default
  std::vector<std::string> params;  ///< PATH=V1,V2,...
  std::string out_dir;              ///< sweep.csv, breakeven.csv and point-<i>/
  std::optional<std::uint64_t> trials;
  unsigned threads = 0;
  bool breakeven = false;
  std::vector<std::string> sets;

  /// The equivalent command line, flags at their defaults left out.
  std::string to_string() const;
};
int sweep_command(const SweepOptions& opt);

/// Options of `tcosim bench`. Trials default to 10^6 rather than run.trials: timings of a
/// short scenario default would be dominated by start-up noise.
struct BenchOptions {
  std::string scenario;                 ///< empty: the embedded default
  std::vector<unsigned> threads{1, 2};  ///< 1 is always added: the scaling baseline
  std::uint64_t trials = 1000000;
  std::optional<std::uint64_t> seed;
  std::string max_memory = "2G";
  std::string json;  ///< empty: terminal table only

  /// The equivalent command line, flags at their defaults left out.
  std::string to_string() const;
};

int bench_command(const BenchOptions& opt);

/// Parses argv with CLI11 and dispatches.
int cli_main(int argc, char** argv);

}  // namespace tcosim
