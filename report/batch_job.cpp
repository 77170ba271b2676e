#include "report/batch_job.hpp"

#include <fmt/format.h>

namespace tcosim {

std::string BatchJob::to_string() const {
  std::string text =
      fmt::format("{} ({}): {}, {} trials", scenario.empty() ? "-" : scenario, file, tcosim::to_string(status), trials);
  if (!cheapest.empty()) text += fmt::format(", cheapest {} at P50 {}", cheapest, cheapest_p50);
  if (!error.empty()) text += fmt::format(", error: {}", error.substr(0, error.find('\n')));
  return text;
}

}  // namespace tcosim
