#pragma once
// Claiming an output folder before a run, batch or sweep writes into it: rank 0 creates it and
// takes its lock (util/folder_lock.hpp) for as long as the returned object lives; a refusal
// reaches every rank alike, so that no rank waits in a collective for one that gave up.
#include <filesystem>
#include <memory>
#include <stdexcept>

#include "sim/communicator.hpp"
#include "util/folder_lock.hpp"

namespace tcosim {

/// A set-up refusal every rank throws alike (a locked or unusable output folder, a checkpoint
/// left without --resume); the message names the folder and what to do.
struct OutputFolderRefused : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Rank 0: creates `dir` if needed and locks it; other ranks: null. Throws OutputFolderRefused
/// on every rank when rank 0 could not.
std::unique_ptr<FolderLock> lock_output_folder(Communicator& comm, const std::filesystem::path& dir);

/// Throws OutputFolderRefused on every rank with rank 0's `message`, when it is not empty.
void refuse_on_every_rank(Communicator& comm, std::string message);

}  // namespace tcosim
