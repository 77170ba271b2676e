#pragma once
// Which decision-analytics accumulators a run keeps (docs/analytics.md): the EVPPI bins of
// every varying input, the conditional sketches of the stress analysis, and in streaming mode
// one sketch of the cost difference per pair of options. Fixed before the run from the
// scenario and the run's configuration, so every kernel, rank and checkpoint agrees on it.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "models/scenario.hpp"

namespace tcosim {

/// Options with a difference sketch per pair in streaming mode: above it (more than 66 pairs)
/// the paired differences' quantiles come from the sensitivity subsample instead.
inline constexpr std::size_t kMaxPairSketchOptions = 12;

/// Options up to which the EVPPI bins are kept (a bin row grows with the square of the options).
inline constexpr std::size_t kMaxAnalyticsOptions = 16;

/// Inputs whose low and high deciles the stress analysis follows.
inline constexpr std::size_t kStressInputs = 4;

/// Exact mode: a trial's stress mark, one byte (ChunkSinks::stress_marks): bit 2j set when
/// stress input j lies in its lowest decile, bit 2j + 1 when in its highest.
using StressMark = std::uint8_t;
static_assert(2 * kStressInputs <= 8 * sizeof(StressMark));
inline constexpr StressMark stress_bit(std::size_t j, std::size_t high) noexcept {
  return static_cast<StressMark>(1u << (2 * j + high));
}

/// The layout of a run's decision-analytics state.
struct AnalyticsShape {
  std::size_t options = 0;
  /// Varying (non-constant) inputs, in slot order: one BinnedOutcomes input each (none above
  /// kMaxAnalyticsOptions options).
  std::vector<Slot> binned;
  /// Positions in `binned` of the stress inputs (at most kStressInputs).
  std::vector<std::size_t> stress;
  /// One sketch of cost_a - cost_b per pair a < b (streaming mode only).
  bool pair_sketches = false;
  /// Per stress input, extreme decile and option, a sketch of the cost (streaming mode; exact
  /// mode marks each trial's deciles instead and takes the quantiles from the stored outcomes).
  bool stress_sketches = false;

  /// The layout for scenario s: every varying input binned, no stress inputs yet, stress
  /// sketches when `streaming`, pair sketches when `streaming` and the scenario has at most
  /// kMaxPairSketchOptions options.
  static AnalyticsShape of(const Scenario& s, bool streaming);

  std::size_t pairs() const noexcept { return options * (options - 1) / 2; }
  /// Index of pair (a, b), a < b, in row-major order of the upper triangle.
  std::size_t pair_index(std::size_t a, std::size_t b) const noexcept {
    return a * options - a * (a + 1) / 2 + (b - a - 1);
  }
  /// Sketches of pair differences kept (0 or pairs()).
  std::size_t pair_sketch_count() const noexcept { return pair_sketches ? pairs() : 0; }
  /// Sketch of option o's decision cost in decile `high` (0 low, 1 high) of stress input j
  /// (with stress_sketches).
  std::size_t stress_sketch(std::size_t j, std::size_t high, std::size_t o) const noexcept {
    return pair_sketch_count() + (j * 2 + high) * options + o;
  }
  /// All sketches: the pair differences, then the stress sketches.
  std::size_t sketch_count() const noexcept {
    return pair_sketch_count() + (stress_sketches ? stress.size() * 2 * options : 0);
  }

  /// e.g. "AnalyticsShape{3 options, 60 binned inputs, 4 stress inputs, pair sketches, stress sketches}".
  std::string to_string() const;
};

}  // namespace tcosim
