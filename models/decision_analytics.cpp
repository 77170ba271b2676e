#include "models/decision_analytics.hpp"

#include <fmt/format.h>

namespace tcosim {

std::string DifferenceDriver::to_string() const {
  return fmt::format("DifferenceDriver{{input=slot {}, spearman={:.4g}, swing={:.6g}}}", input, spearman, swing());
}

std::string PairedDifference::to_string() const {
  return fmt::format("PairedDifference{{{} - {}, mean={:.6g}, p_a_cheaper={:.4g}, {} drivers}}", a, b, difference.mean,
                     p_a_cheaper, drivers.size());
}

std::string InputInformation::to_string() const {
  return fmt::format("InputInformation{{input=slot {}, {}}}", input, estimate.to_string());
}

std::string ValueOfInformation::to_string() const {
  return fmt::format("ValueOfInformation{{evpi={:.6g}, {} inputs}}", evpi, evppi.size());
}

std::string StressCase::to_string() const {
  return fmt::format("StressCase{{input=slot {}, {}, choice={}{}}}", input, high ? "high" : "low", choice,
                     flips ? ", flips" : "");
}

}  // namespace tcosim
