#include "models/chunk_state.hpp"

#include <fmt/format.h>

namespace tcosim {

std::string ChunkState::to_string() const {
  const std::uint64_t trials = metrics.empty() ? 0 : metrics.front().n;
  return fmt::format("ChunkState{{{} options, {} trials, best=[{}], fastest=[{}]}}", regret.size(), trials,
                     fmt::join(best, ", "), fmt::join(fastest, ", "));
}

}  // namespace tcosim
