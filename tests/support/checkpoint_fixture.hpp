#pragma once
// The small run whose checkpoints the checkpoint tests (tests/run/test_checkpoint.cpp) and the
// checkpoint fuzz target (fuzz/fuzz_checkpoint.cpp, which adds this folder to its include path)
// both write and forge: 100 trials in chunks of 10, exact quantiles.
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>

#include "run/run_identity.hpp"
#include "run/run_state.hpp"

namespace tcosim::test {

/// An exact-mode run of 100 trials in chunks of 10, with `options` options and `inputs` inputs.
inline RunShape small_checkpointed_shape(std::size_t options, std::size_t inputs) {
  RunShape s;
  s.options = options;
  s.inputs = inputs;
  s.chunks = ChunkPlan{100, 10};
  s.exact = true;
  return s;
}

/// The identity a checkpoint of `shape` carries: its trials, options, inputs and chunk size,
/// the version and seed given, and a made-up scenario hash (`hash_digit` 64 times).
inline RunIdentity small_checkpointed_identity(const RunShape& shape, std::string version, char hash_digit,
                                               std::uint64_t seed) {
  RunIdentity id;
  id.tcosim_version = std::move(version);
  id.scenario_sha256 = std::string(64, hash_digit);
  id.seed = seed;
  id.trials = shape.chunks.trials;
  id.options = shape.options;
  id.inputs = shape.inputs;
  id.chunk_trials = shape.chunks.chunk_trials;
  return id;
}

}  // namespace tcosim::test
