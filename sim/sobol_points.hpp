#pragma once
// Randomized quasi-Monte Carlo points: the Sobol sequence of Boost.Random's sobol_engine
// (Joe-Kuo direction numbers, 64-bit integer outputs), randomized by a digital shift.
//
// A run of `sampling: sobol` is kSobolReplicates independent replicates, interleaved: trial t
// belongs to replicate r = t mod R and is point j = t div R of the Sobol sequence (point 0 is
// the origin, which Boost's engine skips: its k-th vector is point k + 1). Dimension d of the
// point is XORed with a 64-bit word drawn from Philox keyed by (seed, input id, r) (the input's
// shift in replicate r), and the shifted integer becomes a uniform like a Philox word does.
// Every trial's uniforms are therefore a pure function of (seed, trial, input): any thread
// count, chunk order, resume or MPI split gives the same bits. Each replicate on its own is an
// unbiased estimate (a digitally shifted point is uniform on the unit cube), the replicates are
// independent, and at R * 2^m trials each replicate is the first 2^m points: a (t, m, s)-net.
#include <boost/random/sobol.hpp>
#include <cstddef>
#include <cstdint>
#include <string>

#include "sim/sampling.hpp"

namespace tcosim {

/// Independent digitally shifted replicates of a Sobol run; their spread gives its error bars.
inline constexpr std::uint64_t kSobolReplicates = 16;

/// Replicates whose accumulators a run keeps apart: a streaming sobol run cannot split its stored
/// outcomes by replicate at the end, so it keeps per-replicate moments and sketches; exact runs
/// and other schemes keep none (0).
constexpr std::size_t replicates_kept(Sampling sampling, bool exact) noexcept {
  return sampling == Sampling::Sobol && !exact ? kSobolReplicates : 0;
}

/// Sobol dimensions Boost's default direction-number table has (Joe and Kuo 2008, cut at 3667).
inline constexpr std::size_t kSobolMaxDimensions = boost::random::default_sobol_table::max_dimension;

/// Bits set in the high word of the Philox counter of a digital shift: bit 63 marks the Latin
/// hypercube permutation streams (whose block index stays below 2^51) and trial draws keep it
/// clear, so (replicate | kSobolShiftStream, input id) never meets another counter of a run.
inline constexpr std::uint64_t kSobolShiftStream = std::uint64_t{3} << 62;

/// The digital shift of input `input_id` in replicate `replicate`: the first 64-bit word of the
/// Philox4x32-10 block with key = seed and counter = (replicate | kSobolShiftStream, input_id, 0).
std::uint64_t sobol_shift(std::uint64_t seed, std::uint32_t input_id, std::uint64_t replicate) noexcept;

/// The Sobol points of one sampler, as 64-bit integers (dimension d of point j is the binary
/// fraction x_jd * 2^-64). Keeps Boost's engine where the last call left it, so consecutive
/// calls run straight on, and a jump (another chunk) repositions it once with seed().
class SobolPoints {
 public:
  /// Throws std::invalid_argument for 0 dimensions or more than kSobolMaxDimensions.
  explicit SobolPoints(std::size_t dimensions);

  std::size_t dimensions() const noexcept { return engine_.dimension(); }

  /// Points [first, first + n), point-major: out[j * dimensions() + d] is dimension d of point
  /// first + j. Point 0 is all zeros; point j >= 1 is the engine's vector j - 1.
  void points(std::uint64_t first, std::size_t n, std::uint64_t* out);

  /// e.g. "SobolPoints{23 dimensions, next point 4096}".
  std::string to_string() const;

 private:
  boost::random::sobol engine_;
  std::uint64_t next_ = 1;  ///< the point the engine's next vector is (seed() leaves it at point 1)
};

}  // namespace tcosim
