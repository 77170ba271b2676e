// Flag values checked beyond CLI11 (app/flags.hpp).
#include <catch2/catch.hpp>
#include <cstdint>

#include "app/flags.hpp"
#include "support/printable.hpp"
#include "support/run_binary.hpp"

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

TEST_CASE("whole-number flags: digits only, within range") {
  CHECK(unsigned_flag_error("0", 10).empty());
  CHECK(unsigned_flag_error("10", 10).empty());
  CHECK(unsigned_flag_error("18446744073709551615", UINT64_MAX).empty());
  CHECK_THAT(unsigned_flag_error("11", 10), Catch::Contains("out of range") && Catch::Contains("at most 10"));
  CHECK_THAT(unsigned_flag_error("18446744073709551616", UINT64_MAX), Catch::Contains("out of range"));
  for (const char* bad : {"-1", "+1", "1e23", "1.0", " 1", "0x10", "", "1k"})
    CHECK_THAT(unsigned_flag_error(bad, UINT64_MAX), Catch::Contains("expected a whole number"));
}

TEST_CASE("negative, out-of-range or non-integer counts on the command line are usage errors") {
  // 0.3.0 read --seed -1 as 2^64-1, --seed 1e23 as 2^64-1 and replayed trial 2^64-1 for -1.
  for (const char* args :
       {"run --seed -1 --trials 10 -q --out /nonexistent/x", "run --seed 1e23 --trials 10 -q",
        "run --seed 18446744073709551616 -q", "run --trials -5 -q", "run --trials 1000000000000001 -q",
        "run --threads -1 --trials 10 -q", "run --samples -1 --trials 10 -q", "replay --trial -1", "replay --trial 1e3",
        "batch x --out y --jobs -2", "bench --threads 1,-1 --trials 10"}) {
    INFO(args);
    const auto r = tcosim::test::run_tcosim(args);
    CHECK(r.status == 2);
    CHECK_THAT(r.output, Catch::Contains("whole number") || Catch::Contains("out of range"));
  }
  CHECK(tcosim::test::run_tcosim_stdout("replay --trial 18446744073709551615").status == 0);
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
