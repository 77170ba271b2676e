#pragma once
// Helpers shared by the tests: parse an inline scenario (failing the test on any error) and
// pin an input to a constant, e.g. an exponential leak time, to get hand-computable trials.
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "input/scenario_parser.hpp"

namespace tcosim::test {

inline Scenario parse_or_fail(const std::string& yaml, const std::string& name = "test.yaml") {
  ParseResult r = parse_scenario_text(yaml, name);
  for (const Diagnostic& d : r.errors) UNSCOPED_INFO(d.to_string());
  REQUIRE(r.scenario.has_value());
  return *r.scenario;
}

/// Every diagnostic as the user reads it, one per element.
inline std::vector<std::string> error_lines(const Diagnostics& errors) {
  std::vector<std::string> lines;
  for (const Diagnostic& d : errors) lines.push_back(d.to_string());
  return lines;
}

/// Every diagnostic of a parse, one a line: what a failing assertion should show.
inline std::string all_errors(const ParseResult& r) {
  std::string out;
  for (const Diagnostic& d : r.errors) out += d.to_string() + "\n";
  return out;
}

/// tests/data/<name> of the source tree.
inline std::string data_file(const std::string& name) { return std::string(TCOSIM_SOURCE_DIR) + "/tests/data/" + name; }

/// scenarios/default.yaml of the source tree.
inline Scenario default_scenario() {
  std::ifstream in(std::string(TCOSIM_SOURCE_DIR) + "/scenarios/default.yaml");
  std::stringstream ss;
  ss << in.rdbuf();
  return parse_or_fail(ss.str(), "scenarios/default.yaml");
}

/// scenarios/smart-speaker-format1.yaml: the default's product as a format-1 file, for tests of
/// format-1 behaviour (the default itself is format 2).
inline const std::string kFormat1Scenario = std::string(TCOSIM_SOURCE_DIR) + "/scenarios/smart-speaker-format1.yaml";

inline Scenario format1_scenario() {
  std::ifstream in(kFormat1Scenario);
  std::stringstream ss;
  ss << in.rdbuf();
  return parse_or_fail(ss.str(), "scenarios/smart-speaker-format1.yaml");
}

inline Slot slot_of(const Scenario& s, const std::string& path) {
  for (Slot k = 0; k < s.inputs.size(); ++k)
    if (s.inputs[k].path == path) return k;
  throw std::runtime_error("no input " + path);
}

inline void pin_input(Scenario& s, const std::string& path, double value) {
  s.inputs[slot_of(s, path)].dist = Distribution::constant(value);
}

}  // namespace tcosim::test
