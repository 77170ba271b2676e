#pragma once
// What a run has accumulated from the chunks it completed, in a form that can be saved (a
// checkpoint), shipped (an MPI rank's contribution to rank 0) and merged back. The data flow is
// one way: ChunkKernel fills a RunState; the report is computed from the final RunState.
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "models/analytics_shape.hpp"
#include "models/chunk_state.hpp"
#include "models/scenario.hpp"
#include "sim/chunked_runner.hpp"
#include "sim/pairwise_fold.hpp"
#include "sim/quantile_sketch.hpp"
#include "util/byte_stream.hpp"

namespace tcosim {

/// A contiguous range of completed chunks, reduced by the fixed pairwise tree.
using Fragment = PairwiseFold<ChunkState>;

/// Half-open ranges of chunk indices.
using ChunkRanges = std::vector<std::pair<std::uint64_t, std::uint64_t>>;

/// Shape of a run's stored data: fixed by the scenario and the run configuration.
struct RunShape {
  std::size_t options = 0;
  std::size_t inputs = 0;
  std::size_t metric_count = kFormat1MetricCount;  ///< Scenario::metric_count()
  std::size_t cash_months = 0;                     ///< Scenario::cash_months()
  ChunkPlan chunks;
  bool exact = true;              ///< every outcome stored (exact quantiles), else sketches
  double sketch_accuracy = 1e-3;  ///< streaming mode
  std::uint64_t sample_rows = 0;  ///< samples.csv rows
  std::uint64_t sens_rows = 0;    ///< sensitivity subsample rows
  /// The decision analytics kept (default: none): EVPPI bins, stress and pair sketches.
  AnalyticsShape analytics;
  /// Sobol replicates kept apart (streaming sobol runs: kSobolReplicates; else 0): per replicate,
  /// the moments (ChunkState::replicate_metrics) and a sketch of every metric, whose spread
  /// gives the error bars that exact mode takes from the stored outcomes.
  std::size_t replicates = 0;

  /// Per-trial values kept per option: its metrics, then its cash curve (C_k per month end).
  std::size_t series_per_option() const noexcept { return metric_count + cash_months; }
  /// Stored arrays or sketches: option o's value j is series o * series_per_option() + j.
  std::size_t series() const noexcept { return options * series_per_option(); }
  /// Moment accumulators: option o's metric m is o * metric_count + m.
  std::size_t metric_series() const noexcept { return options * metric_count; }
  /// A recorded row: the inputs, then every option's metrics (no cash curve).
  std::size_t sample_width() const noexcept { return inputs + metric_series(); }
  std::size_t sens_width() const noexcept { return inputs + 2 * options; }
  /// EVPPI bins kept per sensitivity row: one per binned input.
  std::size_t sens_bin_width() const noexcept { return analytics.binned.size(); }
  /// Sketches of the series (streaming mode; 0 in exact mode): the analytics' follow them.
  std::size_t series_sketches() const noexcept { return exact ? 0 : series(); }
  /// Index of the first replicate sketch: they follow the analytics' sketches, metric series k's
  /// replicate r at replicate_sketch(k, r).
  std::size_t first_replicate_sketch() const noexcept { return series_sketches() + analytics.sketch_count(); }
  std::size_t replicate_sketch(std::size_t k, std::size_t r) const noexcept {
    return first_replicate_sketch() + k * replicates + r;
  }
  /// Every sketch of the run: series, analytics, replicates.
  std::size_t sketch_count() const noexcept { return first_replicate_sketch() + replicates * metric_series(); }
  /// Each trial's StressMark is kept (exact mode with stress inputs and no stress sketches).
  bool stress_marked() const noexcept { return exact && !analytics.stress.empty() && !analytics.stress_sketches; }
  /// A ChunkState of this shape with nothing added.
  ChunkState empty_chunk_state() const {
    ChunkState st;
    st.reset(options, metric_count, analytics.binned.size(), analytics.stress.size(), replicates);
    return st;
  }
  /// "2 options x 13 inputs, 100000 trials in 25 chunks, exact, 0 sample rows, 10000 sensitivity rows".
  std::string to_string() const;
};

/// Accumulated results of the completed chunks: reduced accumulators per contiguous range of
/// chunks, and the per-trial data (stored outcomes, recorded rows) of those chunks' trials.
class RunState {
 public:
  /// Allocates the per-trial arrays; the exact-mode outcome arrays and stress marks are left untouched
  /// (uninitialised), so memory is committed only as trials fill them.
  explicit RunState(const RunShape& shape);

  const RunShape& shape() const noexcept { return shape_; }
  const std::vector<Fragment>& fragments() const noexcept { return fragments_; }
  /// The completed chunk ranges, sorted and disjoint.
  ChunkRanges covered() const;
  /// Chunks [0, n) are all completed.
  std::uint64_t prefix_chunks() const noexcept;
  /// Reduced accumulators of all completed chunks (they must form one range starting at 0).
  ChunkState total() const;

  /// Adds chunk c's accumulators; its per-trial data must already be in the arrays.
  void push_chunk(std::uint64_t c, ChunkState st);
  /// A state that the folds merged away (contents unspecified; empty when there is none), for a
  /// kernel to reset and fill again: reusing its buffers spares an allocation and a fresh
  /// page of memory per chunk.
  ChunkState spare_chunk_state();

  /// Pointers for ChunkKernel: the arrays of this state.
  double* const* stored() noexcept { return stored_ptrs_.data(); }
  const double* const* stored() const noexcept { return stored_ptrs_.data(); }
  /// Each trial's StressMark when RunShape::stress_marked(), else nullptr.
  StressMark* stress_marks() noexcept { return stress_marks_.get(); }
  const StressMark* stress_marks() const noexcept { return stress_marks_.get(); }
  std::vector<QuantileSketch>& sketches() noexcept { return sketches_; }
  const std::vector<QuantileSketch>& sketches() const noexcept { return sketches_; }
  std::vector<double>& samples() noexcept { return samples_; }
  std::vector<double>& sens() noexcept { return sens_; }
  const std::vector<double>& sens() const noexcept { return sens_; }
  /// The sensitivity rows' EVPPI bins (ChunkSinks::sens_bins), sens_bin_width() per row.
  std::vector<std::uint8_t>& sens_bins() noexcept { return sens_bins_; }
  const std::vector<std::uint8_t>& sens_bins() const noexcept { return sens_bins_; }

  /// Writes the fragments, the sketches and the per-trial data of the completed chunks.
  void save(ByteWriter& out) const;
  /// Adds what save() wrote (by this process or another rank): fragments must not overlap
  /// the ones already here. Throws ByteStreamError on inconsistent data.
  void merge_saved(ByteReader& in);
  /// Forgets the fragments and sketch counts (after they were shipped elsewhere).
  void clear_accumulated();

  /// The shape and the completed chunk ranges, e.g. "...; chunks [0, 16) [32, 40)".
  std::string to_string() const;

 private:
  void add_fragment(Fragment f);

  RunShape shape_;
  std::vector<Fragment> fragments_;
  std::vector<ChunkState> spare_;  ///< states merged away by the folds (spare_chunk_state)
  std::vector<QuantileSketch> sketches_;
  std::vector<std::unique_ptr<double[]>> stored_;
  std::vector<double*> stored_ptrs_;
  std::unique_ptr<StressMark[]> stress_marks_;
  std::vector<double> samples_;
  std::vector<double> sens_;
  std::vector<std::uint8_t> sens_bins_;
};

/// The most fragments a saved state may hold: far above what interrupted runs leave (a few
/// per rank and interruption), and a bound on what a forged checkpoint can make a reader do.
inline constexpr std::uint64_t kMaxSavedFragments = 4096;

/// An upper bound on the bytes save() writes for a state of `shape`: what a checkpoint of the
/// run can hold, so a reader can refuse a larger file before reading it.
std::uint64_t max_saved_bytes(const RunShape& shape);

/// Why the accumulators of `state` cannot have come from a run (a count that differs from the
/// trials of its chunks, a mean outside [min, max], a negative sum of squares, a decision count
/// above the trials, a sketch whose total differs from the trials covered), or empty.
std::string state_inconsistency(const RunState& state);

/// Trials in the chunk ranges.
std::uint64_t trials_in(const ChunkPlan& chunks, const ChunkRanges& ranges);

/// The chunks of [0, end) not in `covered`, in order.
ChunkRanges chunk_gaps(const ChunkRanges& covered, std::uint64_t end);

/// Rank `rank` of `ranks` takes this contiguous share of the chunks in `gaps` (taken in order).
ChunkRanges share_of(const ChunkRanges& gaps, unsigned rank, unsigned ranks);

}  // namespace tcosim
