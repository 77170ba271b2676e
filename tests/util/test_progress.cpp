#include <catch2/catch.hpp>
#include <cstdio>
#include <string>

#include "support/printable.hpp"
#include "util/progress.hpp"

namespace {

std::string run_reporter(tcosim::ProgressReporter::Style style) {
  std::FILE* f = std::tmpfile();
  tcosim::ProgressReporter p(1000, style, f, std::chrono::seconds(0));
  p.update(500);
  p.finish(1000);
  std::fflush(f);
  std::rewind(f);
  std::string out;
  for (int c; (c = std::fgetc(f)) != EOF;) out += static_cast<char>(c);
  std::fclose(f);
  return out;
}

}  // namespace

TEST_CASE("log-line progress prints whole lines with counts, rate and ETA") {
  const std::string out = run_reporter(tcosim::ProgressReporter::Style::LogLines);
  CHECK(out.find("progress: 500/1000 trials (50.0%)") != std::string::npos);
  CHECK(out.find("progress: 1000/1000 trials (100.0%)") != std::string::npos);
  CHECK(out.find("trials/s") != std::string::npos);
  CHECK(out.find("ETA") != std::string::npos);
  CHECK(out.find('\r') == std::string::npos);
}

TEST_CASE("the terminal bar redraws in place and ends with a newline") {
  const std::string out = run_reporter(tcosim::ProgressReporter::Style::Bar);
  CHECK(out.find('\r') != std::string::npos);
  CHECK(out.find("100.0%") != std::string::npos);
  CHECK(out.back() == '\n');
}

TEST_CASE("silent progress prints nothing") { CHECK(run_reporter(tcosim::ProgressReporter::Style::Silent).empty()); }

TEST_CASE("a progress reporter prints its total and style") {
  using Style = tcosim::ProgressReporter::Style;
  CHECK(fmt::format("{}", tcosim::ProgressReporter(1000, Style::LogLines, nullptr)) ==
        "ProgressReporter{1000 trials, log-lines}");
  CHECK(fmt::format("{} {} {}", Style::Bar, Style::LogLines, Style::Silent) == "bar log-lines silent");
}
