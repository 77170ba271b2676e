#pragma once
// Draws one trial's inputs. A sampler object (one per thread) exists so that per-block work
// — Latin hypercube permutations — is done once per block of trials, not once per trial;
// every value is still a pure function of (seed, trial, input), whatever order trials come in.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "models/scenario.hpp"
#include "sim/chunked_runner.hpp"
#include "sim/sobol_points.hpp"

namespace tcosim {

/// Trials per Latin hypercube block: each input is stratified into this many equal-probability
/// strata, each hit exactly once by the block's trials. The runner's chunk size, so a chunk is
/// one whole block.
inline constexpr std::uint64_t kLhsBlockTrials = kChunkTrials;

/// Fills a trial's input array: random, Latin hypercube or shifted Sobol uniforms, the Gaussian
/// copula for correlated inputs, each marginal's transform, then MODEL.md's clamps.
class TrialSampler {
 public:
  /// Throws std::invalid_argument when s.correlation is inconsistent with s.inputs, or when
  /// sobol sampling would need more Sobol dimensions than kSobolMaxDimensions.
  TrialSampler(const Scenario& s, std::uint64_t seed, Sampling sampling);
  /// x has one entry per Scenario::inputs. The same values as sample_columns for that trial.
  void sample(std::uint64_t trial, std::span<double> x);
  /// Trials [first, first + n) at once, input by input (structure of arrays): input k of trial
  /// first + t goes to cols[k * stride + t], n <= stride. Every value is the one sample() gives
  /// for its trial, whatever the batch: the batch only changes the order of the work.
  /// `bins` (optional): each varying (non-constant) input's equiprobable bin value_bin(u)
  /// (sim/binned_outcomes.hpp) of the uniform u turned into its value (after stratification
  /// and the copula), one row of `stride` per varying input in slot order (the order of
  /// AnalyticsShape::binned): the j-th varying input's bin of trial first + t is
  /// bins[j * stride + t]. Constant inputs have no row, so the rows are back to back.
  void sample_columns(std::uint64_t first, std::size_t n, double* cols, std::size_t stride,
                      std::uint8_t* bins = nullptr);
  /// Rows sample_columns writes to `bins`: the inputs whose distribution is not constant.
  std::size_t bin_rows() const noexcept { return bin_rows_; }
  Sampling sampling() const noexcept { return sampling_; }
  /// The scenario, seed and scheme, and how many inputs are drawn in each way.
  std::string to_string() const;

 private:
  /// How one input is drawn.
  enum class Mode : std::uint8_t {
    Constant,    ///< no draw
    Draw,        ///< the input's uniform through the fast inverse CDF
    Stratified,  ///< Latin hypercube uniform, then the inverse CDF
    Correlated,  ///< uniform (random or stratified) -> normal score, finished by the copula
  };
  struct Plan {
    Mode mode = Mode::Draw;
    std::uint32_t row = 0;      ///< permutation row (LHS)
    std::uint32_t corr = 0;     ///< index in Scenario::correlation.slots (Correlated)
    std::uint32_t dim = 0;      ///< Sobol dimension (sobol: every input that is not Constant)
    std::uint32_t bin_row = 0;  ///< row in sample_columns' bins, kNoBinRow for a constant distribution
  };

  static constexpr std::uint32_t kNoBinRow = ~std::uint32_t{0};

  /// Trials [first, first + n), all in LHS block `first / kLhsBlockTrials`.
  void sample_block(std::uint64_t first, std::size_t n, double* cols, std::size_t stride, std::uint8_t* bins);
  void load_block(std::uint64_t block);
  /// Sobol: input k's uniforms of trials [first, first + n), all in one LHS-sized block.
  void sobol_uniforms(std::size_t k, std::uint64_t first, std::size_t n, double* col) const;
  /// Sobol: the points trials [first, first + n) use, into points_.
  void load_points(std::uint64_t first, std::size_t n);

  const Scenario* s_;
  std::uint64_t seed_;
  Sampling sampling_;
  std::vector<Plan> plan_;
  std::size_t bin_rows_ = 0;
  std::vector<std::uint16_t> perms_;  ///< LHS: kLhsBlockTrials entries per row, for block `block_`
  std::uint64_t block_ = ~std::uint64_t{0};
  /// Copula scratch: normal scores of the correlated inputs (kLhsBlockTrials per input) and one
  /// column of correlated uniforms.
  std::vector<double> z_;
  std::vector<double> u_;
  /// Sobol: the engine (none when every input is constant), each drawn input's shift per
  /// replicate (kSobolReplicates words per input), and the points of the current batch.
  std::optional<SobolPoints> sobol_;
  std::vector<std::uint64_t> shifts_;
  std::vector<std::uint64_t> points_;
  std::uint64_t first_point_ = 0;  ///< the point points_ starts with
};

}  // namespace tcosim
