#include "run/stress_pilot.hpp"

#include <algorithm>
#include <limits>
#include <numeric>

#include "models/chunk_kernel.hpp"

namespace tcosim {

StressPilot stress_pilot(const Scenario& s, std::uint64_t seed, Sampling sampling, const AnalyticsShape& shape,
                         std::uint64_t trials) {
  if (shape.options < 2 || shape.binned.empty() || trials == 0) return {};
  AnalyticsShape pilot = shape;
  pilot.stress.clear();
  pilot.pair_sketches = false;
  // Neither streaming nor stored: the pilot wants the bins alone, so no quantile sinks at all.
  StressPilot out;
  out.kernel = std::make_shared<ChunkKernel>(s, seed, sampling, false, 1e-2, pilot);
  ChunkSinks sinks;
  sinks.budget = sinks.deadline = std::numeric_limits<double>::infinity();
  ChunkState st;
  out.kernel->run(0, std::min(trials, kStressPilotTrials), sinks, st);
  std::vector<double> value(shape.binned.size());
  for (std::size_t j = 0; j < value.size(); ++j) value[j] = st.binned.evppi(j, BinVariances{}).value;
  std::vector<std::size_t> order(value.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return value[a] > value[b]; });
  for (std::size_t j : order) {
    if (out.stress.size() == kStressInputs || !(value[j] > 0.0)) break;
    out.stress.push_back(j);
  }
  return out;
}

}  // namespace tcosim
