#pragma once
// The hot loop of a run: draws and evaluates the trials of one chunk and feeds every sink.
// One kernel per thread; what it writes to shared sinks is indexed by trial, so chunks can run
// on any thread in any order and the run's numbers stay the same.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "models/analytics_shape.hpp"
#include "models/chunk_state.hpp"
#include "models/monthly_model.hpp"
#include "models/scenario.hpp"
#include "models/trial_sampler.hpp"
#include "sim/chunked_runner.hpp"
#include "sim/quantile_sketch.hpp"
#include "sim/sobol_points.hpp"

namespace tcosim {

/// Where a chunk's per-trial results go besides its ChunkState. Pointers are shared by all
/// threads; each trial writes only its own rows and indices.
struct ChunkSinks {
  /// Exact mode: one array per series (option * Scenario::series_per_option() + value: the
  /// metrics, then the cash curve), indexed by trial.
  /// Empty in streaming mode (the kernel's own sketches take the values).
  std::span<double* const> stored;
  /// Exact mode with stress inputs (AnalyticsShape::stress, no stress sketches): each trial's
  /// StressMark, indexed by trial.
  StressMark* stress_marks = nullptr;
  /// The first `sample_rows` trials: inputs then every option's metrics (SampleTable layout).
  double* samples = nullptr;
  std::uint64_t sample_rows = 0;
  std::size_t sample_width = 0;
  /// The first `sens_rows` trials: inputs, then the decision cost and ttm_months per option.
  double* sens = nullptr;
  std::uint64_t sens_rows = 0;
  std::size_t sens_width = 0;
  /// The same trials' EVPPI bins (with decision analytics): AnalyticsShape::binned.size() per
  /// trial, in that order, trial after trial; nullptr when not kept.
  std::uint8_t* sens_bins = nullptr;
  double budget = 0.0;    ///< targets.budget, +inf when unset
  double deadline = 0.0;  ///< targets.deadline_months, +inf when unset
  /// The mode, the row counts and widths, and the thresholds.
  std::string to_string() const;
};

/// Per-thread state and loop for chunks of trials.
class ChunkKernel {
 public:
  /// `streaming`: quantiles go to this kernel's sketches (one per series) instead of
  /// sinks.stored; neither (not streaming, no stored arrays): no per-trial values are kept.
  /// No decision analytics (ChunkState::binned stays empty).
  ChunkKernel(const Scenario& s, std::uint64_t seed, Sampling sampling, bool streaming, double sketch_accuracy);
  /// With the decision analytics of `analytics`: its sketches follow the series' sketches.
  ChunkKernel(const Scenario& s, std::uint64_t seed, Sampling sampling, bool streaming, double sketch_accuracy,
              AnalyticsShape analytics);

  /// A kernel for the same scenario, seed and sampling as `finished` (the stress pilot's), with
  /// these sinks and analytics: it takes over the finished kernel's sampler and batch arrays,
  /// whose memory is already mapped, instead of making new ones.
  ChunkKernel(ChunkKernel&& finished, bool streaming, double sketch_accuracy, AnalyticsShape analytics);
  ChunkKernel(ChunkKernel&&) = default;

  /// Trials [first, last) into `st` (reset first) and the sinks.
  void run(std::uint64_t first, std::uint64_t last, const ChunkSinks& sinks, ChunkState& st);

  /// Everything this kernel has added so far: per series (streaming mode), then the
  /// analytics' sketches (AnalyticsShape::sketch_count()), then in a streaming sobol run one per
  /// replicate of every metric (metric series k's replicate r at k * kSobolReplicates + r).
  std::vector<QuantileSketch>& sketches() noexcept { return sketches_; }

  /// Its sampler, and exact or streaming.
  std::string to_string() const;

 private:
  /// Trials drawn and evaluated per batch: a whole runner chunk.
  static constexpr std::size_t kBatch = kChunkTrials;
  static_assert(kBatch <= 65536, "picked_ holds a trial's place in the batch in 16 bits");

  const Scenario* s_;
  TrialSampler sampler_;
  /// Structure of arrays, kBatch entries per column: the batch's inputs (one column per input)
  /// and outcomes (one column per series, option * series_per_option + value).
  std::vector<double> inputs_;
  std::vector<double> outcomes_;
  std::vector<double> regret_;  ///< per option, kBatch entries: decision cost minus the trial's lowest
  MonthScratch scratch_;        ///< the monthly model's per-month work arrays (format 2)
  std::vector<QuantileSketch> sketches_;
  AnalyticsShape analytics_;
  std::size_t analytics_sketches_ = 0;  ///< index of the first analytics sketch in sketches_
  bool analytics_on_ = false;           ///< constructed with an AnalyticsShape
  std::vector<std::uint8_t> bins_;      ///< per binned input, kBatch entries: the EVPPI bin of its uniform
  std::vector<std::uint8_t> best_;      ///< kBatch entries: each trial's cheapest option
  std::vector<double> rows_;            ///< kBatch BinnedOutcomes rows, one per trial
  BinnedOutcomes::Workspace joint_;     ///< BinnedOutcomes::add_all's joint bins
  std::vector<double> diff_;            ///< kBatch entries: one pair's cost difference, or a decile's costs
  std::vector<std::uint16_t> picked_;   ///< one stress input's deciles' trials in the batch

  std::size_t replicates_ = 0;          ///< replicates_kept(): Sobol replicates kept apart
  std::size_t replicate_sketches_ = 0;  ///< index of the first replicate sketch in sketches_

  /// Everything that depends on the sinks and the analytics shape: the sketches, the bins' and
  /// stress arrays (constructors only).
  void shape_sinks(bool streaming, double sketch_accuracy, AnalyticsShape analytics);
  /// Streaming sobol: the batch's n metric values (trials from `batch` on) into their
  /// replicates' moments (st.replicate_metrics) and sketches.
  void add_replicates(std::uint64_t batch, std::size_t n, ChunkState& st);
  /// The decision analytics of the batch's n trials (bins_, best_ and rows_ filled); `marks`:
  /// the batch's stress marks (exact mode), else nullptr; first_batch: the chunk's first, whose
  /// bins replace the state's (ChunkState::reset left them).
  void add_analytics(std::size_t n, ChunkState& st, StressMark* marks, bool first_batch);
};

}  // namespace tcosim
