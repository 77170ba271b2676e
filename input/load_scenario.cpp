#include "input/load_scenario.hpp"

#include <fmt/format.h>

#include "input/correlation_reader.hpp"

namespace tcosim {

ParseResult load_scenario(const std::string& path, const ParseOptions& options) {
  ParseResult r = path.empty()
                      ? parse_scenario_text(embedded_default_scenario(), "<embedded scenarios/default.yaml>", options)
                      : parse_scenario_file(path, options);
  // A repaired matrix is not what the file says: show the one actually used (stderr, so
  // machine-readable stdout such as replay's JSON stays clean).
  if (r.scenario && r.scenario->correlation.repaired) fmt::print(stderr, "{}\n", describe_correlation(*r.scenario));
  return r;
}

std::optional<Scenario> load_scenario_or_report(const std::string& path, const ParseOptions& options) {
  ParseResult r = load_scenario(path, options);
  if (!r.scenario) print_diagnostics(r.errors);
  return std::move(r.scenario);
}

void print_diagnostics(const Diagnostics& errors) {
  for (const Diagnostic& d : errors) fmt::print(stderr, "error: {}\n", d.to_string());
}

}  // namespace tcosim
