#pragma once
// How batch and sweep spread whole runs over MPI ranks: item k of n runs on rank k mod P. Every
// other rank sends rank 0 the description (JSON) of each item it ran as soon as the item ends,
// and rank 0, whose own items run on a second thread meanwhile, takes each in as it arrives; so
// rank 0 ends up knowing every item (and writes the files) whatever the number of ranks, and a
// batch's catalogue learns of each ending at once, not when the last rank finishes: a job that
// dies at 03:00 keeps what the other ranks finished at 01:00 (docs/overnight.md).
#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <exception>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "sim/communicator.hpp"

namespace tcosim {

/// How long rank 0 sleeps between looks for the other ranks' endings: an ending reaches it at
/// most this late, and the looking costs nothing measurable beside a run's threads (a blocking
/// MPI receive would spin a core in OpenMPI).
inline constexpr std::chrono::milliseconds kShareOutPoll{20};

/// Runs `run(k)` for every item k < n of this rank, in order. Distributed, every rank but 0
/// sends `encode(k)` (a JSON value) to rank 0 as soon as `run(k)` returns, and rank 0 calls
/// `decode(k, value)` for each as it arrives, on the calling thread, while its own items run on
/// a second thread; so `run` on rank 0 must make no MPI call (a batch's or a sweep's item runs
/// whole on one process), and `run` and `decode` on rank 0 may run at once (on distinct items).
/// Returns true on rank 0 once it knows every item, false elsewhere once the rank's items are
/// sent. Every rank must call it. An exception from `run` on rank 0 is rethrown once its own
/// thread has stopped, without waiting for the other ranks (one from `decode`, or a message
/// that names no item of its sender, once rank 0's own items have ended); on another rank it
/// leaves at once (the launcher then ends the job).
template <class Run, class Encode, class Decode>
bool share_out(Communicator& comm, std::size_t n, Run&& run, Encode&& encode, Decode&& decode) {
  const std::size_t ranks = comm.size();
  auto run_mine = [&] {
    for (std::size_t k = comm.rank(); k < n; k += ranks) {
      run(k);
      if (!comm.is_root()) comm.send(0, nlohmann::json{{"item", k}, {"value", encode(k)}}.dump());
    }
  };
  const std::size_t others = n - (n + ranks - 1) / ranks;  // items of ranks other than 0
  if (!comm.is_root() || others == 0) {
    run_mine();
    return comm.is_root();
  }

  std::exception_ptr failed;
  std::atomic<bool> done{false};
  std::jthread own([&] {
    try {
      run_mine();
    } catch (...) {
      failed = std::current_exception();
    }
    done.store(true, std::memory_order_release);
  });
  std::vector<bool> arrived(n, false);
  for (std::size_t waiting = others; waiting > 0;) {
    if (done.load(std::memory_order_acquire) && failed) break;
    const std::optional<Communicator::Message> m = comm.try_receive();
    if (!m) {
      std::this_thread::sleep_for(kShareOutPoll);
      continue;
    }
    const nlohmann::json e = nlohmann::json::parse(m->bytes);
    const std::size_t k = e.at("item").get<std::size_t>();
    if (k >= n || k % ranks != m->from || arrived[k])
      throw std::runtime_error(
          fmt::format("rank {} reported item {} of {}: not an item it has left to report", m->from, k, n));
    arrived[k] = true;
    decode(k, e.at("value"));
    --waiting;
  }
  own.join();
  if (failed) std::rethrow_exception(failed);
  return true;
}

}  // namespace tcosim
