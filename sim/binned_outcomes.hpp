#pragma once
// Conditional means of a few outcomes given equiprobable bins of each input: the accumulator
// behind the expected value of partial perfect information (EVPPI) and the stress analysis.
// Every trial adds one row of numbers to one bin per input; a bin's row holds sums only (no
// running means), so accumulation and merging are plain additions in trial and chunk order and
// the result is a function of the chunk size alone. Domain-free: "options" are the outcome
// columns between which a decision picks the lowest (docs/analytics.md).
#include <cstddef>
#include <cstdint>
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

/// Per (input, bin) a row of sums over the trials that fell in the bin: each option's cost,
/// each option's count of trials where it was the cheapest (so the bin's trial count is their
/// sum), and the cross products d_p d_q (1 <= p <= q < options) of the differences
/// d_o = cost_o - cost_0, from which any pair's difference variance follows without the
/// cancellation of raw squares.
class BinnedOutcomes {
 public:
  /// Empty: no inputs, no options.
  BinnedOutcomes() = default;
  BinnedOutcomes(std::size_t inputs, std::size_t options) { reset(inputs, options); }

  /// All sums zero.
  void reset(std::size_t inputs, std::size_t options);

  std::size_t inputs() const noexcept { return inputs_; }
  std::size_t options() const noexcept { return options_; }
  /// Numbers per row: 2 options + options (options - 1) / 2.
  std::size_t width() const noexcept { return width_; }

  /// One trial's row: costs[o] per option, `best` the option chosen (the lowest cost).
  void trial_row(const double* costs, std::size_t best, double* row) const noexcept;

  /// Adds n trials to input `input`: trial t's row is rows[t * width(), (t + 1) * width()),
  /// its bin bins[t]. The per-trial work: one row addition per input.
  void add(std::size_t input, const std::uint8_t* bins, const double* rows, std::size_t n) noexcept {
    double* acc = sums_.data() + input * kValueBins * width_;
    const std::size_t w = width_;
    for (std::size_t t = 0; t < n; ++t) {
      double* row = acc + bins[t] * w;
      const double* v = rows + t * w;
      for (std::size_t j = 0; j < w; ++j) row[j] += v[j];
    }
  }

  /// Appends `later` (the chunks right after this one's); shapes must match.
  void merge(const BinnedOutcomes& later) noexcept {
    for (std::size_t i = 0; i < sums_.size(); ++i) sums_[i] += later.sums_[i];
  }

  /// The raw sums, row-major [input][bin][width]: for saving and loading.
  std::vector<double>& sums() noexcept { return sums_; }
  const std::vector<double>& sums() const noexcept { return sums_; }

  /// Trials in bin b of input k.
  double count(std::size_t k, std::size_t b) const noexcept;
  /// Trials in bin b of input k where option o was the cheapest.
  double wins(std::size_t k, std::size_t b, std::size_t o) const noexcept { return row(k, b)[options_ + o]; }
  /// Mean cost of option o over the trials in bin b of input k (NaN for an empty bin).
  double mean(std::size_t k, std::size_t b, std::size_t o) const noexcept;
  /// Sample variance of cost_a - cost_c over bin b of input k (0 below two trials).
  double difference_variance(std::size_t k, std::size_t b, std::size_t a, std::size_t c) const noexcept;

  /// EVPPI of input k: min_o E[cost_o] - E_bins[min_o E[cost_o | bin]], with the stated
  /// standard error and bias (docs/analytics.md).
  InformationEstimate evppi(std::size_t k) const;

  /// The shape, e.g. "BinnedOutcomes{13 inputs x 20 bins, 3 options, 1000 trials}".
  std::string to_string() const;

 private:
  const double* row(std::size_t k, std::size_t b) const noexcept {
    return sums_.data() + (k * kValueBins + b) * width_;
  }
  /// Index within a row of the cross product d_p d_q, 1 <= p <= q < options.
  std::size_t cross_index(std::size_t p, std::size_t q) const noexcept;
  /// Sum over the row of (cost_a - cost_c)^2 from the cross products.
  double difference_square_sum(const double* r, std::size_t a, std::size_t c) const noexcept;

  std::size_t inputs_ = 0, options_ = 0, width_ = 0;
  std::vector<double> sums_;
};

/// Expected gain from picking the lower of two estimates whose true gap is `gap` >= 0 and
/// whose difference has standard error `se`: se phi(gap / se) - gap Phi(-gap / se), i.e.
/// E[max(0, -D)] for D ~ N(gap, se^2). Also the closed-form EVPI of two options whose cost
/// difference is N(gap, se^2) (with |gap|).
double normal_choice_gain(double gap, double se) noexcept;

}  // namespace tcosim
