// The three sourcing models (models/manufacturing_model.hpp) and their one spelling.
#include <catch2/catch.hpp>

#include "models/manufacturing_model.hpp"
#include "support/printable.hpp"

using namespace tcosim;

TEST_CASE("every model's name reads back as the model") {
  STATIC_REQUIRE(to_string(ManufacturingModel::Oem) == "oem");
  STATIC_REQUIRE(to_string(ManufacturingModel::Odm) == "odm");
  STATIC_REQUIRE(to_string(ManufacturingModel::Contract) == "contract");
  for (const ManufacturingModel m : {ManufacturingModel::Oem, ManufacturingModel::Odm, ManufacturingModel::Contract})
    CHECK(manufacturing_model_from(to_string(m)) == m);
  CHECK(fmt::format("{}", ManufacturingModel::Contract) == "contract");
}

TEST_CASE("model names are exact: other spellings are refused") {
  CHECK_FALSE(manufacturing_model_from("OEM").has_value());
  CHECK_FALSE(manufacturing_model_from("cm").has_value());
  CHECK_FALSE(manufacturing_model_from("").has_value());
}
