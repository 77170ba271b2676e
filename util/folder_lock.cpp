#include "util/folder_lock.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <string_view>

namespace tcosim {

namespace {

/// The holder's line from the lock file ("pid 4242"), or "another process" when unreadable.
std::string holder_of(int fd) {
  std::array<char, 64> buf{};
  const ssize_t n = ::pread(fd, buf.data(), buf.size() - 1, 0);
  std::string_view text(buf.data(), n > 0 ? static_cast<std::size_t>(n) : 0);
  if (const auto nl = text.find('\n'); nl != std::string_view::npos) text = text.substr(0, nl);
  if (text.empty() || text.find_first_not_of("0123456789") != std::string_view::npos) return "another process";
  return fmt::format("process {}", text);
}

}  // namespace

FolderLock::FolderLock(const std::filesystem::path& dir) : dir_(dir) {
  const std::filesystem::path file = dir / kFolderLockFileName;
  // O_NOFOLLOW: a link planted at the lock's name must not make tcosim truncate another file.
  fd_ = ::open(file.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, 0644);
  if (fd_ < 0)
    throw std::runtime_error(
        fmt::format("cannot lock output folder {}: {}: {}", dir.string(), file.string(), std::strerror(errno)));
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    const std::string holder = err == EWOULDBLOCK ? holder_of(fd_) : std::string();
    ::close(fd_);
    if (err == EWOULDBLOCK)
      throw FolderLocked(fmt::format(
          "output folder {} is in use by another tcosim run ({} holds {}); wait for it to end or choose another "
          "output folder",
          dir.string(), holder, file.string()));
    throw std::runtime_error(fmt::format("cannot lock output folder {}: {}", dir.string(), std::strerror(err)));
  }
  // Who holds it, for the message a second run prints; the lock itself is the flock, not this.
  const std::string me = fmt::format("{}\n", ::getpid());
  if (::ftruncate(fd_, 0) != 0 || ::pwrite(fd_, me.data(), me.size(), 0) != static_cast<ssize_t>(me.size())) {
    // Only the holder's name is lost; the lock holds.
  }
}

FolderLock::~FolderLock() {
  if (fd_ >= 0) ::close(fd_);
}

std::string FolderLock::to_string() const { return fmt::format("lock on {}", dir_.string()); }

}  // namespace tcosim
