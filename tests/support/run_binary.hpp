#pragma once
// Runs the built tcosim binary through the shell, capturing output and exit status, so the
// command-line contract (exit codes, messages, files written) is tested as users meet it.
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace tcosim::test {

/// The source tree's scenarios/ folder, with a trailing slash.
inline const std::string kScenarios = std::string(TCOSIM_SOURCE_DIR) + "/scenarios/";

struct CommandResult {
  int status = -1;
  std::string output;  ///< stdout, then stderr when merged with 2>&1 by the caller
};

inline CommandResult run_shell(const std::string& command) {
  CommandResult r;
  std::FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return r;
  std::array<char, 4096> buf{};
  std::size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) r.output.append(buf.data(), n);
  const int raw = ::pclose(pipe);
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  return r;
}

/// `tcosim <args>` with stderr merged into the captured output.
inline CommandResult run_tcosim(const std::string& args) {
  return run_shell(std::string(TCOSIM_BINARY) + " " + args + " 2>&1");
}

/// `tcosim <args>` capturing stdout only (stderr discarded), for machine-readable output.
inline CommandResult run_tcosim_stdout(const std::string& args) {
  return run_shell(std::string(TCOSIM_BINARY) + " " + args + " 2>/dev/null");
}

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// Writes `text` to `p`, creating its folder.
inline void write_file(const std::filesystem::path& p, const std::string& text) {
  std::filesystem::create_directories(p.parent_path());
  std::ofstream(p) << text;
}

/// A fresh, empty temporary folder removed at scope exit.
class TempDir {
 public:
  explicit TempDir(const std::string& tag) {
    path_ = std::filesystem::temp_directory_path() / ("tcosim-test-" + tag + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }
  std::string str() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace tcosim::test
