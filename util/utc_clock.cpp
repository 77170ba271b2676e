#include "util/utc_clock.hpp"

#include <charconv>
#include <cstdlib>
#include <string_view>

namespace tcosim {

std::string format_utc(std::time_t t, const char* format) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  const std::size_t n = std::strftime(buf, sizeof buf, format, &tm);
  return std::string(buf, n);
}

std::string utc_now_iso8601() { return format_utc(std::time(nullptr), "%Y-%m-%dT%H:%M:%SZ"); }

std::time_t report_generated_time() {
  std::time_t t = std::time(nullptr);
  if (const char* env = std::getenv("SOURCE_DATE_EPOCH"); env && *env) {
    long long v = 0;
    const char* end = env + std::string_view(env).size();
    const auto [ptr, ec] = std::from_chars(env, end, v);
    if (ec == std::errc() && ptr == end && v >= 0) t = static_cast<std::time_t>(v);
  }
  return t;
}

std::string report_generated_utc() { return format_utc(report_generated_time(), "%Y-%m-%d %H:%M UTC"); }

}  // namespace tcosim
