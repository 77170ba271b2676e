#pragma once
// What identifies a run's numbers (MODEL.md section 6): the checkpoint refuses a file written
// under another identity, and the run catalogue skips a scenario already run under the same one.
#include <cstdint>
#include <optional>
#include <string>

#include "models/scenario.hpp"
#include "run/run_config.hpp"

namespace tcosim {

/// Everything that decides a run's numbers. The checkpoint stores every field but the scenario
/// name; the catalogue stores the name, sha256, seed, trials, sampling and version (its schema
/// predates the other fields, which a catalogue row therefore reads back at their defaults).
/// The fields up to chunk_trials are in the checkpoint file's order.
struct RunIdentity {
  std::string tcosim_version;
  std::string scenario_sha256;  ///< Scenario::sha256: the file's bytes plus the --set overrides
  std::uint64_t seed = 0;
  std::uint64_t trials = 0;
  std::uint64_t sample_rows = 0;  ///< --samples
  Sampling sampling = Sampling::Random;
  std::optional<double> target_precision;
  bool exact_quantiles = true;  ///< false: streaming sketch (the memory plan decides)
  std::uint64_t options = 0;
  std::uint64_t inputs = 0;
  std::uint64_t chunk_trials = 0;
  std::string scenario;  ///< the scenario's name

  /// "demo (sha256 0123456789ab) seed 7, 1000 trials, random, ..., tcosim 0.1.0".
  std::string to_string() const;
};

/// The identity of running `s` as `cfg` says with this build, before the memory plan has chosen
/// between exact and streaming quantiles (exact_quantiles is left at its default).
RunIdentity run_identity(const Scenario& s, const RunConfig& cfg);

}  // namespace tcosim
