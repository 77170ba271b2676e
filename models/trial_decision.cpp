#include "models/trial_decision.hpp"

#include <fmt/format.h>

namespace tcosim {

std::string TrialDecision::to_string() const {
  return fmt::format("TrialDecision{{best={}, fastest={}, lowest_cost={}}}", best, fastest, lowest_cost);
}

}  // namespace tcosim
