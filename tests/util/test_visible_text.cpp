// Control characters from scenario files shown, never acted on (util/visible_text.hpp).
#include <catch2/catch.hpp>
#include <string>

#include "util/visible_text.hpp"

using tcosim::has_control_characters;
using tcosim::visible_text;

TEST_CASE("C0 controls and DEL become hex escapes (backslash x), line breaks stay only where asked") {
  CHECK(visible_text("\x1b]0;pwned\x07title") == "\\x1b]0;pwned\\x07title");
  CHECK(visible_text(std::string("a\0b", 3)) == "a\\x00b");
  CHECK(visible_text("a\x7f") == "a\\x7f");
  CHECK(visible_text("two\nlines\tand\r") == "two\\x0alines\\x09and\\x0d");
  CHECK(visible_text("two\nlines\tand\r", true) == "two\nlines\tand\\x0d");
}

TEST_CASE("C1 and bidirectional controls become unicode escapes (backslash u), other text stays byte for byte") {
  CHECK(visible_text("admin\u202e\u2066txt.exe") == "admin\\u202e\\u2066txt.exe");
  CHECK(visible_text("\u200f\u061c") == "\\u200f\\u061c");
  CHECK(visible_text("x\xc2\x9b"
                     "31m") == "x\\u009b31m");  // CSI as one C1 character
  CHECK(visible_text("Zürich – 5 € · 日本") == "Zürich – 5 € · 日本");
  CHECK(visible_text("\u2028") == "\u2028");  // not a control this function knows: kept
}

TEST_CASE("has_control_characters finds exactly what visible_text would escape") {
  for (const char* bad : {"\x1b", "a\tb", "\n", "\x7f", "\u202e", "\xc2\x85", "\u2069"}) {
    INFO(bad);
    CHECK(has_control_characters(bad));
  }
  for (const char* ok : {"", "tooling rework", "Zürich", "section-301 increase"}) {
    INFO(ok);
    CHECK_FALSE(has_control_characters(ok));
    CHECK(visible_text(ok) == ok);
  }
}
