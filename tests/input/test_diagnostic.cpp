// A problem in a scenario file, located (input/diagnostic.hpp).
#include <catch2/catch.hpp>

#include "input/diagnostic.hpp"
#include "support/printable.hpp"

namespace tcosim {

TEST_CASE("Diagnostic::to_string leaves out what is unknown") {
  CHECK(Diagnostic{"f.yaml", 3, 7, "options.a.moq", "bad"}.to_string() == "f.yaml:3:7: options.a.moq: bad");
  CHECK(Diagnostic{"f.yaml", 3, 0, "name", "bad"}.to_string() == "f.yaml:3: name: bad");
  CHECK(Diagnostic{"f.yaml", 0, 0, "", "bad"}.to_string() == "f.yaml: bad");
  CHECK(Diagnostic{"f.yaml", 2, 1, "", "bad"}.to_string() == "f.yaml:2:1: bad");
  CHECK(Diagnostic{"", 0, 0, "--set x", "bad"}.to_string() == "--set x: bad");
}

TEST_CASE("a Diagnostic shows control characters of file names and quoted text as escapes") {
  CHECK(Diagnostic{"\x1b]0;x\x07.yaml", 1, 1, "name", "`a\u202eb` is bad"}.to_string() ==
        "\\x1b]0;x\\x07.yaml:1:1: name: `a\\u202eb` is bad");
}

TEST_CASE("a Diagnostic prints in fmt and Catch2 as file:line:column: field: message") {
  const Diagnostic d{"f.yaml", 3, 7, "moq", "must be >= 0"};
  CHECK(fmt::format("{}", d) == "f.yaml:3:7: moq: must be >= 0");
  CHECK(Catch::Detail::stringify(d) == "f.yaml:3:7: moq: must be >= 0");
}

}  // namespace tcosim
