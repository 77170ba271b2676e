#include "models/trial_sampler.hpp"

#include <algorithm>
#include <stdexcept>

namespace tcosim {

TrialSampler::TrialSampler(const Scenario& s, std::uint64_t seed, Sampling sampling)
    : s_(&s), seed_(seed), sampling_(sampling) {
  if (sampling_ != Sampling::Random) throw std::runtime_error("sampling: lhs is not supported yet");
  if (!s.correlation.empty()) throw std::runtime_error("correlations are not supported yet");
}

void TrialSampler::sample(std::uint64_t trial, std::span<double> x) {
  const std::size_t n = s_->inputs.size();
  for (std::size_t k = 0; k < n; ++k) {
    const InputSpec& in = s_->inputs[k];
    double v;
    if (in.dist.is_constant()) {
      v = in.dist.p[0];
    } else {
      PhiloxStream stream(seed_, trial, in.id);
      v = in.dist.sample(stream);
    }
    x[k] = std::clamp(v, in.lo, in.hi);
  }
}

}  // namespace tcosim
