#include "util/atomic_file.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
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

}  // namespace tcosim
