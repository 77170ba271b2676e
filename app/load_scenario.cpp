#include "app/load_scenario.hpp"

#include <fmt/format.h>

#include "app/commands.hpp"
#include "models/correlation_reader.hpp"
#include "sim/byte_size.hpp"

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

std::optional<std::uint64_t> max_memory_flag(const std::string& text) {
  const auto bytes = parse_byte_size(text);
  if (!bytes)
    fmt::print(stderr, "error: --max-memory: expected a size such as 2G, 512M or 1500000000, got '{}'\n", text);
  return bytes;
}

Sampling sampling_or(const std::optional<std::string>& flag, Sampling scenario_default) {
  if (!flag) return scenario_default;
  return *flag == "lhs" ? Sampling::Lhs : Sampling::Random;
}

void print_diagnostics(const Diagnostics& errors) {
  for (const Diagnostic& d : errors) fmt::print(stderr, "error: {}\n", d.to_string());
}

}  // namespace tcosim
