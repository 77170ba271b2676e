#pragma once
// Chooses the stress analysis's inputs before a run: the inputs with the highest EVPPI on a
// pilot of the run's own first trials. The pilot is a pure function of the scenario, seed and
// sampling, so every thread, MPI rank and resumed run keeps sketches for the same inputs.
#include <cstdint>
#include <vector>

#include "models/analytics_shape.hpp"
#include "models/scenario.hpp"

namespace tcosim {

/// Trials of the pilot (fewer when the run has fewer): one chunk.
inline constexpr std::uint64_t kStressPilotTrials = 4096;

/// Positions in `shape.binned` of the (at most kStressInputs) inputs with the highest EVPPI
/// over trials [0, min(trials, kStressPilotTrials)), highest first, ties to the lower slot;
/// inputs whose pilot EVPPI is 0 are left out. Empty with fewer than two options.
std::vector<std::size_t> stress_pilot(const Scenario& s, std::uint64_t seed, Sampling sampling,
                                      const AnalyticsShape& shape, std::uint64_t trials);

}  // namespace tcosim
