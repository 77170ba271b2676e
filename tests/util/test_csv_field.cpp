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
