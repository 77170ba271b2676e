#include <fmt/format.h>

#include "app/commands.hpp"
#include "input/load_scenario.hpp"

namespace tcosim {

int check_command(const std::vector<std::string>& files) {
  int status = 0;
  for (const std::string& f : files) {
    const ParseResult r = parse_scenario_file(f);
    if (r.scenario) {
      fmt::print("{}: ok\n", f);
    } else {
      print_diagnostics(r.errors);
      status = 1;
    }
  }
  return status;
}

}  // namespace tcosim
