#pragma once
// YAML scenario file -> validated Scenario, or every problem found (MODEL.md section 2).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "input/diagnostic.hpp"
#include "models/scenario.hpp"

namespace tcosim {

/// Either a scenario or the full list of errors (never both, never neither).
struct ParseResult {
  std::optional<Scenario> scenario;
  Diagnostics errors;

  /// "scenario demo from f.yaml", or "2 errors, first: f.yaml:3:5: name: ...".
  std::string to_string() const;
};

/// Choices that change how a scenario is read.
struct ParseOptions {
  /// Replace a correlation matrix that is not positive semi-definite by the nearest valid
  /// correlation matrix (Higham) instead of reporting it as an error.
  bool repair_correlations = false;
  /// `PATH=VALUE` overrides (`--set`), applied to the YAML tree before validation
  /// (input/scenario_overrides.hpp); they also enter Scenario::sha256.
  std::vector<std::string> overrides;

  /// "repair_correlations=false, overrides=[run.trials=10]".
  std::string to_string() const;
};

/// The largest scenario file tcosim reads (docs/scenario-format.md): 1 MiB, a hundred times the
/// largest realistic scenario. The YAML tree takes about 130 times the text, so this bounds
/// the parser's memory near 130 MB whatever a file holds.
inline constexpr std::size_t kMaxScenarioBytes = std::size_t{1} << 20;

/// Parses YAML text; `source` names the file in diagnostics and in Scenario::source. Text
/// larger than kMaxScenarioBytes is refused unread.
ParseResult parse_scenario_text(std::string_view text, const std::string& source, const ParseOptions& options = {});
/// Reads and parses a file; a missing or unreadable file is a diagnostic, not an exception.
ParseResult parse_scenario_file(const std::string& path, const ParseOptions& options = {});

}  // namespace tcosim
