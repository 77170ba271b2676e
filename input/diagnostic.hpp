#pragma once
// One problem found in a scenario file, located precisely enough to fix without searching.
#include <string>
#include <vector>

namespace tcosim {

/// An error in a scenario: where it is (file, 1-based line and column) and which field.
struct Diagnostic {
  std::string file;
  int line = 0;         ///< 1-based; 0 when the whole file is at fault (missing, empty)
  int column = 0;       ///< 1-based; 0 when unknown
  std::string field;    ///< dotted path, e.g. "options[1].unit_cost.mode" or "options.oem-sz.moq"
  std::string message;  ///< what was expected, with a "did you mean" where one is close

  /// "file:line:column: field: message" (parts that are unknown are left out).
  std::string to_string() const;
};

using Diagnostics = std::vector<Diagnostic>;

}  // namespace tcosim
