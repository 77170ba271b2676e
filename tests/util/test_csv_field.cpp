// RFC 4180 quoting of one CSV field (util/csv_field.hpp).
#include <catch2/catch.hpp>

#include "util/csv_field.hpp"

using tcosim::csv_field;

TEST_CASE("a field without comma, quote or newline is written as is") {
  CHECK(csv_field("market.demand_units") == "market.demand_units");
  CHECK(csv_field("odm-dg.delays.tooling rework") == "odm-dg.delays.tooling rework");
  CHECK(csv_field("") == "");
}

TEST_CASE("a field with a comma, quote or newline is quoted, inner quotes doubled") {
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_field("two\nlines") == "\"two\nlines\"");
  CHECK(csv_field("\"") == "\"\"\"\"");
}

TEST_CASE("a text field a spreadsheet would run as a formula gets a leading apostrophe") {
  CHECK(csv_field("-A1-A2") == "'-A1-A2");
  CHECK(csv_field("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"");
  CHECK(csv_field("+cmd") == "'+cmd");
  CHECK(csv_field("@SUM(A1)") == "'@SUM(A1)");
  CHECK(csv_field("\tx") == "'\tx");
  CHECK(csv_field("-") == "'-");
  CHECK(csv_field("-inf") == "'-inf");
  CHECK(csv_field("=1,2") == "\"'=1,2\"");
}

TEST_CASE("a field that is a plain finite number keeps its sign") {
  CHECK(csv_field("-5") == "-5");
  CHECK(csv_field("-0.25") == "-0.25");
  CHECK(csv_field("+1e3") == "+1e3");
  CHECK(csv_field("a-b") == "a-b");  // only the first character matters
  CHECK_FALSE(tcosim::csv_formula_risk("12"));
  CHECK(tcosim::csv_formula_risk("-1-2"));
}
