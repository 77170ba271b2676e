#pragma once
// Scenario loading shared by the subcommands: a file, or the embedded default when none is named.
#include <string>

#include "models/scenario_parser.hpp"

namespace tcosim {

/// Parses `path`, or the embedded default scenario when `path` is empty.
ParseResult load_scenario(const std::string& path);
/// Prints every diagnostic to stderr, one per line.
void print_diagnostics(const Diagnostics& errors);

}  // namespace tcosim
