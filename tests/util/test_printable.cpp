// The printing convention (util/printable.hpp): a to_string beside a type makes fmt and Catch2
// print it.
#include <catch2/catch.hpp>
#include <string>

#include "sim/sampling.hpp"
#include "support/printable.hpp"
#include "util/printable.hpp"

namespace tcosim {

namespace {

struct Widget {
  int size = 0;
  std::string to_string() const { return fmt::format("Widget{{size={}}}", size); }
};

enum class Colour { Red };
constexpr std::string_view to_string(Colour) { return "red"; }

struct Opaque {};

}  // namespace

TEST_CASE("a class with to_string() or an enum with to_string beside it is Printable") {
  STATIC_REQUIRE(Printable<Widget>);
  STATIC_REQUIRE(Printable<Colour>);
  STATIC_REQUIRE(Printable<Sampling>);
  STATIC_REQUIRE_FALSE(Printable<Opaque>);
  STATIC_REQUIRE_FALSE(Printable<int>);
  STATIC_REQUIRE_FALSE(Printable<std::string>);
}

TEST_CASE("fmt prints a Printable value through its to_string, with string format specs") {
  CHECK(fmt::format("{}", Widget{3}) == "Widget{size=3}");
  CHECK(fmt::format("[{:>6}]", Sampling::Lhs) == "[   lhs]");
  CHECK(fmt::format("{}", Colour::Red) == "red");
}

TEST_CASE("Catch2 shows a Printable value by its to_string") {
  CHECK(Catch::Detail::stringify(Widget{7}) == "Widget{size=7}");
  CHECK(Catch::Detail::stringify(Sampling::Random) == "random");
}

}  // namespace tcosim
