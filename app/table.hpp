#pragma once
// The plain-text tables the command line prints: batch's closing table and `tcosim runs`.
#include <string>
#include <vector>

namespace tcosim {

/// A table with columns padded to their widest cell and a rule under the header.
struct TextTable {
  std::vector<std::string> header;
  std::vector<bool> right;  ///< per column: right-aligned (numbers)
  std::vector<std::vector<std::string>> rows;

  /// Every line, each ending in '\n', trailing spaces trimmed.
  std::string render() const;
  /// "table of 3 rows: id, scenario, status".
  std::string to_string() const;
};

/// The first line of `text`: how a table shows a multi-line error message.
std::string first_line(const std::string& text);

}  // namespace tcosim
