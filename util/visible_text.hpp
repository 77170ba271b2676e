#pragma once
// Text from a scenario file (a description, an event name, a file name) must not act on a
// terminal or a reader: ESC sequences retitle terminals and move the cursor, BEL rings, NUL
// truncates, and bidirectional overrides make text read differently from what it is (the
// "Trojan Source" trick). Such characters are shown as escapes wherever tcosim prints or
// writes text it did not write itself, and refused in names.
#include <string>
#include <string_view>

namespace tcosim {

/// Whether `text` holds a C0 control character (below U+0020, tab and line breaks included),
/// DEL, a C1 control (U+0080 to U+009F) or a bidirectional control (U+061C, U+200E, U+200F,
/// U+202A to U+202E, U+2066 to U+2069).
bool has_control_characters(std::string_view text);

/// `text` with each such character replaced by a visible escape: "\x1b" for a C0 control or
/// DEL, "\u202e" for a C1 or bidirectional one. Line breaks and tabs stay when `keep_lines`
/// (descriptions), else they are escaped too (names, file names, table cells).
std::string visible_text(std::string_view text, bool keep_lines = false);

}  // namespace tcosim
