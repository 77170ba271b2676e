#pragma once
// The --threads flag of every command: a cap on the worker threads of every parallel section
// (TBB) for as long as the object lives. Results never depend on it, only speed does.
#include <tbb/global_control.h>

#include <optional>
#include <string>

namespace tcosim {

/// Caps the threads of every TBB algorithm while alive; 0 leaves every core in use.
class ThreadLimit {
 public:
  explicit ThreadLimit(unsigned threads) : threads_(threads) {
    if (threads > 0) control_.emplace(tbb::global_control::max_allowed_parallelism, threads);
  }
  ThreadLimit(const ThreadLimit&) = delete;
  ThreadLimit& operator=(const ThreadLimit&) = delete;

  /// The threads a parallel section started now may use: this process's cores, within any
  /// limit alive anywhere in the process.
  static unsigned current();

  /// "at most 4 threads", or "no thread limit" for 0.
  std::string to_string() const;

 private:
  unsigned threads_;
  std::optional<tbb::global_control> control_;
};

}  // namespace tcosim
