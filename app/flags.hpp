#pragma once
// Command-line flag values that need more than CLI11's own checks.
#include <cstdint>
#include <optional>
#include <string>

#include "models/scenario.hpp"

namespace tcosim {

/// The byte count of a --max-memory flag, or nullopt after printing what was expected.
std::optional<std::uint64_t> max_memory_flag(const std::string& text);
/// The sampling a flag names ("random" or "lhs"), else the scenario's.
Sampling sampling_or(const std::optional<std::string>& flag, Sampling scenario_default);

}  // namespace tcosim
