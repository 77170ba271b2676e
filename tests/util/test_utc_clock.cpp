// The one UTC clock (util/utc_clock.hpp): formatting, ISO 8601 records and SOURCE_DATE_EPOCH.
#include <catch2/catch.hpp>
#include <cctype>
#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>

#include "support/source_date_epoch.hpp"
#include "util/utc_clock.hpp"

using namespace tcosim;
using tcosim::test::SourceDateEpoch;

namespace {

/// Whether `text` has the shape of `pattern`, where 'd' stands for any digit. (Not std::regex:
/// GCC 12 warns inside <regex> at -O1 with sanitizers, and CI builds with -Werror.)
bool has_shape(const std::string& text, std::string_view pattern) {
  if (text.size() != pattern.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i)
    if (pattern[i] == 'd' ? !std::isdigit(static_cast<unsigned char>(text[i])) : text[i] != pattern[i]) return false;
  return true;
}

/// Whether report_generated_utc() gives the current minute (read before or after the call).
bool generated_now() {
  const std::time_t before = std::time(nullptr);
  const std::string got = report_generated_utc();
  const std::time_t after = std::time(nullptr);
  return got == format_utc(before, "%Y-%m-%d %H:%M UTC") || got == format_utc(after, "%Y-%m-%d %H:%M UTC");
}

}  // namespace

TEST_CASE("format_utc formats seconds since 1970 in UTC") {
  CHECK(format_utc(0, "%Y-%m-%dT%H:%M:%SZ") == "1970-01-01T00:00:00Z");
  CHECK(format_utc(1700000000, "%Y-%m-%d %H:%M UTC") == "2023-11-14 22:13 UTC");
}

TEST_CASE("utc_now_iso8601 is the current time in ISO 8601") {
  const std::time_t before = std::time(nullptr);
  const std::string now = utc_now_iso8601();
  CHECK(has_shape(now, "dddd-dd-ddTdd:dd:ddZ"));
  // Within a few seconds of the clock read just before (the minute may have turned).
  const std::string lo = format_utc(before, "%Y-%m-%dT%H:%M:%SZ"), hi = format_utc(before + 5, "%Y-%m-%dT%H:%M:%SZ");
  CHECK(now >= lo);
  CHECK(now <= hi);
}

TEST_CASE("report_generated_utc uses a valid SOURCE_DATE_EPOCH, else the current time") {
  {
    const SourceDateEpoch epoch(std::string("1700000000"));
    CHECK(report_generated_utc() == "2023-11-14 22:13 UTC");
  }
  for (const char* invalid : {"", "soon", "-5", "12abc"}) {
    const SourceDateEpoch epoch{std::string(invalid)};
    INFO("SOURCE_DATE_EPOCH=" << invalid);
    CHECK(generated_now());
  }
  const SourceDateEpoch unset(std::nullopt);
  CHECK(generated_now());
}
