#include "sim/binned_outcomes.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <limits>
#include <numbers>

#include "sim/vector_clones.hpp"

// EVPPI from bins (docs/analytics.md, "Value of information"). With p_b = n_b / n, o* the
// option of lowest overall mean and o_b the option of lowest mean in bin b:
//   EVPPI = sum_b p_b (mean_b(o*) - mean_b(o_b)),
// which equals min_o mean(o) - sum_b p_b min_o mean_b(o) (the overall mean is the p-weighted
// mean of the bin means) and is >= 0 term by term. Holding o* and the o_b fixed, it is the mean
// over all n trials of D = cost_o* - cost_o_b(t) (0 in bins where o_b = o*), so its variance is
// Var(D) / n, Var(D) = sum_b p_b (Var_b + mean_b^2) - EVPPI^2 (the bin counts are random too).

namespace tcosim {

namespace {

/// Lowest and second-lowest of `means` (indices), ties to the lower index.
std::pair<std::size_t, std::size_t> two_lowest(const std::vector<double>& means) {
  std::size_t best = 0, second = means.size() > 1 ? 1 : 0;
  for (std::size_t o = 1; o < means.size(); ++o) {
    if (means[o] < means[best]) {
      second = best;
      best = o;
    } else if (second == best || means[o] < means[second]) {
      second = o;
    }
  }
  if (second == best && means.size() > 1) second = best == 0 ? 1 : 0;
  return {best, second};
}

}  // namespace

double normal_choice_gain(double gap, double se) noexcept {
  gap = std::fabs(gap);
  if (!(se > 0.0)) return 0.0;
  const double z = gap / se;
  const double pdf = std::exp(-0.5 * z * z) * (0.5 * std::numbers::inv_sqrtpi * std::numbers::sqrt2);
  const double cdf_neg = 0.5 * std::erfc(z / std::numbers::sqrt2);
  return std::max(0.0, se * pdf - gap * cdf_neg);
}

void BinnedOutcomes::reset(std::size_t inputs, std::size_t options) {
  inputs_ = inputs;
  options_ = options;
  sums_.assign(inputs * kValueBins * width(), 0.0);
}

namespace {

/// Every input at once, trial by trial: trial t's row is loaded once and added to one bin of
/// each input (inputs rows of kValueBins x W sums, back to back; input k's bin of trial t is
/// bins[k * stride + t]). Each bin still receives its trials in trial order, so the sums are
/// those of add() input by input, bit for bit.
template <std::size_t W>
[[gnu::always_inline]] inline void add_rows_all(double* __restrict acc, const std::uint8_t* __restrict bins,
                                                std::size_t stride, std::size_t inputs, const double* __restrict rows,
                                                std::size_t n) noexcept {
  for (std::size_t t = 0; t < n; ++t) {
    const double* v = rows + t * W;
    double* input_acc = acc;
    for (std::size_t k = 0; k < inputs; ++k, input_acc += kValueBins * W) {
      double* row = input_acc + bins[k * stride + t] * W;
      for (std::size_t j = 0; j < W; ++j) row[j] += v[j];
    }
  }
}

/// Width 4, the common case: the trial's row in one four-lane vector, one vector addition per
/// input, four inputs per step, the bins read at constant offsets from one pointer per step.
template <>
[[gnu::always_inline]] inline void add_rows_all<4>(double* __restrict acc, const std::uint8_t* __restrict bins,
                                                   std::size_t stride, std::size_t inputs,
                                                   const double* __restrict rows, std::size_t n) noexcept {
  using Lanes = double __attribute__((vector_size(32)));
  constexpr std::size_t kStride = kValueBins * 4;  // one input's sums
  const auto add_to = [](double* input_acc, std::size_t bin, const Lanes& v) {
    double* row = input_acc + bin * 4;
    Lanes a;
    std::memcpy(&a, row, sizeof a);
    a += v;
    std::memcpy(row, &a, sizeof a);
  };
  const std::size_t stride2 = 2 * stride, stride3 = 3 * stride, stride4 = 4 * stride;
  for (std::size_t t = 0; t < n; ++t) {
    Lanes v;
    std::memcpy(&v, rows + t * 4, sizeof v);
    const std::uint8_t* b = bins + t;
    double* base = acc;
    std::size_t k = 0;
    for (; k + 4 <= inputs; k += 4, b += stride4, base += 4 * kStride) {
      add_to(base, b[0], v);
      add_to(base + kStride, b[stride], v);
      add_to(base + 2 * kStride, b[stride2], v);
      add_to(base + 3 * kStride, b[stride3], v);
    }
    for (; k < inputs; ++k, b += stride, base += kStride) add_to(base, b[0], v);
  }
}

/// Any width (more than four options), the additions one by one.
[[gnu::always_inline]] inline void add_rows_any(double* __restrict acc, const std::uint8_t* __restrict bins,
                                                std::size_t stride, std::size_t inputs, std::size_t w,
                                                const double* __restrict rows, std::size_t n) noexcept {
  for (std::size_t t = 0; t < n; ++t)
    for (std::size_t k = 0; k < inputs; ++k) {
      double* row = acc + (k * kValueBins + bins[k * stride + t]) * w;
      for (std::size_t j = 0; j < w; ++j) row[j] += rows[t * w + j];
    }
}

/// The rows of width w added to `inputs` inputs' sums from acc on; fixed widths unroll into a
/// few vector additions. Additions only (no fused operations), so every clone gives the same bits.
/// Inputs go in blocks of kBlockInputs, each block over all n trials: the sums being updated (8
/// inputs x kValueBins rows, 5 KB at three options) and the block's bin columns stay in the L1
/// cache, at the price of reading the rows once per block. Measured on the format-1 twin (70
/// inputs, BM_ChunkKernelFormat1, kernel time with analytics / without, medians of 9): every
/// input at once 1.23, blocks of 16 1.17, of 8 1.12, of 4 1.11 (docs/performance.md).
[[gnu::always_inline]] inline void add_rows_to(double* acc, const std::uint8_t* bins, std::size_t stride,
                                               std::size_t inputs, std::size_t w, const double* rows,
                                               std::size_t n) noexcept {
  constexpr std::size_t kBlockInputs = 8;
  for (std::size_t k0 = 0; k0 < inputs; k0 += kBlockInputs) {
    double* const a = acc + k0 * kValueBins * w;
    const std::uint8_t* const b = bins + k0 * stride;
    const std::size_t block = std::min(kBlockInputs, inputs - k0);
    switch (w) {
      case 3: add_rows_all<3>(a, b, stride, block, rows, n); break;
      case 4: add_rows_all<4>(a, b, stride, block, rows, n); break;
      case 5: add_rows_all<5>(a, b, stride, block, rows, n); break;
      default: add_rows_any(a, b, stride, block, w, rows, n);
    }
  }
}

}  // namespace

TCOSIM_VECTOR_CLONES void BinnedOutcomes::add_all(const std::uint8_t* bins, std::size_t stride, const double* rows,
                                                  std::size_t n) noexcept {
  add_rows_to(sums_.data(), bins, stride, inputs_, width(), rows, n);
}

TCOSIM_VECTOR_CLONES void BinnedOutcomes::add(std::size_t input, const std::uint8_t* bins, const double* rows,
                                              std::size_t n) noexcept {
  add_rows_to(sums_.data() + input * kValueBins * width(), bins, n, 1, width(), rows, n);
}

double BinnedOutcomes::mean(std::size_t k, std::size_t b, std::size_t o) const noexcept {
  const double n = count(k, b);
  return n > 0 ? sum(k, b, o) / n : std::numeric_limits<double>::quiet_NaN();
}

BinVariances BinVariances::of(const std::uint8_t* bins, const double* costs, std::size_t stride, std::size_t n,
                              std::size_t options) {
  // Per bin and pair, the two-pass variance of the difference over the bin's trials.
  BinVariances v;
  v.options = options;
  v.values.assign(kValueBins * options * options, 0.0);
  std::vector<double> count(kValueBins, 0.0), mean(kValueBins * options, 0.0);
  for (std::size_t t = 0; t < n; ++t) {
    count[bins[t]] += 1.0;
    for (std::size_t o = 0; o < options; ++o) mean[bins[t] * options + o] += costs[t * stride + o];
  }
  for (std::size_t b = 0; b < kValueBins; ++b)
    for (std::size_t o = 0; o < options; ++o) mean[b * options + o] /= std::max(1.0, count[b]);
  // Pair by pair, the bin means and sums in small local arrays (no aliasing with `costs`); each
  // sum still takes its trials in trial order.
  std::array<double, kValueBins> mean_a{}, mean_c{}, squares{};
  for (std::size_t a = 0; a < options; ++a)
    for (std::size_t c = a + 1; c < options; ++c) {
      for (std::size_t b = 0; b < kValueBins; ++b) {
        mean_a[b] = mean[b * options + a];
        mean_c[b] = mean[b * options + c];
      }
      squares.fill(0.0);
      for (std::size_t t = 0; t < n; ++t) {
        const std::size_t b = bins[t];
        const double d = (costs[t * stride + a] - mean_a[b]) - (costs[t * stride + c] - mean_c[b]);
        squares[b] += d * d;
      }
      for (std::size_t b = 0; b < kValueBins; ++b) v.values[(b * options + a) * options + c] = squares[b];
    }
  for (std::size_t b = 0; b < kValueBins; ++b)
    for (std::size_t a = 0; a < options; ++a)
      for (std::size_t c = a + 1; c < options; ++c) {
        double& x = v.values[(b * options + a) * options + c];
        x = count[b] > 1.0 ? x / (count[b] - 1.0) : 0.0;
        v.values[(b * options + c) * options + a] = x;
      }
  return v;
}

InformationEstimate BinnedOutcomes::evppi(std::size_t k, const BinVariances& var) const {
  InformationEstimate e;
  if (options_ < 2 || k >= inputs_) return e;
  // Whole-run sums are the sums over the input's bins.
  double n = 0.0;
  std::vector<double> means(options_, 0.0);
  for (std::size_t b = 0; b < kValueBins; ++b) {
    n += count(k, b);
    for (std::size_t o = 0; o < options_; ++o) means[o] += sum(k, b, o);
  }
  if (n < 2.0) return e;
  for (double& m : means) m /= n;
  const auto [star, star_second] = two_lowest(means);
  const double overall_gap = means[star_second] - means[star];
  double second_moment = 0.0, bias = 0.0, overall_var = 0.0;
  for (std::size_t b = 0; b < kValueBins; ++b) {
    const double nb = count(k, b);
    if (nb < 1.0) continue;
    const double p = nb / n;
    for (std::size_t o = 0; o < options_; ++o) means[o] = sum(k, b, o) / nb;
    const auto [best, second] = two_lowest(means);
    const double gain = means[star] - means[best];
    e.value += p * gain;
    if (best != star) second_moment += p * (var(b, star, best) + gain * gain);
    bias += p * normal_choice_gain(means[second] - means[best], std::sqrt(var(b, best, second) / nb));
    // The overall difference's variance, by the law of total variance over the bins.
    const double d = (means[star_second] - means[star]) - overall_gap;
    overall_var += p * (var(b, star_second, star) + d * d);
  }
  // The overall choice is made on noisy means too, which biases the first term down.
  bias -= normal_choice_gain(overall_gap, std::sqrt(overall_var / n));
  e.value = std::max(0.0, e.value);
  e.std_error = std::sqrt(std::max(0.0, second_moment - e.value * e.value) / n);
  e.bias = std::max(0.0, bias);
  return e;
}

std::string InformationEstimate::to_string() const {
  return fmt::format("InformationEstimate{{value={:.6g}, stderr={:.6g}, bias={:.6g}}}", value, std_error, bias);
}

std::string BinnedOutcomes::to_string() const {
  double n = 0.0;
  if (inputs_ > 0)
    for (std::size_t b = 0; b < kValueBins; ++b) n += count(0, b);
  return fmt::format("BinnedOutcomes{{{} inputs x {} bins, {} options, {} trials}}", inputs_, kValueBins, options_, n);
}

}  // namespace tcosim
