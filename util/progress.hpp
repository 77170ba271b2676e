#pragma once
// Progress of a long run on stderr: a redrawn bar with trials/s and ETA on a terminal,
// a plain log line every few seconds otherwise (so overnight logs stay readable).
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "util/enum_names.hpp"

namespace tcosim {

/// Reports trials done out of a total; update() is cheap when nothing needs printing.
class ProgressReporter {
 public:
  enum class Style { Bar, LogLines, Silent };

  ProgressReporter(std::uint64_t total_trials, Style style, std::FILE* out = stderr,
                   std::chrono::seconds log_interval = std::chrono::seconds(5));
  /// Picks Bar when `out` is a terminal, LogLines otherwise.
  static Style detect_style(std::FILE* out);

  void update(std::uint64_t done);
  /// Final line (the bar is completed and a newline written).
  void finish(std::uint64_t done);
  /// The total and the style, e.g. "ProgressReporter{1000 trials, bar}".
  std::string to_string() const;

 private:
  void print(std::uint64_t done, bool final);

  std::uint64_t total_;
  Style style_;
  std::FILE* out_;
  std::chrono::steady_clock::duration interval_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_print_;
};

/// "bar", "log-lines" or "silent".
constexpr std::string_view to_string(ProgressReporter::Style s) noexcept {
  constexpr EnumNames<ProgressReporter::Style, 3> kNames{{"bar", "log-lines", "silent"}};
  return kNames.of(s);
}

}  // namespace tcosim
