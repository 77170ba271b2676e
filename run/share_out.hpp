#pragma once
// How batch and sweep spread whole runs over MPI ranks: item k of n runs on rank k mod P, each
// rank describes the items it ran as JSON, and rank 0 takes in the other ranks' descriptions,
// so that it ends up knowing every item (and writes the files) whatever the number of ranks.
#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/communicator.hpp"

namespace tcosim {

/// Runs `run(k)` for every item k < n of this rank, in order; then, when distributed, every
/// rank but 0 sends `encode(k)` (a JSON value) for each of its items and rank 0 calls
/// `decode(k, value)` for each of them. Returns true on rank 0, which then knows every item,
/// and false elsewhere (the rank's part is done). A collective: every rank must call it.
template <class Run, class Encode, class Decode>
bool share_out(Communicator& comm, std::size_t n, Run&& run, Encode&& encode, Decode&& decode) {
  nlohmann::json mine = nlohmann::json::array();
  for (std::size_t k = comm.rank(); k < n; k += comm.size()) {
    run(k);
    if (comm.distributed() && !comm.is_root()) mine.push_back({{"item", k}, {"value", encode(k)}});
  }
  if (!comm.distributed()) return true;
  const std::vector<std::string> all = comm.gather(mine.dump());
  if (!comm.is_root()) return false;
  for (std::size_t r = 1; r < all.size(); ++r)
    for (const nlohmann::json& e : nlohmann::json::parse(all[r]))
      decode(e.at("item").get<std::size_t>(), e.at("value"));
  return true;
}

}  // namespace tcosim
