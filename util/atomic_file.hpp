#pragma once
// Output files appear whole or not at all: content goes to a temporary file beside the
// target, which is flushed and renamed over it only on commit(). A crash, an exception or a
// full disk leaves the previous file (or nothing), never half a report. The temporary name is
// unpredictable and created with O_CREAT | O_EXCL | O_NOFOLLOW relative to the opened folder, so
// a link planted in the folder can never redirect the write to another file.
#include <cstdio>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace tcosim {

/// A file being written; destroyed without commit() it removes its temporary file.
class AtomicFile {
 public:
  explicit AtomicFile(std::filesystem::path target);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  void write(std::string_view bytes);
  /// Flushes, syncs and renames into place; throws std::runtime_error naming the file on failure.
  void commit();
  /// The target, and "open" until commit(), "closed" after it (even one that failed).
  std::string to_string() const;

 private:
  void discard() noexcept;

  std::filesystem::path target_;
  std::string target_name_;  ///< target_'s file name, relative to dir_fd_
  std::string temp_name_;    ///< the temporary file's name, relative to dir_fd_
  int dir_fd_ = -1;          ///< the target's folder, opened once
  std::FILE* file_ = nullptr;
};

/// Writes a whole file atomically.
void write_file_atomically(const std::filesystem::path& target, std::string_view bytes);

/// A temporary file name as AtomicFile makes it: "<target>.tmp.<pid of the writer>.<16 random
/// hex digits>" (0.3.0 wrote "<target>.tmp.<pid>", still recognised for clean-up).
struct TempFileName {
  std::string target;  ///< the file name it was to become
  long pid = 0;
  /// "report.md, written by process 4242".
  std::string to_string() const;
};

/// The parts of an AtomicFile temporary name, or nullopt for any other name.
std::optional<TempFileName> parse_temp_file_name(std::string_view name);

/// Removes what a writer killed mid-write left in `dir`: the temporary files of the given
/// targets (file names in `dir`) whose writing process no longer runs. Only regular files
/// named exactly so go; a user's `budget.tmp.xlsx`, a folder, a link or a live writer's file
/// stays, whatever its name.
void remove_stale_temp_files(const std::filesystem::path& dir, std::span<const std::string_view> targets);

}  // namespace tcosim
