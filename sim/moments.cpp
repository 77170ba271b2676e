#include "sim/moments.hpp"

#include <fmt/format.h>

namespace tcosim {

std::string Moments::to_string() const {
  if (n == 0) return "Moments{n=0}";
  return fmt::format("Moments{{n={}, mean={}, sd={}, min={}, max={}}}", n, mean, sd(), min, max);
}

}  // namespace tcosim
