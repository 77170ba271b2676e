// Exceptions as users read them (util/error_text.hpp).
#include <catch2/catch.hpp>
#include <new>
#include <stdexcept>

#include "util/error_text.hpp"

using tcosim::error_text;

TEST_CASE("the standard library's type-name messages become sentences, others stay") {
  CHECK(error_text(std::bad_alloc()) == std::string("not enough memory for this run: lower --trials, --samples or "
                                                    "--max-memory, or free memory"));
  CHECK_THAT(error_text(std::bad_array_new_length()), Catch::StartsWith("not enough memory"));
  CHECK_THAT(error_text(std::length_error("vector::_M_default_append")), Catch::StartsWith("a size out of range"));
  CHECK(error_text(std::runtime_error("cannot write x: No space left on device")) ==
        "cannot write x: No space left on device");
  CHECK_THAT(error_text(std::bad_alloc()), !Catch::Contains("std::"));
}
