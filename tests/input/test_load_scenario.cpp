// Loading a scenario for a subcommand (input/load_scenario.hpp): a file or the embedded
// default, with what must be said on stderr.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <string>

#include "input/load_scenario.hpp"
#include "support/run_binary.hpp"
#include "support/scenario_fixtures.hpp"

namespace tcosim {

namespace {

/// Everything written to stderr (the file descriptor) while it lives.
class StderrCapture {
 public:
  StderrCapture() : file_(std::tmpfile()) {
    std::fflush(stderr);
    saved_ = ::dup(2);
    ::dup2(::fileno(file_), 2);
  }
  ~StderrCapture() {
    restore();
    std::fclose(file_);
  }
  std::string text() {
    restore();
    std::string out;
    std::rewind(file_);
    char buffer[4096];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, file_)) > 0;) out.append(buffer, n);
    return out;
  }

 private:
  void restore() {
    if (saved_ < 0) return;
    std::fflush(stderr);
    ::dup2(saved_, 2);
    ::close(saved_);
    saved_ = -1;
  }
  std::FILE* file_;
  int saved_ = -1;
};

const std::string kInconsistentScenario = R"(tcosim: 1
name: repaired
horizon_months: 24
market:
  demand_units: {dist: uniform, min: 1000, max: 2000}
  unit_margin: {dist: uniform, min: 10, max: 20}
options:
  - name: a
    model: oem
    unit_cost: {dist: uniform, min: 5, max: 6}
  - name: b
    model: odm
    unit_cost: 7
correlations:
  - [market.demand_units, market.unit_margin, 0.9]
  - [market.unit_margin, a.unit_cost, 0.9]
  - [market.demand_units, a.unit_cost, -0.9]
)";

}  // namespace

TEST_CASE("with no path the embedded copy of scenarios/default.yaml is loaded") {
  CHECK(embedded_default_scenario() == test::read_file(std::string(TCOSIM_SOURCE_DIR) + "/scenarios/default.yaml"));
  const ParseResult r = load_scenario("");
  REQUIRE(r.scenario.has_value());
  CHECK(r.scenario->name == test::default_scenario().name);
  CHECK(r.scenario->source == "<embedded scenarios/default.yaml>");
}

TEST_CASE("a missing file is a diagnostic naming the file, printed by load_scenario_or_report") {
  const std::string path = "/nonexistent/tcosim/missing.yaml";
  const ParseResult r = load_scenario(path);
  CHECK_FALSE(r.scenario.has_value());
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].file == path);

  StderrCapture capture;
  CHECK_FALSE(load_scenario_or_report(path).has_value());
  CHECK(capture.text() == "error: " + r.errors[0].to_string() + "\n");
}

TEST_CASE("a repaired correlation matrix is announced on stderr, a consistent one is not") {
  test::TempDir dir("load-scenario");
  const std::string path = (dir.path() / "repaired.yaml").string();
  std::ofstream(path) << kInconsistentScenario;
  ParseOptions repair;
  repair.repair_correlations = true;

  StderrCapture capture;
  const auto s = load_scenario_or_report(path, repair);
  const std::string said = capture.text();
  REQUIRE(s.has_value());
  CHECK(s->correlation.repaired);
  CHECK(said.find("nearest valid correlation matrix") != std::string::npos);
  CHECK(said.find("changed (requested -> used):") != std::string::npos);

  StderrCapture quiet;
  REQUIRE(load_scenario("").scenario.has_value());
  CHECK(quiet.text().empty());
}

TEST_CASE("print_diagnostics writes one error line per diagnostic") {
  StderrCapture capture;
  print_diagnostics({Diagnostic{"f.yaml", 1, 2, "name", "bad"}, Diagnostic{"f.yaml", 0, 0, "", "empty"}});
  CHECK(capture.text() == "error: f.yaml:1:2: name: bad\nerror: f.yaml: empty\n");
}

}  // namespace tcosim
