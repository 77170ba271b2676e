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

/// MODEL.md section 3 for one option, given the trial's inputs.
OptionOutcome evaluate_option(const Scenario& s, const OptionSpec& o, std::span<const double> x) noexcept;
/// The same for trials [0, n) of a column batch (TrialSampler::sample_columns): input k of trial
/// t at cols[k * stride + t]; metric m of trial t goes to out[m * out_stride + t]. Gives exactly
/// the values of evaluate_option trial by trial, computed a vector of trials at a time.
void evaluate_option_columns(const Scenario& s, const OptionSpec& o, const double* cols, std::size_t stride,
                             std::size_t n, double* out, std::size_t out_stride) noexcept;

}  // namespace tcosim
