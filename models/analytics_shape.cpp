#include "models/analytics_shape.hpp"

#include <fmt/format.h>

namespace tcosim {

AnalyticsShape AnalyticsShape::of(const Scenario& s, bool streaming) {
  AnalyticsShape a;
  a.options = s.options.size();
  for (Slot k = 0; k < s.inputs.size() && a.options <= kMaxAnalyticsOptions; ++k)
    if (!s.inputs[k].dist.is_constant()) a.binned.push_back(k);
  a.pair_sketches = streaming && a.options <= kMaxPairSketchOptions;
  a.stress_sketches = streaming;
  return a;
}

std::string AnalyticsShape::to_string() const {
  return fmt::format("AnalyticsShape{{{} options, {} binned inputs, {} stress inputs, {}, {}}}", options, binned.size(),
                     stress.size(), pair_sketches ? "pair sketches" : "no pair sketches",
                     stress_sketches ? "stress sketches" : "stress marks");
}

}  // namespace tcosim
