// Flag values checked beyond CLI11 (app/flags.hpp).
#include <catch2/catch.hpp>

#include "app/flags.hpp"
#include "support/printable.hpp"

using namespace tcosim;

TEST_CASE("max-memory flag: takes sizes with a unit or plain bytes") {
  CHECK(max_memory_flag("2G") == std::optional<std::uint64_t>(2ull << 30));
  CHECK(max_memory_flag("512M") == std::optional<std::uint64_t>(512ull << 20));
  CHECK(max_memory_flag("1500000000") == std::optional<std::uint64_t>(1500000000ull));
}

TEST_CASE("max-memory flag: refuses what is not a size") {
  CHECK_FALSE(max_memory_flag("lots"));
  CHECK_FALSE(max_memory_flag(""));
  CHECK_FALSE(max_memory_flag("-1G"));
}

TEST_CASE("sampling flag: absent leaves the scenario's choice, given names the scheme") {
  CHECK_FALSE(sampling_flag(std::nullopt));
  CHECK(sampling_flag(std::string("lhs")) == std::optional<Sampling>(Sampling::Lhs));
  CHECK(sampling_flag(std::string("random")) == std::optional<Sampling>(Sampling::Random));
}

TEST_CASE("compare flags: pairs of option names, anything else refused") {
  const auto pairs = compare_flags({"odm,oem", "a-b,c"});
  REQUIRE(pairs);
  CHECK(*pairs == std::vector<std::pair<std::string, std::string>>{{"odm", "oem"}, {"a-b", "c"}});
  CHECK(compare_flags({})->empty());
  for (const char* bad : {"odm", "odm,", ",oem", "a,b,c"}) {
    INFO(bad);
    CHECK_FALSE(compare_flags({bad}));
  }
}
