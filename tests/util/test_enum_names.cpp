// Enum name tables (util/enum_names.hpp).
#include <catch2/catch.hpp>

#include "util/enum_names.hpp"

using namespace tcosim;

namespace {

enum class Fruit { Apple, Pear, Plum };
constexpr EnumNames<Fruit, 3> kFruitNames{{"apple", "pear", "plum"}};

}  // namespace

TEST_CASE("an enum name table names every value and reads every name back") {
  STATIC_REQUIRE(kFruitNames.of(Fruit::Pear) == "pear");
  for (const Fruit f : {Fruit::Apple, Fruit::Pear, Fruit::Plum}) CHECK(kFruitNames.find(kFruitNames.of(f)) == f);
}

TEST_CASE("an enum name table refuses unknown names and names out-of-range values '?'") {
  CHECK_FALSE(kFruitNames.find("Pear"));
  CHECK_FALSE(kFruitNames.find(""));
  CHECK(kFruitNames.of(static_cast<Fruit>(7)) == "?");
}
