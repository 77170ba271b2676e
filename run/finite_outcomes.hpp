#pragma once
// A run whose outcomes overflow (a unit cost of 1e308, a demand and a margin near 1e300) would
// otherwise report "inf USD", "-nan" and a winner among infinite costs. Before anything is
// summarised or written, every option's every metric must have finite moments; the first that
// has not stops the run, naming the option, the metric and the inputs most likely involved.
#include <stdexcept>

#include "models/chunk_state.hpp"
#include "models/scenario.hpp"
#include "run/run_state.hpp"

namespace tcosim {

/// Outcomes that are infinite or not a number, or whose spread overflows a double.
struct NonFiniteOutcomes : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Throws NonFiniteOutcomes when a metric of `total` (the run's merged chunk state) has a
/// mean, minimum, maximum or variance that is not finite. The message names the option and
/// the metric, and the option's (and the market's) inputs of largest magnitude in the
/// sensitivity subsample of `state`, with those magnitudes.
void check_finite_outcomes(const Scenario& s, const RunState& state, const ChunkState& total);

}  // namespace tcosim
