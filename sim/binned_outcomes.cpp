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

void BinnedOutcomes::reset(std::size_t inputs, std::size_t options, bool zero) {
  inputs_ = inputs;
  options_ = options;
  if (zero)
    sums_.assign(inputs * kValueBins * width(), 0.0);
  else
    sums_.resize(inputs * kValueBins * width());
}

namespace {

// ---- add_all: inputs two at a time, through their joint bins ----
//
// Inputs 2i and 2i + 1 share a table of kValueBins^2 joint bins (the first input's bin times
// kValueBins plus the second's), so a trial's row is added once per pair of inputs instead of
// once per input. After the call's trials, each joint bin is folded into both inputs' own bins:
// row b of the first input gets joint bins (b, 0), (b, 1), ... in that order, row c of the
// second (0, c), (1, c), ... That is half the additions, at the price of 800 row additions per
// pair per call, which a chunk's 4,096 trials repay five times over; and two trials in a row
// rarely hit the same joint bin (1 in 400, against 1 in 20 for one input's bins), so an
// addition seldom waits on the store before it. Two pairs per pass over the trials: their tables
// (25.6 KB at three options) and bin columns stay in the L1 cache. The sums are add()'s up to
// rounding (a bin's trials summed in trial order within each joint bin, then the joint bins in
// bin order), and a function of the call's trials alone.

constexpr std::size_t kJointBins = kValueBins * kValueBins;
constexpr std::size_t kPairBlock = 2;

/// dst[j] += v[j] over a row of W numbers (W = 0: w of them, known at run time only).
template <std::size_t W>
[[gnu::always_inline]] inline void add_row(double* __restrict dst, const double* __restrict v, std::size_t w) noexcept {
  if constexpr (W == 4) {
    using Lanes = double __attribute__((vector_size(32)));
    Lanes a, b;
    std::memcpy(&a, dst, sizeof a);
    std::memcpy(&b, v, sizeof b);
    a += b;
    std::memcpy(dst, &a, sizeof a);
  } else if constexpr (W > 0) {
    for (std::size_t j = 0; j < W; ++j) dst[j] += v[j];
  } else {
    for (std::size_t j = 0; j < w; ++j) dst[j] += v[j];
  }
}

/// The rows added to `inputs` inputs' sums from acc on, one input at a time (add(), the odd last
/// input of add_all, and add_all given a workspace too small for joint bins): each bin receives
/// its trials in trial order. Additions only (no fused operations), so every clone gives the
/// same bits.
template <std::size_t W>
[[gnu::always_inline]] inline void add_inputs(double* acc, const std::uint8_t* bins, std::size_t stride,
                                              std::size_t inputs, std::size_t w, const double* rows,
                                              std::size_t n) noexcept {
  const std::size_t width = W > 0 ? W : w;
  for (std::size_t k = 0; k < inputs; ++k)
    for (std::size_t t = 0; t < n; ++t)
      add_row<W>(acc + (k * kValueBins + bins[k * stride + t]) * width, rows + t * width, width);
}

/// dst[j] = v[j] over a row (W as in add_row).
template <std::size_t W>
[[gnu::always_inline]] inline void set_row(double* __restrict dst, const double* __restrict v, std::size_t w) noexcept {
  std::copy_n(v, W > 0 ? W : w, dst);
}

/// P pairs of inputs (the 2P inputs from acc and bins on) through the joint tables at `joint`,
/// which are all zeros on entry and on return. Replace: the pairs' sums in acc are set to the
/// trials' sums instead of added to (the first joint bin a row takes is copied: a joint bin
/// starts at +0, so it never holds -0, and 0 + x is x for every other x: the bits of a reset
/// and an add).
/// The joint bins' offsets are worked out first, kCellTrials at a time in a loop that
/// vectorises, so the addition loop is a load, an add and a store per pair.
template <std::size_t W, std::size_t P, bool Replace>
[[gnu::always_inline]] inline void add_pairs(double* __restrict acc, const std::uint8_t* __restrict bins,
                                             std::size_t stride, std::size_t w, const double* __restrict rows,
                                             std::size_t n, double* __restrict joint) noexcept {
  constexpr std::size_t kCellTrials = 256;
  const std::size_t width = W > 0 ? W : w;
  // The tables are zero on entry (a fresh workspace, or as the fold below leaves them).
  // Byte offsets, so that an addition's address is one addressing mode (base + offset).
  std::array<std::array<std::uint32_t, kCellTrials>, P> offset;
  char* const table = reinterpret_cast<char*>(joint);
  const auto row_bytes = static_cast<std::uint32_t>(width * sizeof(double));
  for (std::size_t t0 = 0; t0 < n; t0 += kCellTrials) {
    const std::size_t m = std::min(kCellTrials, n - t0);
    for (std::size_t p = 0; p < P; ++p) {
      const std::uint8_t* b = bins + 2 * p * stride + t0;
      const std::uint8_t* c = b + stride;
      const auto base = static_cast<std::uint32_t>(p * kJointBins) * row_bytes;
      for (std::size_t t = 0; t < m; ++t) offset[p][t] = base + (std::uint32_t{b[t]} * kValueBins + c[t]) * row_bytes;
    }
#pragma GCC unroll 2
    for (std::size_t t = 0; t < m; ++t) {
      const double* v = rows + (t0 + t) * width;
      for (std::size_t p = 0; p < P; ++p) add_row<W>(reinterpret_cast<double*>(table + offset[p][t]), v, width);
    }
  }
  for (std::size_t p = 0; p < P; ++p) {
    double* const first = acc + 2 * p * kValueBins * width;
    double* const second = first + kValueBins * width;
    double* cell = joint + p * kJointBins * width;
    // Row b of the first input is summed in a local row when the width is fixed (it stays in
    // registers) and stored once.
    double local[W > 0 ? W : 1];
    for (std::size_t b = 0; b < kValueBins; ++b) {
      double* const f = W > 0 ? local : first + b * width;
      if (W > 0 && !Replace) set_row<W>(f, first + b * width, width);
      for (std::size_t c = 0; c < kValueBins; ++c, cell += width) {
        if (Replace && c == 0)
          set_row<W>(f, cell, width);
        else
          add_row<W>(f, cell, width);
        if (Replace && b == 0)
          set_row<W>(second + c * width, cell, width);
        else
          add_row<W>(second + c * width, cell, width);
        std::fill_n(cell, width, 0.0);  // zero again for the next call, while the row is in cache
      }
      if (W > 0) set_row<W>(first + b * width, f, width);
    }
  }
}

template <std::size_t W, bool Replace>
[[gnu::always_inline]] inline void add_all_pairs(double* acc, const std::uint8_t* bins, std::size_t stride,
                                                 std::size_t inputs, std::size_t w, const double* rows, std::size_t n,
                                                 double* joint) noexcept {
  const std::size_t width = W > 0 ? W : w;
  const std::size_t pairs = inputs / 2;
  std::size_t p = 0;
  for (; p + kPairBlock <= pairs; p += kPairBlock)
    add_pairs<W, kPairBlock, Replace>(acc + 2 * p * kValueBins * width, bins + 2 * p * stride, stride, w, rows, n,
                                      joint);
  for (; p < pairs; ++p)
    add_pairs<W, 1, Replace>(acc + 2 * p * kValueBins * width, bins + 2 * p * stride, stride, w, rows, n, joint);
  if (inputs % 2 != 0) {
    double* const last = acc + (inputs - 1) * kValueBins * width;
    if (Replace) std::fill_n(last, kValueBins * width, 0.0);
    add_inputs<W>(last, bins + (inputs - 1) * stride, stride, 1, w, rows, n);
  }
}

/// add_all_pairs for the row width w: fixed widths unroll. A template inlined into the cloned
/// add_all, not a lambda, whose body would not be cloned for the wider vectors.
template <bool Replace>
[[gnu::always_inline]] inline void add_all_widths(double* acc, const std::uint8_t* bins, std::size_t stride,
                                                  std::size_t inputs, std::size_t w, const double* rows, std::size_t n,
                                                  double* joint) noexcept {
  switch (w) {
    case 3: add_all_pairs<3, Replace>(acc, bins, stride, inputs, w, rows, n, joint); break;
    case 4: add_all_pairs<4, Replace>(acc, bins, stride, inputs, w, rows, n, joint); break;
    case 5: add_all_pairs<5, Replace>(acc, bins, stride, inputs, w, rows, n, joint); break;
    default: add_all_pairs<0, Replace>(acc, bins, stride, inputs, w, rows, n, joint);
  }
}

}  // namespace

BinnedOutcomes::Workspace BinnedOutcomes::workspace() const {
  return Workspace(kPairBlock * kJointBins * width(), 0.0);
}

TCOSIM_AVX2_CLONES void BinnedOutcomes::add_all(const std::uint8_t* bins, std::size_t stride, const double* rows,
                                                std::size_t n, Workspace& ws, Write write) noexcept {
  const std::size_t w = width();
  if (ws.size() < kPairBlock * kJointBins * w) {
    // Not this shape's workspace: input by input (the same sums up to rounding) rather than
    // write past its end.
    if (write == Write::replace) std::fill(sums_.begin(), sums_.end(), 0.0);
    add_inputs<0>(sums_.data(), bins, stride, inputs_, w, rows, n);
    return;
  }
  if (write == Write::replace)
    add_all_widths<true>(sums_.data(), bins, stride, inputs_, w, rows, n, ws.data());
  else
    add_all_widths<false>(sums_.data(), bins, stride, inputs_, w, rows, n, ws.data());
}

TCOSIM_VECTOR_CLONES void BinnedOutcomes::add(std::size_t input, const std::uint8_t* bins, const double* rows,
                                              std::size_t n) noexcept {
  add_inputs<0>(sums_.data() + input * kValueBins * width(), bins, n, 1, width(), rows, n);
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
