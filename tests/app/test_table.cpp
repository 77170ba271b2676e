// The command line's plain-text tables (app/table.hpp).
#include <catch2/catch.hpp>

#include "app/table.hpp"
#include "support/printable.hpp"

using namespace tcosim;

TEST_CASE("a table pads every column to its widest cell and right-aligns numbers") {
  const TextTable table{{"name", "n", "note"}, {false, true, false}, {{"alpha", "1", ""}, {"b", "1234", "x y"}}};
  CHECK(table.render() ==
        "name      n  note\n"
        "-----  ----  ----\n"
        "alpha     1\n"
        "b      1234  x y\n");
  CHECK(fmt::format("{}", table) == "table of 2 rows: name, n, note");
}

TEST_CASE("a table cell shows the first line of a message") {
  CHECK(first_line("one\ntwo") == "one");
  CHECK(first_line("single") == "single");
  CHECK(first_line("") == "");
}

TEST_CASE("a table shows control characters of its cells as escapes") {
  const TextTable table{{"file"}, {false}, {{"\x1b]0;pwned\x07.yaml"}}};
  CHECK(table.render() ==
        "file\n"
        "---------------------\n"
        "\\x1b]0;pwned\\x07.yaml\n");
}
