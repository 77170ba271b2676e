#include "run/output_lock.hpp"

#include <fmt/format.h>

#include <exception>
#include <string>
#include <system_error>
#include <utility>

namespace tcosim {

void refuse_on_every_rank(Communicator& comm, std::string message) {
  comm.broadcast(message);
  if (!message.empty()) throw OutputFolderRefused(message);
}

std::unique_ptr<FolderLock> lock_output_folder(Communicator& comm, const std::filesystem::path& dir) {
  std::unique_ptr<FolderLock> lock;
  std::string message;
  if (comm.is_root()) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec)
      message = fmt::format("cannot create output folder {}: {}", dir.string(), ec.message());
    else
      try {
        lock = std::make_unique<FolderLock>(dir);
      } catch (const std::exception& e) {
        message = e.what();
      }
  }
  refuse_on_every_rank(comm, std::move(message));
  return lock;
}

}  // namespace tcosim
