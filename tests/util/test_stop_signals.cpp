#include <signal.h>

#include <catch2/catch.hpp>

#include "support/printable.hpp"
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
  { const StopSignals clear; }  // leave the flag clear: later tests in this process read it
  CHECK(StopSignals::flag().load() == 0);
}

TEST_CASE("StopSignals prints whether and by which signal a stop was asked for") {
  {
    const StopSignals guard;
    CHECK(fmt::format("{}", guard) == "StopSignals{no stop}");
    ::raise(SIGINT);
    CHECK(fmt::format("{}", guard) == "StopSignals{stop by SIGINT}");
  }
  CHECK(std::string(signal_name(SIGUSR1)) == "a signal");
  { const StopSignals clear; }  // leave the flag clear: later tests in this process read it
}
