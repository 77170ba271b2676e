#include "models/chunk_kernel.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "models/trial.hpp"
#include "models/trial_decision.hpp"

// A chunk is processed as one batch, structure of arrays: the sampler fills one column per
// input for all of the chunk's trials (sim/philox_batch.hpp computes the streams of many trials
// side by side), the options are evaluated over the columns (models/trial.hpp), and the
// moments are taken a column at a time (Moments::of). Each chunk is one batch, so a chunk's
// statistics depend on its trials alone, whichever thread or rank runs it.

namespace tcosim {

ChunkKernel::ChunkKernel(const Scenario& s, std::uint64_t seed, Sampling sampling, bool streaming,
                         double sketch_accuracy)
    : s_(&s),
      sampler_(s, seed, sampling),
      inputs_(s.inputs.size() * kBatch),
      outcomes_(s.options.size() * kMetricCount * kBatch),
      regret_(s.options.size() * kBatch) {
  if (streaming) sketches_.assign(s.options.size() * kMetricCount, QuantileSketch(sketch_accuracy));
}

void ChunkKernel::run(std::uint64_t first, std::uint64_t last, const ChunkSinks& sinks, ChunkState& st) {
  const Scenario& s = *s_;
  const std::size_t n_opt = s.options.size();
  const std::size_t n_in = s.inputs.size();
  const std::size_t series = n_opt * kMetricCount;
  const bool exact = !sinks.stored.empty();
  const double H = s.horizon_months;
  const double* x = inputs_.data();
  double* y = outcomes_.data();
  st.reset(n_opt);
  for (std::uint64_t batch = first; batch < last; batch += kBatch) {
    const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(kBatch, last - batch));
    sampler_.sample_columns(batch, n, inputs_.data(), kBatch);
    for (std::size_t o = 0; o < n_opt; ++o) {
      evaluate_option_columns(s, s.options[o], x, kBatch, n, y + o * kMetricCount * kBatch, kBatch);
    }
    double* regret = regret_.data();
    for (std::size_t t = 0; t < n; ++t) {
      const TrialDecision d = decide(
          n_opt, [&](std::size_t o) { return y[(o * kMetricCount + kTotalCost) * kBatch + t]; },
          [&](std::size_t o) { return y[(o * kMetricCount + kTtmMonths) * kBatch + t]; });
      const double lowest = d.lowest_cost;
      ++st.best[d.best];
      ++st.fastest[d.fastest];
      for (std::size_t o = 0; o < n_opt; ++o) {
        const double cost = y[(o * kMetricCount + kTotalCost) * kBatch + t];
        const double ttm = y[(o * kMetricCount + kTtmMonths) * kBatch + t];
        regret[o * kBatch + t] = cost - lowest;
        st.never_on_sale[o] += ttm >= H ? 1 : 0;
        st.over_budget[o] += cost > sinks.budget ? 1 : 0;
        st.late[o] += ttm > sinks.deadline ? 1 : 0;
      }
    }
    for (std::size_t o = 0; o < n_opt; ++o) st.regret[o].merge(Moments::of(regret + o * kBatch, n));
    for (std::size_t k = 0; k < series; ++k) st.metrics[k].merge(Moments::of(y + k * kBatch, n));
    for (std::size_t k = 0; k < series; ++k) {
      const double* col = y + k * kBatch;
      if (exact) {
        std::copy(col, col + n, sinks.stored[k] + batch);
      } else {
        QuantileSketch& sketch = sketches_[k];
        for (std::size_t t = 0; t < n; ++t) sketch.add(col[t]);
      }
    }
    for (std::uint64_t trial = batch; trial < std::min<std::uint64_t>(batch + n, sinks.sample_rows); ++trial) {
      const std::size_t t = static_cast<std::size_t>(trial - batch);
      double* row = sinks.samples + trial * sinks.sample_width;
      for (std::size_t k = 0; k < n_in; ++k) row[k] = x[k * kBatch + t];
      for (std::size_t k = 0; k < series; ++k) row[n_in + k] = y[k * kBatch + t];
    }
    for (std::uint64_t trial = batch; trial < std::min<std::uint64_t>(batch + n, sinks.sens_rows); ++trial) {
      const std::size_t t = static_cast<std::size_t>(trial - batch);
      double* row = sinks.sens + trial * sinks.sens_width;
      for (std::size_t k = 0; k < n_in; ++k) row[k] = x[k * kBatch + t];
      for (std::size_t o = 0; o < n_opt; ++o) {
        row[n_in + 2 * o] = y[(o * kMetricCount + kTotalCost) * kBatch + t];
        row[n_in + 2 * o + 1] = y[(o * kMetricCount + kTtmMonths) * kBatch + t];
      }
    }
  }
}

std::string ChunkSinks::to_string() const {
  const std::string mode = stored.empty() ? "streaming" : fmt::format("exact, {} series", stored.size());
  return fmt::format("ChunkSinks{{{}, {} sample rows x {}, {} sensitivity rows x {}, budget={}, deadline={}}}", mode,
                     sample_rows, sample_width, sens_rows, sens_width, budget, deadline);
}

std::string ChunkKernel::to_string() const {
  const std::string mode = sketches_.empty() ? "exact" : fmt::format("streaming into {} sketches", sketches_.size());
  return fmt::format("ChunkKernel{{{}, {}}}", sampler_.to_string(), mode);
}

}  // namespace tcosim
