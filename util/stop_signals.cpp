#include "util/stop_signals.hpp"

#include <fmt/format.h>
#include <signal.h>

namespace tcosim {

namespace {

std::atomic<int> g_stop{0};
static_assert(std::atomic<int>::is_always_lock_free, "the flag is written from a signal handler");
struct sigaction g_old_int, g_old_term;

extern "C" void on_stop_signal(int sig) {
  int expected = 0;
  if (!g_stop.compare_exchange_strong(expected, sig)) {
    ::signal(sig, SIG_DFL);  // second signal: the default action, now
    ::raise(sig);
  }
}

}  // namespace

StopSignals::StopSignals() {
  g_stop.store(0);
  struct sigaction sa {};
  sa.sa_handler = on_stop_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;
  ::sigaction(SIGINT, &sa, &g_old_int);
  ::sigaction(SIGTERM, &sa, &g_old_term);
}

StopSignals::~StopSignals() {
  ::sigaction(SIGINT, &g_old_int, nullptr);
  ::sigaction(SIGTERM, &g_old_term, nullptr);
}

const std::atomic<int>& StopSignals::flag() noexcept { return g_stop; }

const char* signal_name(int sig) noexcept {
  switch (sig) {
    case SIGINT: return "SIGINT";
    case SIGTERM: return "SIGTERM";
    default: return "a signal";
  }
}

std::string StopSignals::to_string() const {
  const int sig = flag().load();
  return sig == 0 ? "StopSignals{no stop}" : fmt::format("StopSignals{{stop by {}}}", signal_name(sig));
}

}  // namespace tcosim
