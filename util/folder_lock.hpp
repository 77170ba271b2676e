#pragma once
// One tcosim run per output folder: two runs writing into one folder would remove each other's
// temporary files and one would fail late, or both would write a mixed set of results. The
// lock is flock(2) on ".tcosim.lock" in the folder: the kernel releases it when the process
// ends, however it ends, so a killed run never leaves the folder locked.
#include <filesystem>
#include <stdexcept>
#include <string>

namespace tcosim {

/// An output folder already locked by another run (or another lock of this process).
struct FolderLocked : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Holds the lock of an output folder from construction to destruction.
class FolderLock {
 public:
  /// Locks `dir` (which must exist) at once, never waiting: throws FolderLocked naming the
  /// folder and the holder's process id when another run holds it, std::runtime_error naming
  /// the folder when the lock file cannot be opened.
  explicit FolderLock(const std::filesystem::path& dir);
  ~FolderLock();
  FolderLock(const FolderLock&) = delete;
  FolderLock& operator=(const FolderLock&) = delete;

  /// "lock on DIR".
  std::string to_string() const;

 private:
  std::filesystem::path dir_;
  int fd_ = -1;
};

/// The lock file's name inside a locked folder.
inline constexpr const char* kFolderLockFileName = ".tcosim.lock";

}  // namespace tcosim
