#include <array>
#include <catch2/catch.hpp>
#include <string_view>

#include "input/did_you_mean.hpp"

using tcosim::did_you_mean;
using tcosim::did_you_mean_hint;
using tcosim::edit_distance;

namespace {
constexpr std::array<std::string_view, 6> kOptionKeys = {"unit_cost",          "design_cost", "tooling_cost",
                                                         "development_months", "moq",         "model"};
}  // namespace

TEST_CASE("edit_distance counts insertions, deletions, substitutions and adjacent swaps") {
  CHECK(edit_distance("", "") == 0);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("abc", "") == 3);
  CHECK(edit_distance("same", "same") == 0);
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("unit_cots", "unit_cost") == 1);  // one swap, not two substitutions
  CHECK(edit_distance("ab", "ba") == 1);
  CHECK(edit_distance("abc", "ca") == 3);  // optimal string alignment: no edits inside a swap
  CHECK(edit_distance("flaw", "lawn") == 2);
  CHECK(edit_distance("Model", "model") == 1);  // the distance itself is case-sensitive
}

TEST_CASE("did_you_mean suggests the closest candidate for a typo") {
  CHECK(did_you_mean("unit_cots", kOptionKeys) == "unit_cost");
  CHECK(did_you_mean("desing_cost", kOptionKeys) == "design_cost");
  CHECK(did_you_mean("modle", kOptionKeys) == "model");
  CHECK(did_you_mean("mqo", kOptionKeys) == "moq");
  CHECK(did_you_mean("developement_months", kOptionKeys) == "development_months");
}

TEST_CASE("did_you_mean ignores case and accepts truncated words") {
  CHECK(did_you_mean("Unit_Cost", kOptionKeys) == "unit_cost");
  CHECK(did_you_mean("MOQ", kOptionKeys) == "moq");
  constexpr std::array<std::string_view, 2> market = {"demand_units", "unit_margin"};
  CHECK(did_you_mean("demand", market) == "demand_units");
}

TEST_CASE("did_you_mean stays silent when nothing is close") {
  CHECK_FALSE(did_you_mean("colour", kOptionKeys));
  CHECK_FALSE(did_you_mean("", kOptionKeys));
  CHECK_FALSE(did_you_mean("unit_cost", std::span<const std::string_view>{}));
  // Short words get a small budget: "x" is one edit from every one-letter word.
  constexpr std::array<std::string_view, 2> short_keys = {"a", "sd"};
  CHECK_FALSE(did_you_mean("x", short_keys));
  CHECK_FALSE(did_you_mean("zz", short_keys));
  constexpr std::array<std::string_view, 3> models = {"oem", "odm", "contract"};
  CHECK_FALSE(did_you_mean("lhs", models));
  CHECK(did_you_mean("oen", models) == "oem");
  CHECK(did_you_mean("contrat", models) == "contract");
}

TEST_CASE("did_you_mean breaks ties in favour of the earlier candidate") {
  constexpr std::array<std::string_view, 2> families = {"odm", "oem"};
  CHECK(did_you_mean("oom", families) == "odm");
}

TEST_CASE("did_you_mean_hint is ready to append to a message") {
  CHECK(did_you_mean_hint("unit_cots", kOptionKeys) == "; did you mean `unit_cost`?");
  CHECK(did_you_mean_hint("colour", kOptionKeys).empty());
}
