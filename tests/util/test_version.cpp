// The version (util/version.hpp) comes from project() in CMakeLists.txt.
#include <catch2/catch.hpp>
#include <cctype>
#include <string>

#include "util/version.hpp"

TEST_CASE("kVersion is the project version, major.minor.patch") {
  CHECK(tcosim::kVersion == TCOSIM_VERSION);
  // Three dot-separated runs of digits (no std::regex: GCC 12 warns inside it at -O1 with
  // sanitizers, and CI builds with -Werror).
  const std::string v(tcosim::kVersion);
  int dots = 0;
  bool digit_before = false;
  for (const char c : v) {
    if (c == '.') {
      CHECK(digit_before);
      ++dots, digit_before = false;
    } else {
      CHECK(std::isdigit(static_cast<unsigned char>(c)));
      digit_before = true;
    }
  }
  CHECK(dots == 2);
  CHECK(digit_before);
}
