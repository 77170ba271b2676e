#include <catch2/catch.hpp>

#include "util/byte_size.hpp"

using tcosim::format_byte_size;
using tcosim::parse_byte_size;

TEST_CASE("byte sizes parse with binary suffixes and reject nonsense") {
  CHECK(parse_byte_size("2G") == 2ull << 30);
  CHECK(parse_byte_size("512M") == 512ull << 20);
  CHECK(parse_byte_size("1.5GiB") == 3ull << 29);
  CHECK(parse_byte_size("64kb") == 64ull << 10);
  CHECK(parse_byte_size("1000") == 1000u);
  CHECK(parse_byte_size("1T") == 1ull << 40);
  for (const char* bad : {"", "G", "0", "-1G", "2X", "2GG", "lots", "nan", "1e30"}) {
    INFO(bad);
    CHECK_FALSE(parse_byte_size(bad).has_value());
  }
  CHECK(format_byte_size(512) == "512 B");
  CHECK(format_byte_size(3ull << 29) == "1.5 GiB");
}
