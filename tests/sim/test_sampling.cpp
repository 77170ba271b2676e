// The one spelling of the sampling schemes (sim/sampling.hpp).
#include <catch2/catch.hpp>

#include "sim/sampling.hpp"
#include "support/printable.hpp"

using namespace tcosim;

TEST_CASE("every scheme's name reads back as the scheme") {
  STATIC_REQUIRE(to_string(Sampling::Random) == "random");
  STATIC_REQUIRE(to_string(Sampling::Lhs) == "lhs");
  STATIC_REQUIRE(to_string(Sampling::Sobol) == "sobol");
  for (const std::string_view name : kSamplingNames.names) {
    const auto s = sampling_from(name);
    REQUIRE(s.has_value());
    CHECK(to_string(*s) == name);
  }
}

TEST_CASE("sampling names are exact: other spellings are refused") {
  CHECK_FALSE(sampling_from("LHS").has_value());
  CHECK_FALSE(sampling_from("latin").has_value());
  CHECK_FALSE(sampling_from("").has_value());
  CHECK(fmt::format("{}", Sampling::Lhs) == "lhs");
}
