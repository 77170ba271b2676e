#pragma once
// Output files appear whole or not at all: content goes to a temporary file beside the
// target, which is flushed and renamed over it only on commit(). A crash, an exception or a
// full disk leaves the previous file (or nothing), never half a report.
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
  std::filesystem::path target_;
  std::filesystem::path temp_;
  std::FILE* file_ = nullptr;
};

/// Writes a whole file atomically.
void write_file_atomically(const std::filesystem::path& target, std::string_view bytes);

/// A temporary file name as AtomicFile makes it: "<target>.tmp.<pid of the writer>".
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
