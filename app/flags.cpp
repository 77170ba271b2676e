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

Sampling sampling_or(const std::optional<std::string>& flag, Sampling scenario_default) {
  if (!flag) return scenario_default;
  return sampling_from(*flag).value_or(scenario_default);
}

}  // namespace tcosim
