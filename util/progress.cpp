#include "util/progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <string>

namespace tcosim {

namespace {

std::string format_duration(double seconds) {
  if (!(seconds >= 0.0) || seconds > 1e8) return "--:--";
  const auto s = static_cast<long long>(seconds + 0.5);
  if (s >= 3600) return fmt::format("{}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60);
  return fmt::format("{:02}:{:02}", s / 60, s % 60);
}

}  // namespace

ProgressReporter::ProgressReporter(std::uint64_t total_trials, Style style, std::FILE* out,
                                   std::chrono::seconds log_interval)
    : total_(total_trials),
      style_(style),
      out_(out),
      interval_(style == Style::Bar ? std::chrono::milliseconds(200)
                                    : std::chrono::duration_cast<std::chrono::milliseconds>(log_interval)),
      start_(std::chrono::steady_clock::now()),
      last_print_(start_) {}

ProgressReporter::Style ProgressReporter::detect_style(std::FILE* out) {
  return ::isatty(::fileno(out)) ? Style::Bar : Style::LogLines;
}

void ProgressReporter::update(std::uint64_t done) {
  if (style_ == Style::Silent) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_print_ < interval_) return;
  last_print_ = now;
  print(done, false);
}

void ProgressReporter::finish(std::uint64_t done) {
  if (style_ == Style::Silent) return;
  print(done, true);
}

void ProgressReporter::print(std::uint64_t done, bool final) {
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0.0;
  const double frac = total_ ? static_cast<double>(done) / static_cast<double>(total_) : 1.0;
  const double eta = rate > 0 ? static_cast<double>(total_ - done) / rate : -1.0;
  if (style_ == Style::Bar) {
    constexpr int kWidth = 30;
    const int filled = static_cast<int>(frac * kWidth);
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.resize(kWidth, '.');
    fmt::print(out_, "\r[{}] {:5.1f}%  {}/{} trials  {:.3g} trials/s  ETA {}  ", bar, 100 * frac, done, total_, rate,
               final ? std::string("00:00") : format_duration(eta));
    if (final) fmt::print(out_, "\n");
  } else {
    fmt::print(out_, "progress: {}/{} trials ({:.1f}%), {:.3g} trials/s, elapsed {}, ETA {}\n", done, total_,
               100 * frac, rate, format_duration(elapsed), final ? std::string("00:00") : format_duration(eta));
  }
  std::fflush(out_);
}

std::string ProgressReporter::to_string() const {
  return fmt::format("ProgressReporter{{{} trials, {}}}", total_, tcosim::to_string(style_));
}

}  // namespace tcosim
