// libFuzzer target: arbitrary bytes through the scenario parser (scripts/fuzz.sh).
//
// The input is a scenario file. Comment lines of the form `#set PATH=VALUE` also become
// `--set` overrides (ParseOptions::overrides) and a line `#repair` sets repair_correlations,
// so the override path is fuzzed from the same corpus without changing what YAML sees.
//
// The contract checked: parse_scenario_text never throws and returns either a scenario or a
// non-empty list of diagnostics, never both; every diagnostic names the file, has a message
// and a plausible position; a scenario is internally consistent (slots in range, unique
// stream ids, a square correlation factor) and every input draws a number, never NaN.
// Anything else aborts, which libFuzzer reports as a crash with the input saved.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <set>
#include <string>
#include <string_view>
#include <typeinfo>
#include <vector>

#include "input/scenario_overrides.hpp"
#include "input/scenario_parser.hpp"
#include "sim/philox_stream.hpp"

namespace {

using namespace tcosim;

constexpr const char* kSource = "fuzz.yaml";
constexpr std::size_t kMaxOverrides = 8;

[[noreturn]] void fail(const std::string& what, std::string_view text) {
  std::fprintf(stderr, "\ncontract violated: %s\ninput (%zu bytes):\n%.*s\n", what.c_str(), text.size(),
               static_cast<int>(std::min<std::size_t>(text.size(), 4000)), text.data());
  std::abort();
}

void check(bool ok, const std::string& what, std::string_view text) {
  if (!ok) fail(what, text);
}

ParseOptions options_from_comments(std::string_view text) {
  ParseOptions options;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    if (line.starts_with("#set ") && options.overrides.size() < kMaxOverrides) {
      options.overrides.emplace_back(line.substr(5));
    } else if (line == "#repair") {
      options.repair_correlations = true;
    }
    start = end + 1;
  }
  return options;
}

void check_diagnostics(const Diagnostics& errors, std::string_view text) {
  // yaml-cpp counts '\n', '\r' and "\r\n" as line breaks; a mark may sit one past the last.
  const int lines =
      2 + static_cast<int>(std::count_if(text.begin(), text.end(), [](char c) { return c == '\n' || c == '\r'; }));
  for (const Diagnostic& d : errors) {
    const std::string shown = d.to_string();
    check(d.file == kSource, "a diagnostic names the wrong file: " + shown, text);
    check(!d.message.empty(), "a diagnostic has an empty message: " + shown, text);
    check(d.line >= 0 && d.line <= lines, "a diagnostic's line is out of range: " + shown, text);
    check(d.column >= 0, "a diagnostic's column is negative: " + shown, text);
    check(d.line > 0 || d.column == 0, "a diagnostic has a column but no line: " + shown, text);
    check(shown.starts_with(kSource), "a diagnostic does not start with the file name: " + shown, text);
  }
}

void check_scenario(const Scenario& s, const ParseOptions& options, std::string_view text) {
  check(s.source == kSource, "Scenario::source is not the name given", text);
  check(s.sha256 == scenario_sha256(text, options.overrides), "Scenario::sha256 is not the content hash", text);
  check(!s.name.empty(), "a scenario without a name", text);
  check(std::isfinite(s.horizon_months) && s.horizon_months > 0, "horizon_months not finite and > 0", text);
  check(s.run.trials >= 1, "run.trials < 1", text);
  check(s.options.size() >= 2, "fewer than 2 options", text);
  const std::size_t n = s.inputs.size();
  check(s.demand_units < n && s.unit_margin < n, "a market slot out of range", text);
  std::set<std::uint32_t> ids;
  std::set<std::string> paths;
  for (const InputSpec& in : s.inputs) {
    check(ids.insert(in.id).second, "two inputs share a stream id: " + in.path, text);
    check(paths.insert(in.path).second, "two inputs share a path: " + in.path, text);
    check(in.id == input_id_for(in.path), "an input's id is not the hash of its path: " + in.path, text);
    check(!(in.lo > in.hi), "an input's clamp is empty: " + in.path, text);
    PhiloxStream stream(s.run.seed, 0, in.id);
    for (int k = 0; k < 4; ++k) {
      const double x = in.dist.sample(stream);
      check(!std::isnan(x), "input " + in.path + " (" + in.dist.describe() + ") draws NaN", text);
    }
  }
  std::set<std::string> names;
  for (const OptionSpec& o : s.options) {
    check(names.insert(o.name).second, "two options share a name: " + o.name, text);
    for (Slot slot : {o.design_cost, o.tooling_cost, o.unit_cost, o.freight_per_unit, o.duty_rate, o.defect_rate, o.moq,
                      o.development_months, o.production_months}) {
      check(slot < n, "an option slot out of range: " + o.name, text);
    }
    for (const auto* events : {&o.delays, &o.risks}) {
      for (const EventSlots& e : *events) check(e.occurs < n && e.amount < n, "an event slot out of range", text);
    }
    if (o.has_ip_leak) {
      check(o.ip_leak.time < n && o.ip_leak.margin_loss < n && o.ip_leak.response_cost < n,
            "an ip_leak slot out of range", text);
    }
  }
  const CorrelationSpec& c = s.correlation;
  const std::size_t m = c.slots.size();
  for (Slot slot : c.slots) check(slot < n, "a correlation slot out of range", text);
  if (m > 0) {
    check(c.spearman.size() == m * m && c.pearson.size() == m * m && c.cholesky.size() == m * m,
          "correlation matrices of the wrong size", text);
    for (double v : c.cholesky) check(std::isfinite(v), "a non-finite Cholesky factor", text);
  }
  check(!c.repaired || options.repair_correlations, "a matrix repaired without being asked", text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const ParseOptions options = options_from_comments(text);
  ParseResult r;
  try {
    r = parse_scenario_text(text, kSource, options);
  } catch (const std::exception& e) {
    fail(std::string("parse_scenario_text threw ") + typeid(e).name() + ": " + e.what(), text);
  } catch (...) {
    fail("parse_scenario_text threw a non-standard exception", text);
  }
  // TCOSIM_FUZZ_PRINT=1 shows what the parser said, when replaying an input by hand.
  static const bool print = std::getenv("TCOSIM_FUZZ_PRINT") != nullptr;
  if (print) {
    for (const Diagnostic& d : r.errors) std::fprintf(stderr, "%s\n", d.to_string().c_str());
    if (r.scenario) std::fprintf(stderr, "ok: %zu inputs\n", r.scenario->inputs.size());
  }
  check(r.scenario.has_value() != !r.errors.empty(), "a result with both or neither of a scenario and errors", text);
  check_diagnostics(r.errors, text);
  if (r.scenario) check_scenario(*r.scenario, options, text);
  return 0;
}
