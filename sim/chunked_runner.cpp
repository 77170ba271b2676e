#include "sim/chunked_runner.hpp"

#include <fmt/format.h>

namespace tcosim {

std::string ChunkPlan::to_string() const {
  return fmt::format("ChunkPlan{{{} trials in {} chunks of {}}}", trials, chunks(), chunk_trials);
}

}  // namespace tcosim
