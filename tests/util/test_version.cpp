// The version (util/version.hpp) comes from project() in CMakeLists.txt.
#include <catch2/catch.hpp>
#include <regex>
#include <string>

#include "util/version.hpp"

TEST_CASE("kVersion is the project version, major.minor.patch") {
  CHECK(tcosim::kVersion == TCOSIM_VERSION);
  CHECK(std::regex_match(std::string(tcosim::kVersion), std::regex(R"(\d+\.\d+\.\d+)")));
}
