#pragma once
// The statistics of a run, from its accumulated state: the full summary of a finished run
// (rank 0), and the precision test of --target-precision between rounds.
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "models/scenario.hpp"
#include "models/simulation_result.hpp"
#include "run/run_state.hpp"

namespace tcosim {

/// Fills result.options (every metric's summary, the decision probabilities and the
/// sensitivities), result.samples and result.sensitivity_trials from the state of a run whose
/// first `trials` trials are complete. The recorded rows are moved out of `state`. Throws
/// NonFiniteOutcomes (run/finite_outcomes.hpp) first when an outcome is not finite. Also the
/// decision analytics (run/decision_summary.hpp), with the paired differences of `compare`.
void summarize(const Scenario& s, RunState& state, std::uint64_t trials, SimulationResult& result,
               const std::vector<std::pair<std::string, std::string>>& compare = {});

/// Average ranks of every column of the sensitivity subsample's first `rows` rows (inputs, then
/// decision cost and ttm_months per option); none for a constant input.
std::vector<std::vector<double>> rank_columns(const Scenario& s, const RunState& state, std::size_t rows);

/// Spearman sensitivities of one output column against the inputs that belong to option `o`
/// (and the market), strongest first. Ranks are average ranks on the same trials; an input
/// with no ranks (constant) is left out, as is one whose correlation is undefined.
std::vector<SensitivityEntry> sensitivities(const Scenario& s, std::size_t o, std::span<const double> output_ranks,
                                            const std::vector<std::vector<double>>& input_ranks);

/// z for a two-sided 95 % interval.
inline constexpr double kZ95 = 1.959963984540054;

/// The precision test of --target-precision: every option's total_cost mean, P50 and P95
/// have 95 % confidence half-widths within `relative` of their value, on the first `trials`
/// trials (all of the state's chunks, one range from 0). Run only at fixed chunk counts, so
/// where a run stops does not depend on scheduling, ranks or resumption. Under sobol sampling
/// the half-widths are those of the replicates (sim/replicate_errors.hpp).
bool precise_enough(const RunState& state, std::uint64_t trials, double relative, Sampling sampling = Sampling::Random);

}  // namespace tcosim
