#include "app/flags.hpp"

#include <fmt/format.h>

#include <charconv>

#include "util/byte_size.hpp"

namespace tcosim {

std::optional<std::uint64_t> max_memory_flag(const std::string& text) {
  const auto bytes = parse_byte_size(text);
  if (!bytes)
    fmt::print(stderr, "error: --max-memory: expected a size such as 2G, 512M or 1500000000, got '{}'\n", text);
  return bytes;
}

std::string unsigned_flag_error(const std::string& text, std::uint64_t max) {
  std::uint64_t value = 0;
  const char* end = text.data() + text.size();
  const bool digits = !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (!digits || ptr != end) return fmt::format("expected a whole number from 0 to {}, got '{}'", max, text);
  if (ec != std::errc() || value > max) return fmt::format("{} is out of range: at most {}", text, max);
  return {};
}

std::optional<Sampling> sampling_flag(const std::optional<std::string>& flag) {
  return flag ? sampling_from(*flag) : std::nullopt;
}

std::optional<std::vector<std::pair<std::string, std::string>>> compare_flags(const std::vector<std::string>& flags) {
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const std::string& f : flags) {
    const auto comma = f.find(',');
    if (comma == std::string::npos || comma == 0 || comma + 1 == f.size() ||
        f.find(',', comma + 1) != std::string::npos) {
      fmt::print(stderr, "error: --compare: expected two option names separated by a comma, e.g. A,B, got '{}'\n", f);
      return std::nullopt;
    }
    pairs.emplace_back(f.substr(0, comma), f.substr(comma + 1));
  }
  return pairs;
}

}  // namespace tcosim
