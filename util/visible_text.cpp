#include "util/visible_text.hpp"

#include <fmt/format.h>

#include <cstdint>

namespace tcosim {

namespace {

/// The code point of a 2- or 3-byte UTF-8 sequence at `i` that is a C1 or bidirectional
/// control, and its length; {0, 0} for anything else.
struct Control {
  std::uint32_t code = 0;
  std::size_t length = 0;
};

Control control_at(std::string_view t, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(t[i + k]); };
  if (i + 1 < t.size() && b(0) == 0xC2 && b(1) >= 0x80 && b(1) <= 0x9F) return {b(1), 2};  // U+0080..U+009F
  if (i + 1 < t.size() && b(0) == 0xD8 && b(1) == 0x9C) return {0x061C, 2};                // Arabic letter mark
  if (i + 2 < t.size() && b(0) == 0xE2 && (b(1) == 0x80 || b(1) == 0x81)) {
    const std::uint32_t code = 0x2000 + ((b(1) & 0x3Fu) << 6) + (b(2) & 0x3Fu);
    if (code == 0x200E || code == 0x200F || (code >= 0x202A && code <= 0x202E) || (code >= 0x2066 && code <= 0x2069))
      return {code, 3};
  }
  return {};
}

bool c0_or_del(unsigned char c, bool keep_lines) {
  if (keep_lines && (c == '\n' || c == '\t')) return false;
  return c < 0x20 || c == 0x7F;
}

}  // namespace

bool has_control_characters(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i)
    if (c0_or_del(static_cast<unsigned char>(text[i]), false) || control_at(text, i).length != 0) return true;
  return false;
}

std::string visible_text(std::string_view text, bool keep_lines) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c0_or_del(c, keep_lines)) {
      out += fmt::format("\\x{:02x}", c);
      ++i;
    } else if (const Control k = control_at(text, i); k.length != 0) {
      out += fmt::format("\\u{:04x}", k.code);
      i += k.length;
    } else {
      out += text[i++];
    }
  }
  return out;
}

}  // namespace tcosim
