#include "sim/sobol_points.hpp"

#include <Random123/philox.h>
#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace tcosim {

namespace {

std::size_t checked_dimensions(std::size_t dimensions) {
  if (dimensions == 0 || dimensions > kSobolMaxDimensions) {
    throw std::invalid_argument(
        fmt::format("Sobol points need 1 to {} dimensions, not {}", kSobolMaxDimensions, dimensions));
  }
  return dimensions;
}

}  // namespace

std::uint64_t sobol_shift(std::uint64_t seed, std::uint32_t input_id, std::uint64_t replicate) noexcept {
  const std::uint64_t hi = replicate | kSobolShiftStream;
  const r123::Philox4x32::key_type key = {{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}};
  const r123::Philox4x32::ctr_type ctr = {
      {static_cast<std::uint32_t>(hi), static_cast<std::uint32_t>(hi >> 32), input_id, 0u}};
  const r123::Philox4x32::ctr_type block = r123::Philox4x32{}(ctr, key);
  return (static_cast<std::uint64_t>(block.v[0]) << 32) | block.v[1];
}

SobolPoints::SobolPoints(std::size_t dimensions) : engine_(checked_dimensions(dimensions)) {}

void SobolPoints::points(std::uint64_t first, std::size_t n, std::uint64_t* out) {
  const std::size_t dims = engine_.dimension();
  std::size_t j = 0;
  if (n > 0 && first == 0) {
    std::fill(out, out + dims, std::uint64_t{0});  // the origin, which the engine never gives
    j = 1;
  }
  if (j == n) return;
  // Vector k of the engine is point k + 1; seed(k) makes vector k the next one, in O(64 dims).
  if (first + j != next_) engine_.seed(first + j - 1);
  for (; j < n; ++j) {
    std::uint64_t* p = out + j * dims;
    for (std::size_t d = 0; d < dims; ++d) p[d] = engine_();
  }
  next_ = first + n;
}

std::string SobolPoints::to_string() const {
  return fmt::format("SobolPoints{{{} dimensions, next point {}}}", engine_.dimension(), next_);
}

}  // namespace tcosim
