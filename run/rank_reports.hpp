#pragma once
// batch and sweep under MPI: each rank describes the items it ran as a JSON array, and rank 0
// collects the other ranks' entries to write the catalogue and the summary files.
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "sim/communicator.hpp"

namespace tcosim {

/// At rank 0: the entries of every other rank's `mine` array, in rank order. Elsewhere: nullopt
/// (the caller's part is done). A collective: every rank must call it once.
inline std::optional<std::vector<nlohmann::json>> reports_from_other_ranks(Communicator& comm,
                                                                           const nlohmann::json& mine) {
  const std::vector<std::string> all = comm.gather(mine.dump());
  if (!comm.is_root()) return std::nullopt;
  std::vector<nlohmann::json> entries;
  for (std::size_t r = 1; r < all.size(); ++r)
    for (auto& e : nlohmann::json::parse(all[r])) entries.push_back(std::move(e));
  return entries;
}

}  // namespace tcosim
