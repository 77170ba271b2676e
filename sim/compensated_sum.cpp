#include "sim/compensated_sum.hpp"

#include <fmt/format.h>

namespace tcosim {

std::string CompensatedSum::to_string() const {
  return fmt::format("CompensatedSum{{value={}, sum={}, comp={}}}", value(), sum, comp);
}

}  // namespace tcosim
