#include "run/run_identity.hpp"

#include <fmt/format.h>

#include "sim/chunked_runner.hpp"
#include "util/version.hpp"

namespace tcosim {

std::string RunIdentity::to_string() const {
  return fmt::format(
      "{} (sha256 {}) seed {}, {} trials, {}, {} sample rows, target precision {}, {} quantiles, {} options, {} "
      "inputs, chunks of {}, tcosim {}",
      scenario.empty() ? "?" : scenario, scenario_sha256.substr(0, 12), seed, trials, tcosim::to_string(sampling),
      sample_rows, target_precision ? fmt::format("{}", *target_precision) : "none",
      exact_quantiles ? "exact" : "streaming", options, inputs, chunk_trials, tcosim_version);
}

RunIdentity run_identity(const Scenario& s, const RunConfig& cfg) {
  RunIdentity id;
  id.tcosim_version = std::string(kVersion);
  id.scenario_sha256 = s.sha256;
  id.seed = cfg.seed;
  id.trials = cfg.trials;
  id.sample_rows = cfg.sample_rows;
  id.sampling = cfg.sampling;
  id.target_precision = cfg.target_precision;
  id.options = s.options.size();
  id.inputs = s.inputs.size();
  id.chunk_trials = kChunkTrials;
  id.scenario = s.name;
  return id;
}

}  // namespace tcosim
