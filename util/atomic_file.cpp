#include "util/atomic_file.hpp"

#include <fmt/format.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <stdexcept>
#include <system_error>

namespace tcosim {

namespace {

[[noreturn]] void fail(const std::filesystem::path& p, const char* what, int err) {
  throw std::runtime_error("cannot " + std::string(what) + " " + p.string() + ": " + std::strerror(err));
}

}  // namespace

AtomicFile::AtomicFile(std::filesystem::path target) : target_(std::move(target)) {
  temp_ = target_;
  temp_ += ".tmp." + std::to_string(::getpid());
  file_ = std::fopen(temp_.c_str(), "wb");
  if (!file_) fail(temp_, "create", errno);
}

AtomicFile::~AtomicFile() {
  if (file_) {
    std::fclose(file_);
    std::error_code ec;
    std::filesystem::remove(temp_, ec);
  }
}

void AtomicFile::write(std::string_view bytes) {
  if (!file_) throw std::logic_error("AtomicFile::write after commit");
  if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) fail(temp_, "write", errno);
}

void AtomicFile::commit() {
  if (!file_) throw std::logic_error("AtomicFile::commit twice");
  if (std::fflush(file_) != 0 || ::fsync(::fileno(file_)) != 0) fail(temp_, "write", errno);
  std::FILE* f = file_;
  file_ = nullptr;
  if (std::fclose(f) != 0) {
    const int err = errno;
    std::error_code ec;
    std::filesystem::remove(temp_, ec);
    fail(temp_, "write", err);
  }
  if (std::rename(temp_.c_str(), target_.c_str()) != 0) {
    const int err = errno;
    std::error_code ec;
    std::filesystem::remove(temp_, ec);
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
  const std::string_view digits = name.substr(at + kMark.size());
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
