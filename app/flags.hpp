#pragma once
// Command-line flag values that need more than CLI11's own checks.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "models/scenario.hpp"

namespace tcosim {

/// The byte count of a --max-memory flag, or nullopt after printing what was expected.
std::optional<std::uint64_t> max_memory_flag(const std::string& text);
/// Why `text` is not a whole number in [0, max] (written in decimal digits only: no sign, no
/// exponent, no fraction), or empty when it is one. CLI11 alone would wrap "-1" to 2^64-1 and
/// saturate "1e23".
std::string unsigned_flag_error(const std::string& text, std::uint64_t max);
/// The sampling a --sampling flag names (CLI11 has checked the name), or nullopt when not given.
std::optional<Sampling> sampling_flag(const std::optional<std::string>& flag);
/// The option pairs of --compare A,B flags, or nullopt after printing what was expected. The
/// names are checked against the scenario when the run is planned.
std::optional<std::vector<std::pair<std::string, std::string>>> compare_flags(const std::vector<std::string>& flags);

}  // namespace tcosim
