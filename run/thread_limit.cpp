#include "run/thread_limit.hpp"

#include <fmt/format.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cstddef>

namespace tcosim {

unsigned ThreadLimit::current() {
  return static_cast<unsigned>(
      std::min<std::size_t>(static_cast<std::size_t>(tbb::this_task_arena::max_concurrency()),
                            tbb::global_control::active_value(tbb::global_control::max_allowed_parallelism)));
}

std::string ThreadLimit::to_string() const {
  return threads_ > 0 ? fmt::format("at most {} threads", threads_) : std::string("no thread limit");
}

}  // namespace tcosim
