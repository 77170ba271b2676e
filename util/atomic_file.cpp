#include "util/atomic_file.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <sys/random.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <stdexcept>
#include <system_error>
#include <utility>

namespace tcosim {

namespace {

[[noreturn]] void fail(const std::filesystem::path& p, const char* what, int err) {
  throw std::runtime_error("cannot " + std::string(what) + " " + p.string() + ": " + std::strerror(err));
}

/// 16 hex digits from the kernel's random source: a name no other user can guess in advance.
std::string random_suffix() {
  std::uint64_t r = 0;
  if (::getrandom(&r, sizeof r, 0) != static_cast<ssize_t>(sizeof r))
    throw std::runtime_error(std::string("cannot draw a random temporary file name: ") + std::strerror(errno));
  return fmt::format("{:016x}", r);
}

constexpr int kCreateAttempts = 8;

}  // namespace

AtomicFile::AtomicFile(std::filesystem::path target) : target_(std::move(target)) {
  target_name_ = target_.filename().string();
  if (target_name_.empty()) fail(target_, "create", EISDIR);
  const std::filesystem::path dir = target_.has_parent_path() ? target_.parent_path() : std::filesystem::path(".");
  dir_fd_ = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd_ < 0) fail(target_, "create", errno);
  int fd = -1;
  for (int attempt = 0; fd < 0 && attempt < kCreateAttempts; ++attempt) {
    temp_name_ = fmt::format("{}.tmp.{}.{}", target_name_, ::getpid(), random_suffix());
    fd = ::openat(dir_fd_, temp_name_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd < 0 && errno != EEXIST) break;
  }
  if (fd >= 0) file_ = ::fdopen(fd, "wb");
  if (!file_) {
    const int err = errno;
    if (fd >= 0) ::close(fd);
    ::close(std::exchange(dir_fd_, -1));
    fail(dir / temp_name_, "create", err);
  }
}

AtomicFile::~AtomicFile() {
  if (file_) {
    std::fclose(file_);
    discard();
  }
  if (dir_fd_ >= 0) ::close(dir_fd_);
}

void AtomicFile::discard() noexcept { ::unlinkat(dir_fd_, temp_name_.c_str(), 0); }

void AtomicFile::write(std::string_view bytes) {
  if (!file_) throw std::logic_error("AtomicFile::write after commit");
  if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size())
    fail(target_.parent_path() / temp_name_, "write", errno);
}

void AtomicFile::commit() {
  if (!file_) throw std::logic_error("AtomicFile::commit twice");
  const std::filesystem::path temp = target_.parent_path() / temp_name_;
  if (std::fflush(file_) != 0 || ::fsync(::fileno(file_)) != 0) fail(temp, "write", errno);
  std::FILE* f = std::exchange(file_, nullptr);
  if (std::fclose(f) != 0) {
    const int err = errno;
    discard();
    fail(temp, "write", err);
  }
  if (::renameat(dir_fd_, temp_name_.c_str(), dir_fd_, target_name_.c_str()) != 0) {
    const int err = errno;
    discard();
    fail(target_, "rename into", err);
  }
}

void write_file_atomically(const std::filesystem::path& target, std::string_view bytes) {
  AtomicFile f(target);
  f.write(bytes);
  f.commit();
}

std::string AtomicFile::to_string() const {
  return fmt::format("AtomicFile{{{}, {}}}", target_.string(), file_ ? "open" : "closed");
}

std::string TempFileName::to_string() const { return fmt::format("{}, written by process {}", target, pid); }

std::optional<TempFileName> parse_temp_file_name(std::string_view name) {
  constexpr std::string_view kMark = ".tmp.";
  const std::size_t at = name.rfind(kMark);
  if (at == std::string_view::npos || at == 0) return std::nullopt;
  std::string_view digits = name.substr(at + kMark.size());
  // "<pid>.<16 hex digits>" since 0.4; a bare "<pid>" before.
  if (const std::size_t dot = digits.find('.'); dot != std::string_view::npos) {
    const std::string_view suffix = digits.substr(dot + 1);
    if (suffix.size() != 16 || suffix.find_first_not_of("0123456789abcdef") != std::string_view::npos)
      return std::nullopt;
    digits = digits.substr(0, dot);
  }
  TempFileName t{std::string(name.substr(0, at)), 0};
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), t.pid);
  if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() || t.pid <= 0) return std::nullopt;
  return t;
}

void remove_stale_temp_files(const std::filesystem::path& dir, std::span<const std::string_view> targets) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const auto t = parse_temp_file_name(entry.path().filename().string());
    if (!t || std::find(targets.begin(), targets.end(), t->target) == targets.end()) continue;
    if (!entry.is_regular_file(ec) || entry.is_symlink(ec)) continue;
    // kill(pid, 0) asks whether the process exists without signalling it.
    if (::kill(static_cast<pid_t>(t->pid), 0) == 0 || errno != ESRCH) continue;
    std::filesystem::remove(entry.path(), ec);
  }
}

}  // namespace tcosim
