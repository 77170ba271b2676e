#pragma once
// Chooses the stress analysis's inputs before a run: the inputs with the highest EVPPI on a
// pilot of the run's own first trials. The pilot is a pure function of the scenario, seed and
// sampling, so every thread, MPI rank and resumed run keeps sketches for the same inputs.
#include <cstdint>
#include <memory>
#include <vector>

#include "models/analytics_shape.hpp"
#include "models/chunk_kernel.hpp"
#include "models/scenario.hpp"

namespace tcosim {

/// Trials of the pilot (fewer when the run has fewer): one chunk.
inline constexpr std::uint64_t kStressPilotTrials = 4096;

/// What the pilot chose, and the kernel it ran.
struct StressPilot {
  /// Positions in the shape's `binned` of the (at most kStressInputs) inputs with the highest
  /// EVPPI over the pilot's trials, highest first, ties to the lower slot; inputs whose pilot
  /// EVPPI is 0 are left out. Empty with fewer than two options.
  std::vector<std::size_t> stress;
  /// The pilot's kernel (nullptr when none ran), for the run's first thread to take over
  /// (ChunkKernel's constructor from a finished kernel) rather than map new memory for its own.
  std::shared_ptr<ChunkKernel> kernel;
};

/// The pilot over trials [0, min(trials, kStressPilotTrials)) of the run's scenario, seed and sampling.
StressPilot stress_pilot(const Scenario& s, std::uint64_t seed, Sampling sampling, const AnalyticsShape& shape,
                         std::uint64_t trials);

}  // namespace tcosim
