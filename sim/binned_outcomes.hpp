#pragma once
// Conditional means of a few outcomes given equiprobable bins of each input: the accumulator
// behind the expected value of partial perfect information (EVPPI) and the stress analysis.
// Every trial adds one row of numbers to one bin per input; a bin's row holds sums only (no
// running means), so accumulation and merging are plain additions in a fixed order (add_all:
// through joint bins of input pairs, then bin by bin; chunks in chunk order) and the result is
// a function of the chunk size alone. Domain-free: "options" are the outcome columns between
// which a decision picks the lowest (docs/analytics.md).
#include <boost/align/aligned_allocator.hpp>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace tcosim {

/// Equiprobable bins per input: bin b holds the trials whose input uniform u lies in
/// [b / 20, (b + 1) / 20). Bins 0-1 and 18-19 are the input's lowest and highest deciles.
inline constexpr std::size_t kValueBins = 20;

/// The bin of a uniform u in [0, 1]: floor(u * kValueBins), u = 1 in the last bin.
inline std::uint8_t value_bin(double u) noexcept {
  const auto b = static_cast<std::size_t>(u * static_cast<double>(kValueBins));
  return static_cast<std::uint8_t>(b < kValueBins ? b : kValueBins - 1);
}

/// An estimate of a value of information with its sampling error and finite-sample bias.
struct InformationEstimate {
  double value = 0.0;      ///< the plug-in estimate (>= 0)
  double std_error = 0.0;  ///< delta-method standard error, the chosen options held fixed
  double bias = 0.0;       ///< estimated upward bias from choosing on noisy bin means (>= 0)
  /// value - bias > 2 std_error: the input's information is distinguishable from zero.
  bool distinguishable() const noexcept { return value - bias > 2.0 * std_error; }
  /// e.g. "InformationEstimate{value=1.2e+04, std_error=300, bias=50}".
  std::string to_string() const;
};

/// Per (input, bin, option o), the variance of cost_o - cost_c among a bin's trials
/// ([(bin * options + o) * options + c]), estimated on a subsample of trials: the standard
/// error of EVPPI needs it, the estimate itself does not.
struct BinVariances {
  std::size_t options = 0;
  std::vector<double> values;
  /// Variance of cost_a - cost_c in bin b (0 for a bin with fewer than two trials).
  double operator()(std::size_t b, std::size_t a, std::size_t c) const noexcept {
    return values.empty() ? 0.0 : values[(b * options + a) * options + c];
  }
  /// From n trials: bins[t] the trial's bin of the input, costs[t * stride + o] its costs.
  static BinVariances of(const std::uint8_t* bins, const double* costs, std::size_t stride, std::size_t n,
                         std::size_t options);
};

/// Per (input, bin) a row of sums over the trials that fell in the bin: the trial count, then
/// each option's cost. The per-trial work is one short row addition per input (add), or per
/// pair of inputs (add_all).
class BinnedOutcomes {
 public:
  /// Empty: no inputs, no options.
  BinnedOutcomes() = default;
  BinnedOutcomes(std::size_t inputs, std::size_t options) { reset(inputs, options); }

  /// All sums zero; or, with zero = false, the shape alone: the sums are left as they were,
  /// for a caller whose next add_all replaces them (BinWrite::replace).
  void reset(std::size_t inputs, std::size_t options, bool zero = true);

  std::size_t inputs() const noexcept { return inputs_; }
  std::size_t options() const noexcept { return options_; }
  /// Numbers per row: 1 + options.
  std::size_t width() const noexcept { return options_ + 1; }

  /// The rows of n trials, trial t's at rows[t * width()]: 1, then option o's cost
  /// costs[t * trial_stride + o * option_stride] for each o (a row per trial or a column per
  /// option). Option by option, so that no trial's row is a call to copy a few numbers.
  void trial_rows(const double* costs, std::size_t trial_stride, std::size_t option_stride, std::size_t n,
                  double* rows) const noexcept {
    const std::size_t w = width();
    for (std::size_t t = 0; t < n; ++t) rows[t * w] = 1.0;
    for (std::size_t o = 0; o < options_; ++o)
      for (std::size_t t = 0; t < n; ++t) rows[t * w + 1 + o] = costs[t * trial_stride + o * option_stride];
  }

  /// Adds n trials to input `input`: trial t's row is rows[t * width(), (t + 1) * width()),
  /// its bin bins[t].
  void add(std::size_t input, const std::uint8_t* bins, const double* rows, std::size_t n) noexcept;
  /// Scratch for add_all: the joint bins of two pairs of inputs, all zeros between calls. The
  /// caller keeps one (per thread) from workspace(), so that adding allocates nothing; add_all
  /// leaves it zeroed as it found it. Given a smaller one, add_all adds input by input instead
  /// (the same sums up to rounding, so a caller must keep to one kind for reproducible bits).
  using Workspace = std::vector<double, boost::alignment::aligned_allocator<double, 64>>;
  /// A workspace the size add_all needs for this width.
  Workspace workspace() const;
  /// What add_all does with the sums it finds: adds the trials to them, or replaces them by the
  /// trials' sums (the same bits as a reset and an add, without a pass over the sums first).
  enum class Write { add, replace };
  /// Adds n trials to every input: input k's bin of trial t is bins[k * stride + t] (n <=
  /// stride), the rows as in add(). The same sums as add() for each input in turn up to
  /// rounding: inputs go two at a time through their joint bins (half the additions), folded
  /// into each input's bins at the end of the call, so the sums depend on the call's trials only.
  void add_all(const std::uint8_t* bins, std::size_t stride, const double* rows, std::size_t n, Workspace& ws,
               Write write = Write::add) noexcept;

  /// Appends `later` (the chunks right after this one's); shapes must match.
  void merge(const BinnedOutcomes& later) noexcept {
    for (std::size_t i = 0; i < sums_.size(); ++i) sums_[i] += later.sums_[i];
  }

  /// The raw sums, row-major [input][bin][width]: for saving and loading.
  std::span<double> sums() noexcept { return sums_; }
  std::span<const double> sums() const noexcept { return sums_; }

  /// Trials in bin b of input k.
  double count(std::size_t k, std::size_t b) const noexcept { return row(k, b)[0]; }
  /// Sum of option o's cost over the trials in bin b of input k.
  double sum(std::size_t k, std::size_t b, std::size_t o) const noexcept { return row(k, b)[1 + o]; }
  /// Mean cost of option o over the trials in bin b of input k (NaN for an empty bin).
  double mean(std::size_t k, std::size_t b, std::size_t o) const noexcept;

  /// EVPPI of input k: min_o E[cost_o] - E_bins[min_o E[cost_o | bin]], with its standard
  /// error and bias from the per-bin variances `var` (docs/analytics.md).
  InformationEstimate evppi(std::size_t k, const BinVariances& var) const;

  /// The shape, e.g. "BinnedOutcomes{13 inputs x 20 bins, 3 options, 1000 trials}".
  std::string to_string() const;

 private:
  const double* row(std::size_t k, std::size_t b) const noexcept {
    return sums_.data() + (k * kValueBins + b) * width();
  }

  std::size_t inputs_ = 0, options_ = 0;
  /// Cache-line aligned: a row of four sums (three options) then never straddles two lines.
  std::vector<double, boost::alignment::aligned_allocator<double, 64>> sums_;
};

/// Expected gain from picking the lower of two estimates whose true gap is `gap` >= 0 and
/// whose difference has standard error `se`: se phi(gap / se) - gap Phi(-gap / se), i.e.
/// E[max(0, -D)] for D ~ N(gap, se^2). Also the closed-form EVPI of two options whose cost
/// difference is N(gap, se^2) (with |gap|).
double normal_choice_gain(double gap, double se) noexcept;

}  // namespace tcosim
