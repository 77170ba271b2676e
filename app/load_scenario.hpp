#pragma once
// Scenario loading shared by the subcommands: a file, or the embedded default when none is named.
#include <optional>
#include <string>

#include "models/scenario_parser.hpp"

namespace tcosim {

/// Parses `path`, or the embedded default scenario when `path` is empty.
ParseResult load_scenario(const std::string& path, const ParseOptions& options = {});
/// The sampling a flag names ("random" or "lhs"), else the scenario's.
Sampling sampling_or(const std::optional<std::string>& flag, Sampling scenario_default);
/// Prints every diagnostic to stderr, one per line.
void print_diagnostics(const Diagnostics& errors);

}  // namespace tcosim
