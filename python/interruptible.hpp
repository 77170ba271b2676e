#pragma once
// Long calls from Python: the work runs on its own thread without the GIL (other Python threads
// go on), while the calling thread waits and lets Python handle its signals. Ctrl-C
// (KeyboardInterrupt) sets the run's stop flag, which the runner checks between waves of chunks
// (run/run_config.hpp); the work stops cleanly and KeyboardInterrupt propagates.
#include <pybind11/pybind11.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <future>

#include "run/run_config.hpp"

namespace tcosim::python {

/// Runs `work(stop)` and returns its result; raises KeyboardInterrupt (or whatever Python
/// signal handler raised) after stopping it, or rethrows the work's exception.
template <class Work>
auto run_interruptibly(Work&& work) {
  namespace py = pybind11;
  std::atomic<int> stop{0};
  auto done = std::async(std::launch::async, [&] { return work(stop); });
  for (;;) {
    {
      py::gil_scoped_release released;
      if (done.wait_for(std::chrono::milliseconds(50)) == std::future_status::ready) break;
    }
    if (PyErr_CheckSignals() != 0) {
      stop = SIGINT;
      {
        py::gil_scoped_release released;
        done.wait();
      }
      try {
        done.get();
      } catch (const RunInterrupted&) {
        // The stop we asked for.
      } catch (...) {
        // The signal's exception is what the caller should see.
      }
      throw py::error_already_set();
    }
  }
  return done.get();
}

}  // namespace tcosim::python
