#pragma once
// The sampling schemes of a run (MODEL.md `run.sampling`) and their one spelling, shared by
// the scenario reader, the command line, summary.json, checkpoints and the catalogue.
#include <optional>
#include <string_view>

#include "util/enum_names.hpp"

namespace tcosim {

/// How each trial's uniforms are drawn: independently, stratified by Latin hypercube blocks, or
/// from digitally shifted Sobol points (randomized quasi-Monte Carlo, sim/sobol_points.hpp).
enum class Sampling { Random, Lhs, Sobol };

/// Every scheme's name, in enum order.
inline constexpr EnumNames<Sampling, 3> kSamplingNames{{"random", "lhs", "sobol"}};

constexpr std::string_view to_string(Sampling s) noexcept { return kSamplingNames.of(s); }

/// The scheme a name spells, or nullopt.
constexpr std::optional<Sampling> sampling_from(std::string_view name) noexcept { return kSamplingNames.find(name); }

}  // namespace tcosim
