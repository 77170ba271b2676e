#pragma once
// Draws one trial's inputs. A sampler object (one per thread) exists so that per-block work
// — Latin hypercube permutations — is done once per block of trials, not once per trial;
// every value is still a pure function of (seed, trial, input), whatever order trials come in.
#include <cstdint>
#include <span>
#include <vector>

#include "models/scenario.hpp"

namespace tcosim {

/// Trials per Latin hypercube block: each input is stratified into this many equal-probability
/// strata, each hit exactly once by the block's trials. Equal to the runner's chunk size.
inline constexpr std::uint64_t kLhsBlockTrials = 4096;

/// Fills a trial's input array: random or Latin hypercube uniforms, the Gaussian copula for
/// correlated inputs, each marginal's transform, then MODEL.md's clamps.
class TrialSampler {
 public:
  TrialSampler(const Scenario& s, std::uint64_t seed, Sampling sampling);
  /// x has one entry per Scenario::inputs.
  void sample(std::uint64_t trial, std::span<double> x);

 private:
  const Scenario* s_;
  std::uint64_t seed_;
  Sampling sampling_;
  std::vector<double> z_;  ///< copula scratch
};

}  // namespace tcosim
