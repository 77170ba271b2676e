#pragma once
// Scenario loading shared by the subcommands: a file, or the embedded default when none is named.
#include <cstdint>
#include <optional>
#include <string>

#include "models/scenario_parser.hpp"

namespace tcosim {

/// Parses `path`, or the embedded default scenario when `path` is empty.
ParseResult load_scenario(const std::string& path, const ParseOptions& options = {});
/// load_scenario, printing every diagnostic to stderr when the scenario is not valid.
std::optional<Scenario> load_scenario_or_report(const std::string& path, const ParseOptions& options = {});
/// The byte count of a --max-memory flag, or nullopt after printing what was expected.
std::optional<std::uint64_t> max_memory_flag(const std::string& text);
/// The sampling a flag names ("random" or "lhs"), else the scenario's.
Sampling sampling_or(const std::optional<std::string>& flag, Sampling scenario_default);
/// Prints every diagnostic to stderr, one per line.
void print_diagnostics(const Diagnostics& errors);

}  // namespace tcosim
