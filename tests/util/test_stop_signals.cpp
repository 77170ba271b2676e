#include <signal.h>

#include <catch2/catch.hpp>

#include "util/stop_signals.hpp"

using namespace tcosim;

TEST_CASE("SIGTERM and SIGINT only set the stop flag while StopSignals lives") {
  {
    const StopSignals guard;
    CHECK(StopSignals::flag().load() == 0);
    ::raise(SIGTERM);
    CHECK(StopSignals::flag().load() == SIGTERM);
  }
  {
    const StopSignals guard;  // a new run starts with a clear flag
    CHECK(StopSignals::flag().load() == 0);
    ::raise(SIGINT);
    CHECK(StopSignals::flag().load() == SIGINT);
  }
  CHECK(std::string(signal_name(SIGINT)) == "SIGINT");
}
