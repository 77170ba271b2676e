#include "models/chunk_kernel.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <limits>
#include <stdexcept>

#include "models/analytics_columns.hpp"
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
    : ChunkKernel(s, seed, sampling, streaming, sketch_accuracy, AnalyticsShape{s.options.size(), {}, {}, false}) {
  analytics_on_ = false;
}

ChunkKernel::ChunkKernel(const Scenario& s, std::uint64_t seed, Sampling sampling, bool streaming,
                         double sketch_accuracy, AnalyticsShape analytics)
    : s_(&s),
      sampler_(s, seed, sampling),
      inputs_(s.inputs.size() * kBatch),
      outcomes_(s.options.size() * s.series_per_option() * kBatch),
      regret_(s.options.size() * kBatch),
      scratch_(s) {
  shape_sinks(streaming, sketch_accuracy, std::move(analytics));
}

ChunkKernel::ChunkKernel(ChunkKernel&& finished, bool streaming, double sketch_accuracy, AnalyticsShape analytics)
    : ChunkKernel(std::move(finished)) {
  shape_sinks(streaming, sketch_accuracy, std::move(analytics));
}

void ChunkKernel::shape_sinks(bool streaming, double sketch_accuracy, AnalyticsShape analytics) {
  const Scenario& s = *s_;
  analytics_ = std::move(analytics);
  sketches_.clear();
  if (streaming) sketches_.assign(s.options.size() * s.series_per_option(), QuantileSketch(sketch_accuracy));
  analytics_sketches_ = sketches_.size();
  sketches_.resize(sketches_.size() + analytics_.sketch_count(), QuantileSketch(sketch_accuracy));
  replicates_ = replicates_kept(sampler_.sampling(), !streaming);
  replicate_sketches_ = sketches_.size();
  sketches_.resize(sketches_.size() + replicates_ * s.options.size() * s.metric_count(),
                   QuantileSketch(sketch_accuracy));
  // The pair layout is the scenario's, whatever options count a hand-made shape carries.
  analytics_.options = s.options.size();
  analytics_on_ = s.options.size() >= 2;
  if (analytics_.stress.size() > kStressInputs)
    throw std::logic_error(
        fmt::format("ChunkKernel: {} stress inputs, a stress mark holds {}", analytics_.stress.size(), kStressInputs));
  bins_.clear();
  rows_.clear();
  joint_.clear();
  if (!analytics_.binned.empty()) {
    // The sampler writes one row of bins per input it bins; the shape must bin the same ones.
    if (sampler_.bin_rows() != analytics_.binned.size())
      throw std::logic_error(fmt::format("ChunkKernel: the sampler bins {} inputs, the analytics shape {}",
                                         sampler_.bin_rows(), analytics_.binned.size()));
    bins_.resize(analytics_.binned.size() * kBatch);
    const BinnedOutcomes shape(1, s.options.size());
    rows_.resize(shape.width() * kBatch);
    joint_ = shape.workspace();
  }
  best_.resize(kBatch);
  diff_.resize(kBatch);
  picked_.assign(analytics_.stress.empty() ? 0 : 2 * kBatch, 0);
}

void ChunkKernel::run(std::uint64_t first, std::uint64_t last, const ChunkSinks& sinks, ChunkState& st) {
  const Scenario& s = *s_;
  const std::size_t n_opt = s.options.size();
  const std::size_t n_in = s.inputs.size();
  const std::size_t mc = s.metric_count();
  const std::size_t per_option = s.series_per_option();
  const std::size_t series = n_opt * per_option;
  const std::size_t cost_metric = s.decision_metric();
  const bool format2 = s.format >= 2;
  const double runway = s.runway.value_or(std::numeric_limits<double>::infinity());
  const bool exact = !sinks.stored.empty();
  const double H = s.horizon_months;
  const double* x = inputs_.data();
  double* y = outcomes_.data();
  // Column of option o's value j (a metric, or month end j - mc of its cash curve).
  const auto col_of = [y, per_option](std::size_t o, std::size_t j) { return y + (o * per_option + j) * kBatch; };
  const bool binned = !analytics_.binned.empty();
  // The first batch's bins replace the state's sums (a reused state's bins would otherwise be
  // zeroed in one pass and filled in another); a chunk without trials, or a kernel that adds
  // no analytics, gets zeros.
  st.reset(n_opt, mc, analytics_.binned.size(), analytics_.stress.size(), replicates_, first >= last || !analytics_on_);
  for (std::uint64_t batch = first; batch < last; batch += kBatch) {
    const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(kBatch, last - batch));
    sampler_.sample_columns(batch, n, inputs_.data(), kBatch, binned ? bins_.data() : nullptr);
    for (std::size_t o = 0; o < n_opt; ++o) {
      evaluate_option_columns(s, s.options[o], x, kBatch, n, col_of(o, 0), kBatch);
      if (format2) evaluate_months_columns(s, s.options[o], x, kBatch, n, col_of(o, 0), kBatch, scratch_);
    }
    double* regret = regret_.data();
    for (std::size_t t = 0; t < n; ++t) {
      const TrialDecision d = decide(
          n_opt, [&](std::size_t o) { return col_of(o, cost_metric)[t]; },
          [&](std::size_t o) { return col_of(o, kTtmMonths)[t]; });
      const double lowest = d.lowest_cost;
      ++st.best[d.best];
      ++st.fastest[d.fastest];
      for (std::size_t o = 0; o < n_opt; ++o) {
        const double cost = col_of(o, cost_metric)[t];
        const double ttm = col_of(o, kTtmMonths)[t];
        regret[o * kBatch + t] = cost - lowest;
        st.never_on_sale[o] += ttm >= H ? 1 : 0;
        st.over_budget[o] += col_of(o, kTotalCost)[t] > sinks.budget ? 1 : 0;
        st.late[o] += ttm > sinks.deadline ? 1 : 0;
      }
      best_[t] = static_cast<std::uint8_t>(d.best);
    }
    if (binned) st.binned.trial_rows(col_of(0, cost_metric), 1, per_option * kBatch, n, rows_.data());
    if (analytics_on_)
      add_analytics(n, st, sinks.stress_marks != nullptr ? sinks.stress_marks + batch : nullptr, batch == first);
    if (format2) {
      // No payback: below zero at the last month end without an earlier recovery (a recovery
      // in the last month itself also gives payback_months = H, but leaves the cash >= 0).
      for (std::size_t o = 0; o < n_opt; ++o) {
        const double *last_cash = col_of(o, per_option - 1), *peak = col_of(o, kPeakCash);
        const double* payback = col_of(o, kPaybackMonths);
        for (std::size_t t = 0; t < n; ++t) {
          st.no_payback[o] += last_cash[t] < 0.0 && payback[t] >= H ? 1 : 0;
          st.cash_short[o] += peak[t] > runway ? 1 : 0;
        }
      }
    }
    for (std::size_t o = 0; o < n_opt; ++o) st.regret[o].merge(Moments::of(regret + o * kBatch, n));
    for (std::size_t o = 0; o < n_opt; ++o) {
      for (std::size_t m = 0; m < mc; ++m) st.metrics[o * mc + m].merge(Moments::of(col_of(o, m), n));
    }
    if (replicates_ > 0) add_replicates(batch, n, st);
    for (std::size_t k = 0; k < series; ++k) {
      const double* col = y + k * kBatch;
      if (exact) {
        std::copy(col, col + n, sinks.stored[k] + batch);
      } else if (k < analytics_sketches_) {
        sketches_[k].add(col, n);
      }
    }
    for (std::uint64_t trial = batch; trial < std::min<std::uint64_t>(batch + n, sinks.sample_rows); ++trial) {
      const std::size_t t = static_cast<std::size_t>(trial - batch);
      double* row = sinks.samples + trial * sinks.sample_width;
      for (std::size_t k = 0; k < n_in; ++k) row[k] = x[k * kBatch + t];
      for (std::size_t o = 0; o < n_opt; ++o) {
        for (std::size_t m = 0; m < mc; ++m) row[n_in + o * mc + m] = col_of(o, m)[t];
      }
    }
    for (std::uint64_t trial = batch; trial < std::min<std::uint64_t>(batch + n, sinks.sens_rows); ++trial) {
      const std::size_t t = static_cast<std::size_t>(trial - batch);
      double* row = sinks.sens + trial * sinks.sens_width;
      for (std::size_t k = 0; k < n_in; ++k) row[k] = x[k * kBatch + t];
      for (std::size_t o = 0; o < n_opt; ++o) {
        row[n_in + 2 * o] = col_of(o, cost_metric)[t];
        row[n_in + 2 * o + 1] = col_of(o, kTtmMonths)[t];
      }
      if (binned && sinks.sens_bins != nullptr) {
        const std::size_t width = analytics_.binned.size();
        for (std::size_t j = 0; j < width; ++j) sinks.sens_bins[trial * width + j] = bins_[j * kBatch + t];
      }
    }
  }
}

void ChunkKernel::add_replicates(std::uint64_t batch, std::size_t n, ChunkState& st) {
  // Trial batch + t belongs to replicate (batch + t) mod R: each metric column is split into R
  // strided columns, gathered into diff_ and added as columns (moments and sketch).
  const std::size_t R = replicates_;
  const std::size_t mc = s_->metric_count();
  const std::size_t phase = static_cast<std::size_t>(batch % R);
  double* own = diff_.data();
  for (std::size_t o = 0; o < s_->options.size(); ++o)
    for (std::size_t m = 0; m < mc; ++m) {
      const double* col = outcomes_.data() + (o * s_->series_per_option() + m) * kBatch;
      const std::size_t k = o * mc + m;
      for (std::size_t r = 0; r < R; ++r) {
        std::size_t c = 0;
        for (std::size_t t = (r + R - phase) % R; t < n; t += R) own[c++] = col[t];
        st.replicate_metrics[k * R + r].merge(Moments::of(own, c));
        sketches_[replicate_sketches_ + k * R + r].add(own, c);
      }
    }
}

void ChunkKernel::add_analytics(std::size_t n, ChunkState& st, StressMark* marks, bool first_batch) {
  const std::size_t n_opt = s_->options.size();
  const std::size_t cost_metric = s_->decision_metric();
  const double* y = outcomes_.data();
  const auto cost_col = [&](std::size_t o) { return y + (o * s_->series_per_option() + cost_metric) * kBatch; };
  // Pairs a < b: the difference (its moments, and in streaming mode its sketch), and who is
  // cheaper either way (models/analytics_columns.hpp).
  double* diff = diff_.data();
  for (std::size_t a = 0; a < n_opt; ++a)
    for (std::size_t b = a + 1; b < n_opt; ++b) {
      const PairTally tally = paired_difference(cost_col(a), cost_col(b), n, diff);
      st.cheaper[a * n_opt + b] += tally.a_cheaper;
      st.cheaper[b * n_opt + a] += tally.b_cheaper;
      const std::size_t pair = analytics_.pair_index(a, b);
      st.pair_diff[pair].merge(tally.diff);
      if (analytics_.pair_sketches) sketches_[analytics_sketches_ + pair].add(diff, n);
    }
  // EVPPI bins: each trial's row added to one bin of every input.
  if (!analytics_.binned.empty())
    st.binned.add_all(bins_.data(), kBatch, rows_.data(), n, joint_,
                      first_batch ? BinnedOutcomes::Write::replace : BinnedOutcomes::Write::add);
  if (analytics_.stress.empty()) return;
  // Stress: per stress input, the trials of its lowest two and its highest two bins (its
  // deciles) are listed (models/analytics_columns.hpp); each list gives who was cheapest in the
  // decile, in exact mode the trials' marks (the quantiles come from the stored outcomes at the
  // end), and in streaming mode each option's costs of the listed trials, gathered into one
  // column and added to the decile's sketch in one call.
  std::uint64_t* wins = st.stress_wins.data();
  if (marks != nullptr) std::fill(marks, marks + n, StressMark{0});
  std::uint16_t* picked = picked_.data();
  for (std::size_t j = 0; j < analytics_.stress.size(); ++j) {
    const std::array<std::size_t, 2> listed =
        decile_trials(bins_.data() + analytics_.stress[j] * kBatch, n, picked, picked + kBatch);
    for (std::size_t high = 0; high < 2; ++high) {
      const std::uint16_t* list = picked + high * kBatch;
      std::uint64_t* decile_wins = wins + (2 * j + high) * n_opt;
      for (std::size_t i = 0; i < listed[high]; ++i) ++decile_wins[best_[list[i]]];
      if (marks != nullptr) {
        const StressMark bit = stress_bit(j, high);
        for (std::size_t i = 0; i < listed[high]; ++i) marks[list[i]] |= bit;
      }
      if (!analytics_.stress_sketches) continue;
      for (std::size_t o = 0; o < n_opt; ++o) {
        const double* cost = cost_col(o);
        for (std::size_t i = 0; i < listed[high]; ++i) diff[i] = cost[list[i]];
        sketches_[analytics_sketches_ + analytics_.stress_sketch(j, high, o)].add(diff, listed[high]);
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
  const std::string mode =
      analytics_sketches_ == 0 ? "exact" : fmt::format("streaming into {} sketches", analytics_sketches_);
  return fmt::format("ChunkKernel{{{}, {}}}", sampler_.to_string(), mode);
}

}  // namespace tcosim
