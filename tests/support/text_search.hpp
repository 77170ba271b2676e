#pragma once
// Counting what a written file (HTML, SVG, Markdown, a command's output) contains.
#include <cstddef>
#include <string_view>

namespace tcosim::test {

/// Non-overlapping occurrences of `needle` in `text`.
inline std::size_t occurrences(std::string_view text, std::string_view needle) {
  std::size_t n = 0;
  for (std::size_t at = text.find(needle); at != std::string_view::npos; at = text.find(needle, at + needle.size()))
    ++n;
  return n;
}

}  // namespace tcosim::test
