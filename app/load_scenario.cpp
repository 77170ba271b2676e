#include "app/load_scenario.hpp"

#include <fmt/format.h>

#include "app/commands.hpp"

namespace tcosim {

ParseResult load_scenario(const std::string& path, const ParseOptions& options) {
  if (path.empty())
    return parse_scenario_text(embedded_default_scenario(), "<embedded scenarios/default.yaml>", options);
  return parse_scenario_file(path, options);
}

Sampling sampling_or(const std::optional<std::string>& flag, Sampling scenario_default) {
  if (!flag) return scenario_default;
  return *flag == "lhs" ? Sampling::Lhs : Sampling::Random;
}

void print_diagnostics(const Diagnostics& errors) {
  for (const Diagnostic& d : errors) fmt::print(stderr, "error: {}\n", d.to_string());
}

}  // namespace tcosim
