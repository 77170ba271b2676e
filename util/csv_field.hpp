#pragma once
// One CSV field: RFC 4180 quoting (names such as input paths may hold spaces, commas or
// quotes), and formula neutralisation. A spreadsheet runs a text cell that starts with '=',
// '+', '-' or '@' (or a tab or carriage return) as a formula, so an option named `-A1-A2` or a
// sweep value `=HYPERLINK(...)` from a scenario would compute, or reach out, when the CSV is
// opened. Such a cell gets a leading apostrophe, which spreadsheets read as "this is text"
// (OWASP's advice); a cell that is a plain finite number, such as -5 or +1e3, stays as it is.
#include <charconv>
#include <cmath>
#include <string>
#include <string_view>

namespace tcosim {

/// Whether a spreadsheet could run the field as a formula: it starts with a formula trigger
/// and is not a plain finite number.
inline bool csv_formula_risk(std::string_view s) {
  if (s.empty() || std::string_view("=+-@\t\r").find(s.front()) == std::string_view::npos) return false;
  const std::string_view number = s.front() == '+' ? s.substr(1) : s;
  double x = 0.0;
  const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), x);
  return number.empty() || ec != std::errc() || end != number.data() + number.size() || !std::isfinite(x);
}

/// The field as is when it needs neither, else with a leading apostrophe when a spreadsheet
/// could run it as a formula, and in double quotes with inner quotes doubled when it holds a
/// comma, a quote or a line break.
inline std::string csv_field(const std::string& text) {
  const std::string s = csv_formula_risk(text) ? "'" + text : text;
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out(1, '"');
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

}  // namespace tcosim
