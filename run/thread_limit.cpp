#include "run/thread_limit.hpp"

#include <tbb/task_arena.h>

#include <algorithm>
#include <cstddef>

namespace tcosim {

unsigned ThreadLimit::current() {
  return static_cast<unsigned>(
      std::min<std::size_t>(static_cast<std::size_t>(tbb::this_task_arena::max_concurrency()),
                            tbb::global_control::active_value(tbb::global_control::max_allowed_parallelism)));
}

}  // namespace tcosim
