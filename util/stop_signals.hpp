#pragma once
// Clean stops for long runs: while a StopSignals object lives, SIGINT and SIGTERM only set a
// flag, which the runner checks between waves of chunks (it then checkpoints and returns). A
// second signal of either kind ends the process at once, for a user who cannot wait.
#include <atomic>
#include <string>

namespace tcosim {

/// Installs the handlers on construction and restores the previous ones on destruction.
class StopSignals {
 public:
  StopSignals();
  ~StopSignals();
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

  /// 0 until a signal arrives, then its number.
  static const std::atomic<int>& flag() noexcept;
  /// Whether a stop was asked for, and by which signal.
  std::string to_string() const;
};

/// "SIGINT", "SIGTERM" or "a signal".
const char* signal_name(int sig) noexcept;

}  // namespace tcosim
