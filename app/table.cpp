#include "app/table.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "util/visible_text.hpp"

namespace tcosim {

std::string TextTable::render() const {
  // Cells may hold file names and errors from the user's files: shown, never acted on.
  std::vector<std::vector<std::string>> rows;
  for (const auto& row : this->rows) {
    rows.emplace_back();
    for (const std::string& cell : row) rows.back().push_back(visible_text(cell));
  }
  std::vector<std::size_t> width(header.size());
  for (std::size_t c = 0; c < header.size(); ++c) width[c] = header[c].size();
  for (const auto& row : rows)
    for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
  std::string out;
  auto line = [&](const std::vector<std::string>& cells) {
    std::string text;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      if (c > 0) text += "  ";
      text += right[c] ? fmt::format("{:>{}}", cells[c], width[c]) : fmt::format("{:<{}}", cells[c], width[c]);
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    out += text + '\n';
  };
  line(header);
  std::vector<std::string> rule;
  for (std::size_t w : width) rule.emplace_back(w, '-');
  line(rule);
  for (const auto& row : rows) line(row);
  return out;
}

std::string TextTable::to_string() const {
  return fmt::format("table of {} rows: {}", rows.size(), fmt::join(header, ", "));
}

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

}  // namespace tcosim
