#pragma once
// `tcosim batch` as library code: every scenario found runs into its own folder, recorded in
// the run catalogue (run/run_catalogue.hpp), work already finished with the same identity
// skipped, interrupted work resumed from its checkpoint. docs/overnight.md describes it.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "report/batch_job.hpp"
#include "report/result_files.hpp"

namespace tcosim {

/// What a batch runs and how.
struct BatchSpec {
  std::vector<std::string> paths;  ///< scenario files and folders (searched recursively for *.yaml)
  std::filesystem::path out_dir;   ///< each scenario into <out_dir>/<name>/, the catalogue beside them
  std::optional<std::uint64_t> trials;
  unsigned jobs = 1;                            ///< scenarios run at once (one process); under MPI one per rank
  bool force = false;                           ///< rerun scenarios already finished with the same identity
  std::vector<std::string> sets;                ///< --set overrides applied to every scenario
  double checkpoint_interval = 60.0;            ///< seconds between checkpoints of each run
  std::uint64_t max_memory_bytes = 2ull << 30;  ///< per scenario
  ResultFileOptions files;                      ///< optional files of each run (results.xlsx)

  /// "2 paths -> /out (jobs 2, force)".
  std::string to_string() const;
};

/// The folder a batch writes into: out_dir made absolute and normal (catalogue.sqlite,
/// index.html and a folder per scenario).
std::filesystem::path batch_folder(const BatchSpec& spec);

/// Runs the batch, logging each start, skip and ending to stderr. Every file is parsed first,
/// so broken files and name clashes are known before hours of runs; then (one process)
/// `spec.jobs` workers take the next scenario in order, or (MPI) scenario k of those to run goes
/// to rank k mod P, and rank 0 records each ending as soon as it ends. After SIGINT/SIGTERM no
/// new scenario starts and running ones checkpoint and stop. On rank 0 returns every job in the
/// order found, each with its ending and the link to its report.html; elsewhere nullopt. Throws
/// std::runtime_error before anything runs when no scenario is found or the output folder or
/// the catalogue cannot be opened.
std::optional<std::vector<BatchJob>> run_batch(const BatchSpec& spec);

}  // namespace tcosim
