#pragma once
// The sampling schemes of a run (MODEL.md `run.sampling`) and their one spelling, shared by
// the scenario reader, the command line, summary.json, checkpoints and the catalogue.
#include <array>
#include <optional>
#include <string_view>

namespace tcosim {

/// How each trial's uniforms are drawn: independently, or stratified by Latin hypercube blocks.
enum class Sampling { Random, Lhs };

/// Every scheme's name, in enum order.
inline constexpr std::array<std::string_view, 2> kSamplingNames = {"random", "lhs"};

constexpr std::string_view to_string(Sampling s) noexcept { return kSamplingNames[static_cast<std::size_t>(s)]; }

/// The scheme a name spells, or nullopt.
constexpr std::optional<Sampling> sampling_from(std::string_view name) noexcept {
  for (std::size_t i = 0; i < kSamplingNames.size(); ++i)
    if (kSamplingNames[i] == name) return static_cast<Sampling>(i);
  return std::nullopt;
}

}  // namespace tcosim
