#include "run/finite_outcomes.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "models/metric.hpp"

namespace tcosim {

namespace {

bool finite(const Moments& m) {
  return m.n == 0 || (std::isfinite(m.mean) && std::isfinite(m.m2) && std::isfinite(m.min) && std::isfinite(m.max));
}

/// A double as a reader takes it: "not a number" rather than a platform's "-nan".
std::string number(double x) {
  if (std::isnan(x)) return "not a number";
  if (std::isinf(x)) return x > 0 ? "infinite" : "minus infinite";
  return fmt::format("{:.6g}", x);
}

std::string describe(const Moments& m) {
  return fmt::format("mean {}, min {}, max {}, variance {}", number(m.mean), number(m.min), number(m.max),
                     number(m.n > 1 ? m.m2 / static_cast<double>(m.n - 1) : 0.0));
}

/// "option.unit_cost up to 1e+308, market.demand up to 1e+06": the option's and the market's
/// inputs of largest magnitude in the sensitivity subsample, at most three.
std::string largest_inputs(const Scenario& s, const RunState& state, std::size_t o) {
  const std::size_t width = state.shape().sens_width();
  const std::size_t rows = width == 0 ? 0 : state.sens().size() / width;
  const std::string prefix = s.options[o].name + ".";
  std::vector<std::pair<double, std::size_t>> peaks;
  for (std::size_t k = 0; k < s.inputs.size(); ++k) {
    const std::string& path = s.inputs[k].path;
    if (!path.starts_with(prefix) && !path.starts_with("market.")) continue;
    double peak = 0.0;
    for (std::size_t r = 0; r < rows; ++r) peak = std::max(peak, std::fabs(state.sens()[r * width + k]));
    if (peak > 0.0) peaks.emplace_back(peak, k);
  }
  std::stable_sort(peaks.begin(), peaks.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  peaks.resize(std::min<std::size_t>(peaks.size(), 3));
  std::vector<std::string> parts;
  for (const auto& [peak, k] : peaks) parts.push_back(fmt::format("{} up to {}", s.inputs[k].path, number(peak)));
  return parts.empty() ? std::string("none sampled") : fmt::format("{}", fmt::join(parts, ", "));
}

}  // namespace

void check_finite_outcomes(const Scenario& s, const RunState& state, const ChunkState& total) {
  const std::size_t mc = state.shape().metric_count;
  for (std::size_t o = 0; o < state.shape().options; ++o)
    for (std::size_t m = 0; m < mc; ++m) {
      const Moments& moments = total.metrics[o * mc + m];
      if (finite(moments)) continue;
      throw NonFiniteOutcomes(fmt::format(
          "option {}, metric {}: the outcomes are not finite numbers ({}): the scenario's values overflow a "
          "double; largest inputs involved: {}. Check their units and magnitudes; no results were written",
          s.options[o].name, to_string(static_cast<Metric>(m)), describe(moments), largest_inputs(s, state, o)));
    }
}

}  // namespace tcosim
