#pragma once
// summary.json without its timing keys (elapsed_s, trials_per_s), the only ones allowed to differ
// between two runs of the same scenario, seed and trials: what "the same numbers" means in tests.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "support/run_binary.hpp"

namespace tcosim::test {

/// `summary` with the timing keys removed.
inline nlohmann::json without_timing(nlohmann::json summary) {
  summary.erase("elapsed_s");
  summary.erase("trials_per_s");
  return summary;
}

/// The numbers of the run written to `run_dir` (its summary.json without timing), as text.
inline std::string numbers_of(const std::filesystem::path& run_dir) {
  return without_timing(nlohmann::json::parse(read_file(run_dir / "summary.json"))).dump();
}

}  // namespace tcosim::test
