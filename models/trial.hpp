#pragma once
// One trial: draw every input, then evaluate each option's cost and time to market (MODEL.md
// section 3), a trial at a time or a column batch at a time. The run's hot loop is the chunk
// kernel (models/chunk_kernel.hpp), which calls the column form.
#include <cstdint>
#include <span>

#include "models/metric.hpp"
#include "models/scenario.hpp"
#include "models/trial_sampler.hpp"

namespace tcosim {

/// Fills x (one value per Scenario::inputs entry) with trial `trial`'s draws, exactly as a run
/// with that sampling scheme draws them (a one-off TrialSampler; use one directly in loops).
void sample_inputs(const Scenario& s, std::uint64_t seed, std::uint64_t trial, std::span<double> x,
                   Sampling sampling = Sampling::Random);

/// One option's metrics in one trial, given the trial's inputs: MODEL.md section 3, and in
/// format 2 section 7 (models/monthly_model.hpp); metrics past Scenario::metric_count() are 0.
OptionOutcome evaluate_option(const Scenario& s, const OptionSpec& o, std::span<const double> x);
/// MODEL.md section 3 for trials [0, n) of a column batch (TrialSampler::sample_columns): input k
/// of trial t at cols[k * stride + t]; section-3 metric m of trial t goes to
/// out[m * out_stride + t]. Gives exactly the values of evaluate_option trial by trial, computed
/// a vector of trials at a time. Format 2 then runs evaluate_months_columns over the same out.
void evaluate_option_columns(const Scenario& s, const OptionSpec& o, const double* cols, std::size_t stride,
                             std::size_t n, double* out, std::size_t out_stride) noexcept;

}  // namespace tcosim
