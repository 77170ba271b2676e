#include <catch2/catch.hpp>

#include "util/parse_number.hpp"

using tcosim::parse_finite_double;

TEST_CASE("parse_finite_double takes whole finite numbers, subnormals included") {
  CHECK(parse_finite_double("12.5") == 12.5);
  CHECK(parse_finite_double("-3e2") == -300.0);
  CHECK(parse_finite_double("1e-309").value() > 0.0);  // subnormal: strtod says ERANGE, the value is right
  CHECK(parse_finite_double("1e-400") == 0.0);         // below the smallest subnormal: rounds to zero
  CHECK_FALSE(parse_finite_double("1e309"));           // overflow
  CHECK_FALSE(parse_finite_double("inf"));
  CHECK_FALSE(parse_finite_double("nan"));
  CHECK_FALSE(parse_finite_double("12abc"));
  CHECK_FALSE(parse_finite_double(""));
}
