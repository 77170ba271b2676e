#include "sim/philox_stream.hpp"

#include <fmt/format.h>

namespace tcosim {

std::string PhiloxStream::to_string() const {
  auto join = [](std::uint32_t lo, std::uint32_t hi) { return (static_cast<std::uint64_t>(hi) << 32) | lo; };
  // Every block gives two uniforms, and left_ of the current block's are still unread.
  const std::uint64_t draws = 2 * std::uint64_t{ctr_.v[3]} - static_cast<std::uint64_t>(left_);
  return fmt::format("PhiloxStream{{seed={}, trial={}, input={}, {} draws}}", join(key_.v[0], key_.v[1]),
                     join(ctr_.v[0], ctr_.v[1]), ctr_.v[2], draws);
}

}  // namespace tcosim
