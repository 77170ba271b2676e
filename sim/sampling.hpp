#pragma once
// The sampling schemes of a run (MODEL.md `run.sampling`) and their one spelling, shared by
// the scenario reader, the command line, summary.json, checkpoints and the catalogue.
#include <optional>
#include <string_view>

#include "util/enum_names.hpp"

namespace tcosim {

/// How each trial's uniforms are drawn: independently, or stratified by Latin hypercube blocks.
enum class Sampling { Random, Lhs };

/// Every scheme's name, in enum order.
inline constexpr EnumNames<Sampling, 2> kSamplingNames{{"random", "lhs"}};

constexpr std::string_view to_string(Sampling s) noexcept { return kSamplingNames.of(s); }

/// The scheme a name spells, or nullopt.
constexpr std::optional<Sampling> sampling_from(std::string_view name) noexcept { return kSamplingNames.find(name); }

}  // namespace tcosim
