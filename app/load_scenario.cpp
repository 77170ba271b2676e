#include "app/load_scenario.hpp"

#include <fmt/format.h>

#include "app/commands.hpp"

namespace tcosim {

ParseResult load_scenario(const std::string& path) {
  if (path.empty()) return parse_scenario_text(embedded_default_scenario(), "<embedded scenarios/default.yaml>");
  return parse_scenario_file(path);
}

void print_diagnostics(const Diagnostics& errors) {
  for (const Diagnostic& d : errors) fmt::print(stderr, "error: {}\n", d.to_string());
}

}  // namespace tcosim
