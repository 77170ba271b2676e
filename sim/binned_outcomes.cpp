#include "sim/binned_outcomes.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

// EVPPI from bins (docs/analytics.md, "Value of information"). With p_b = n_b / n, o* the
// option of lowest overall mean and o_b the option of lowest mean in bin b:
//   EVPPI = sum_b p_b (mean_b(o*) - mean_b(o_b)),
// which equals min_o mean(o) - sum_b p_b min_o mean_b(o) (the overall mean is the p-weighted
// mean of the bin means) and is >= 0 term by term. Holding o* and the o_b fixed, it is a
// stratified mean of cost_o* - cost_o_b, so its variance is sum_b p_b^2 Var_b / n_b.

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
  width_ = options == 0 ? 0 : 2 * options + options * (options - 1) / 2;
  sums_.assign(inputs * kValueBins * width_, 0.0);
}

std::size_t BinnedOutcomes::cross_index(std::size_t p, std::size_t q) const noexcept {
  // Pairs (p, q), 1 <= p <= q < options, in row-major order of the upper triangle.
  const std::size_t m = options_ - 1;
  const std::size_t i = p - 1, j = q - 1;
  return 2 * options_ + i * m - i * (i - 1) / 2 + (j - i);
}

void BinnedOutcomes::trial_row(const double* costs, std::size_t best, double* row) const noexcept {
  for (std::size_t o = 0; o < options_; ++o) {
    row[o] = costs[o];
    row[options_ + o] = o == best ? 1.0 : 0.0;
  }
  double* cross = row + 2 * options_;
  for (std::size_t p = 1; p < options_; ++p) {
    const double dp = costs[p] - costs[0];
    for (std::size_t q = p; q < options_; ++q) *cross++ = dp * (costs[q] - costs[0]);
  }
}

double BinnedOutcomes::count(std::size_t k, std::size_t b) const noexcept {
  const double* r = row(k, b);
  double n = 0.0;
  for (std::size_t o = 0; o < options_; ++o) n += r[options_ + o];
  return n;
}

double BinnedOutcomes::mean(std::size_t k, std::size_t b, std::size_t o) const noexcept {
  const double n = count(k, b);
  return n > 0 ? row(k, b)[o] / n : std::numeric_limits<double>::quiet_NaN();
}

double BinnedOutcomes::difference_square_sum(const double* r, std::size_t a, std::size_t c) const noexcept {
  // (d_a - d_c)^2 = d_a^2 - 2 d_a d_c + d_c^2, d_0 = 0.
  const auto dd = [&](std::size_t p, std::size_t q) {
    if (p == 0 || q == 0) return 0.0;
    return r[cross_index(std::min(p, q), std::max(p, q))];
  };
  return dd(a, a) - 2.0 * dd(a, c) + dd(c, c);
}

double BinnedOutcomes::difference_variance(std::size_t k, std::size_t b, std::size_t a, std::size_t c) const noexcept {
  const double* r = row(k, b);
  const double n = count(k, b);
  if (n < 2.0 || a == c) return 0.0;
  const double mean_diff = (r[a] - r[c]) / n;
  return std::max(0.0, (difference_square_sum(r, a, c) - n * mean_diff * mean_diff) / (n - 1.0));
}

InformationEstimate BinnedOutcomes::evppi(std::size_t k) const {
  InformationEstimate e;
  if (options_ < 2 || k >= inputs_) return e;
  // Whole-run sums are the sums over the input's bins.
  std::vector<double> total(width_, 0.0);
  for (std::size_t b = 0; b < kValueBins; ++b)
    for (std::size_t j = 0; j < width_; ++j) total[j] += row(k, b)[j];
  double n = 0.0;
  for (std::size_t o = 0; o < options_; ++o) n += total[options_ + o];
  if (n < 2.0) return e;
  std::vector<double> means(options_);
  for (std::size_t o = 0; o < options_; ++o) means[o] = total[o] / n;
  const auto [star, star_second] = two_lowest(means);
  double variance = 0.0, bias = 0.0;
  for (std::size_t b = 0; b < kValueBins; ++b) {
    const double nb = count(k, b);
    if (nb < 1.0) continue;
    const double p = nb / n;
    for (std::size_t o = 0; o < options_; ++o) means[o] = row(k, b)[o] / nb;
    const auto [best, second] = two_lowest(means);
    e.value += p * (means[star] - means[best]);
    if (best != star) variance += p * p * difference_variance(k, b, star, best) / nb;
    const double se_b = std::sqrt(difference_variance(k, b, best, second) / nb);
    bias += p * normal_choice_gain(means[second] - means[best], se_b);
  }
  // The overall choice is made on noisy means too, which biases the first term down.
  const double* t = total.data();
  const double mean_gap = (t[star_second] - t[star]) / n;
  const double overall_var =
      std::max(0.0, (difference_square_sum(t, star_second, star) - n * mean_gap * mean_gap) / (n - 1.0));
  bias -= normal_choice_gain(mean_gap, std::sqrt(overall_var / n));
  e.value = std::max(0.0, e.value);
  e.std_error = std::sqrt(variance);
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
