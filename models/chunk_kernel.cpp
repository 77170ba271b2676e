#include "models/chunk_kernel.hpp"

#include <algorithm>

#include "models/trial.hpp"

namespace tcosim {

ChunkKernel::ChunkKernel(const Scenario& s, std::uint64_t seed, Sampling sampling, bool streaming,
                         double sketch_accuracy)
    : s_(&s), sampler_(s, seed, sampling), x_(s.inputs.size()), outcomes_(s.options.size()) {
  if (streaming) sketches_.assign(s.options.size() * kMetricCount, QuantileSketch(sketch_accuracy));
}

void ChunkKernel::run(std::uint64_t first, std::uint64_t last, const ChunkSinks& sinks, ChunkState& st) {
  const Scenario& s = *s_;
  const std::size_t n_opt = s.options.size();
  const std::size_t n_in = s.inputs.size();
  const bool exact = !sinks.stored.empty();
  const double H = s.horizon_months;
  st.reset(n_opt);
  for (std::uint64_t trial = first; trial < last; ++trial) {
    sampler_.sample(trial, x_);
    for (std::size_t o = 0; o < n_opt; ++o) outcomes_[o] = evaluate_option(s, s.options[o], x_);
    const TrialDecision d = decide(outcomes_);
    ++st.best[d.best];
    ++st.fastest[d.fastest];
    for (std::size_t o = 0; o < n_opt; ++o) {
      const OptionOutcome& out = outcomes_[o];
      for (std::size_t m = 0; m < kMetricCount; ++m) {
        const std::size_t k = o * kMetricCount + m;
        st.metrics[k].add(out[m]);
        if (exact) {
          sinks.stored[k][trial] = out[m];
        } else {
          sketches_[k].add(out[m]);
        }
      }
      st.regret[o].add(out[kTotalCost] - d.lowest_cost);
      st.never_on_sale[o] += out[kTtmMonths] >= H ? 1 : 0;
      st.over_budget[o] += out[kTotalCost] > sinks.budget ? 1 : 0;
      st.late[o] += out[kTtmMonths] > sinks.deadline ? 1 : 0;
    }
    if (trial < sinks.sample_rows) {
      double* row = sinks.samples + trial * sinks.sample_width;
      std::copy(x_.begin(), x_.end(), row);
      for (std::size_t o = 0; o < n_opt; ++o)
        std::copy(outcomes_[o].begin(), outcomes_[o].end(), row + n_in + o * kMetricCount);
    }
    if (trial < sinks.sens_rows) {
      double* row = sinks.sens + trial * sinks.sens_width;
      std::copy(x_.begin(), x_.end(), row);
      for (std::size_t o = 0; o < n_opt; ++o) {
        row[n_in + 2 * o] = outcomes_[o][kTotalCost];
        row[n_in + 2 * o + 1] = outcomes_[o][kTtmMonths];
      }
    }
  }
}

}  // namespace tcosim
