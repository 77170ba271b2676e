#pragma once
// The decision analytics of a finished run (docs/analytics.md): from the run's reduced
// ChunkState (pair counts, EVPPI bins), its sketches (stress deciles, pair differences when
// streaming), its stored outcomes (exact mode) and its sensitivity subsample.
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "models/chunk_state.hpp"
#include "models/scenario.hpp"
#include "models/simulation_result.hpp"
#include "run/run_state.hpp"

namespace tcosim {

/// Fills result.paired_difference, result.value_of_information and result.stress from a run
/// whose first `trials` trials are complete, `total` being its reduced ChunkState. Needs
/// result.options' decision-cost means (summarize fills them first). `compare`: option names
/// (checked when the run was planned); `sens_ranks`: the sensitivity subsample's column ranks
/// (run/summarize.hpp rank_columns). Nothing with fewer than two options.
void summarize_decision(const Scenario& s, const RunState& state, const ChunkState& total, std::uint64_t trials,
                        const std::vector<std::pair<std::string, std::string>>& compare,
                        const std::vector<std::vector<double>>& sens_ranks, SimulationResult& result);

/// The paired difference cost_a - cost_b of a run (its drivers included).
PairedDifference paired_difference(const Scenario& s, const RunState& state, const ChunkState& total,
                                   std::uint64_t trials, std::size_t a, std::size_t b,
                                   const std::vector<std::vector<double>>& sens_ranks);

/// The drivers of a difference on the sensitivity subsample: every varying input that is not
/// another option's own, strongest first (at most 10). `inputs`: the subsample's rows of
/// `width` values, inputs first; `diff` its differences; `ranks` its column ranks
/// (run/summarize.hpp rank_columns).
std::vector<DifferenceDriver> difference_drivers(const Scenario& s, std::size_t a, std::size_t b,
                                                 std::span<const double> inputs, std::size_t width,
                                                 std::span<const double> diff,
                                                 const std::vector<std::vector<double>>& ranks);

}  // namespace tcosim
