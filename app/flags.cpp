#include "app/flags.hpp"

#include <fmt/format.h>

#include "util/byte_size.hpp"

namespace tcosim {

std::optional<std::uint64_t> max_memory_flag(const std::string& text) {
  const auto bytes = parse_byte_size(text);
  if (!bytes)
    fmt::print(stderr, "error: --max-memory: expected a size such as 2G, 512M or 1500000000, got '{}'\n", text);
  return bytes;
}

std::optional<Sampling> sampling_flag(const std::optional<std::string>& flag) {
  return flag ? sampling_from(*flag) : std::nullopt;
}

}  // namespace tcosim
