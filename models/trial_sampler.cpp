#include "models/trial_sampler.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

#include "sim/binned_outcomes.hpp"
#include "sim/latin_hypercube.hpp"
#include "sim/philox_batch.hpp"
#include "sim/vector_clones.hpp"

// Sampling schemes (docs/model.md section 7.4). Every input draws one uniform per trial,
// input_uniform(seed, trial, id) (sim/philox_batch.hpp), computed for a whole batch of trials at
// once.
//
// Random, no correlations: each input's value is dist.from_uniform(u) (== dist.sample(stream)).
//
// Correlations (Gaussian copula): a correlated input takes its uniform u_i, z_i = Phi^-1(u_i);
// the correlated normals are z' = L z with L L^T the Pearson matrix, and x_i = F_i^-1(Phi(z'_i)).
// Inputs outside the correlation block are drawn as without it.
//
// Latin hypercube: trials [b * 4096, (b + 1) * 4096) form block b. In it, input k's uniform of
// trial b * 4096 + j is (pi_bk(j) + v) / 4096, with pi_bk a permutation from (seed, b, input id)
// (sim/latin_hypercube.hpp) and v the trial's own uniform; then x = F^-1(u), or, for a
// correlated input, the copula applied to the stratified uniforms (the rank structure of the
// copula with stratified margins, as @RISK does). The last block of a run may be cut short: its
// trials use the first entries of the permutation, so only full blocks are exactly stratified.
//
// Sobol (randomized quasi-Monte Carlo, sim/sobol_points.hpp): every input that is not constant
// owns one Sobol dimension, numbered 0, 1, ... in Scenario::inputs order (market first, then
// the options in file order: docs/model.md 7.2). Trial t is point t / R of replicate t % R
// (R = kSobolReplicates); input k's uniform is u01fixedpt(point[dim_k] XOR shift(seed, id_k, r)).
// Correlated inputs take these uniforms through the copula as under the other schemes.
//
// F^-1 is Distribution::from_uniform everywhere (the fast inverse CDFs, BetaInverse for PERT
// and beta), so a value depends on its uniform alone, not on the scheme that produced it.

namespace tcosim {

static_assert((kLhsBlockTrials & (kLhsBlockTrials - 1)) == 0 && kLhsBlockTrials <= kMaxLhsStrata,
              "lhs_uniform needs a power-of-two stratum count that fits 16-bit permutations");

namespace {

// The Philox stream's uniforms lie in [2^-53, 1 - 2^-53]; the copula's Phi(z') is kept there
// too, so no quantile is asked for 0 or 1 (where unbounded marginals are infinite).
constexpr double kMinU = 0x1p-53;
constexpr double kMaxU = 1.0 - 0x1p-53;
constexpr double kInvBlock = 1.0 / static_cast<double>(kLhsBlockTrials);

/// Standard normal CDF; erfc keeps full relative precision in the lower tail.
inline double normal_cdf(double z) noexcept { return 0.5 * std::erfc(-z * (1.0 / std::numbers::sqrt2)); }

/// The EVPPI bins of a column of uniforms: value_bin(u) for u in [0, 1], with a 32-bit
/// conversion that vectorises (a multiply, a truncation and a minimum: exact in every clone).
TCOSIM_AVX2_CLONES void fill_bins(const double* u, std::size_t n, std::uint8_t* bins) noexcept {
  constexpr auto kLast = static_cast<std::int32_t>(kValueBins - 1);
  for (std::size_t t = 0; t < n; ++t) {
    const auto b = static_cast<std::int32_t>(u[t] * static_cast<double>(kValueBins));
    bins[t] = static_cast<std::uint8_t>(b < kLast ? b : kLast);
  }
}

}  // namespace

TrialSampler::TrialSampler(const Scenario& s, std::uint64_t seed, Sampling sampling)
    : s_(&s), seed_(seed), sampling_(sampling) {
  const std::size_t n = s.inputs.size();
  const CorrelationSpec& c = s.correlation;
  const std::size_t m = c.slots.size();
  if (c.cholesky.size() != m * m) {
    throw std::invalid_argument(
        fmt::format("correlation factor has {} entries for {} correlated inputs", c.cholesky.size(), m));
  }
  plan_.resize(n);
  const bool lhs = sampling == Sampling::Lhs;
  for (std::size_t k = 0; k < n; ++k) {
    plan_[k].mode = s.inputs[k].dist.is_constant() ? Mode::Constant : lhs ? Mode::Stratified : Mode::Draw;
  }
  for (std::size_t i = 0; i < m; ++i) {
    const Slot k = c.slots[i];
    if (k >= n) throw std::invalid_argument(fmt::format("correlated input slot {} out of range", k));
    if (plan_[k].mode == Mode::Correlated) throw std::invalid_argument("an input appears twice in the correlations");
    plan_[k].mode = Mode::Correlated;
    plan_[k].corr = static_cast<std::uint32_t>(i);
  }
  std::uint32_t rows = 0, varying = 0;
  for (std::size_t k = 0; k < n; ++k) {
    Plan& p = plan_[k];
    if (lhs && (p.mode == Mode::Stratified || p.mode == Mode::Correlated)) p.row = rows++;
    // By the distribution, like AnalyticsShape::binned: a constant input in the correlations
    // block is drawn through the copula but has no bins.
    p.bin_row = s.inputs[k].dist.is_constant() ? kNoBinRow : varying++;
  }
  bin_rows_ = varying;
  perms_.resize(static_cast<std::size_t>(rows) * kLhsBlockTrials);
  if (sampling == Sampling::Sobol) {
    std::uint32_t dims = 0;
    for (std::size_t k = 0; k < n; ++k) {
      if (plan_[k].mode != Mode::Constant) plan_[k].dim = dims++;
    }
    if (dims > kSobolMaxDimensions) {
      throw std::invalid_argument(fmt::format(
          "sampling {} gives each sampled input its own Sobol dimension, and the direction-number table has {}; "
          "this scenario samples {} inputs: use sampling lhs or random",
          tcosim::to_string(sampling), kSobolMaxDimensions, dims));
    }
    if (dims > 0) sobol_.emplace(dims);
    shifts_.resize(n * kSobolReplicates);
    for (std::size_t k = 0; k < n; ++k) {
      for (std::uint64_t r = 0; r < kSobolReplicates; ++r)
        shifts_[k * kSobolReplicates + r] = sobol_shift(seed, s.inputs[k].id, r);
    }
    points_.resize((kLhsBlockTrials / kSobolReplicates + 2) * dims);
  }
  if (m > 0) {
    z_.resize(m * kLhsBlockTrials);
    u_.resize(kLhsBlockTrials);
  }
}

void TrialSampler::sample(std::uint64_t trial, std::span<double> x) { sample_columns(trial, 1, x.data(), 1); }

void TrialSampler::sample_columns(std::uint64_t first, std::size_t n, double* cols, std::size_t stride,
                                  std::uint8_t* bins) {
  // Cut the batch at LHS block boundaries: the permutations are per block, and the copula's
  // scratch holds one block's worth of trials.
  std::size_t done = 0;
  while (done < n) {
    const std::uint64_t t = first + done;
    const std::size_t in_block = static_cast<std::size_t>(kLhsBlockTrials - t % kLhsBlockTrials);
    const std::size_t len = std::min(n - done, in_block);
    sample_block(t, len, cols + done, stride, bins != nullptr ? bins + done : nullptr);
    done += len;
  }
}

void TrialSampler::sample_block(std::uint64_t first, std::size_t n, double* cols, std::size_t stride,
                                std::uint8_t* bins) {
  const bool lhs = sampling_ == Sampling::Lhs;
  std::size_t j0 = 0;  // position of `first` in its LHS block
  if (lhs) {
    const std::uint64_t block = first / kLhsBlockTrials;
    if (block != block_) load_block(block);
    j0 = static_cast<std::size_t>(first % kLhsBlockTrials);
  }
  const bool sobol = sampling_ == Sampling::Sobol;
  if (sobol && sobol_) load_points(first, n);
  const std::size_t n_in = s_->inputs.size();
  for (std::size_t k = 0; k < n_in; ++k) {
    const InputSpec& in = s_->inputs[k];
    const Plan& p = plan_[k];
    double* col = cols + k * stride;
    if (p.mode == Mode::Constant) {
      const double v = std::clamp(in.dist.p[0], in.lo, in.hi);
      for (std::size_t t = 0; t < n; ++t) col[t] = v;
      continue;
    }
    if (sobol) {
      sobol_uniforms(k, first, n, col);
    } else {
      input_uniforms(seed_, first, in.id, n, col);
    }
    if (lhs) {
      const std::uint16_t* perm = perms_.data() + p.row * kLhsBlockTrials + j0;
      for (std::size_t t = 0; t < n; ++t) col[t] = lhs_uniform(perm[t], col[t], kInvBlock);
    }
    if (p.mode == Mode::Correlated) continue;  // finished by the copula below
    if (bins != nullptr) fill_bins(col, n, bins + p.bin_row * stride);
    in.dist.from_uniforms(col, col, n);
    const double lo = in.lo, hi = in.hi;
    for (std::size_t t = 0; t < n; ++t) col[t] = std::clamp(col[t], lo, hi);
  }
  const CorrelationSpec& c = s_->correlation;
  const std::size_t m = c.slots.size();
  if (m == 0) return;
  // Column by column: the normal scores of every correlated input first (their columns still
  // hold uniforms), then each correlated normal z'_i = sum_q L_iq z_q (q ascending, as a
  // trial-at-a-time loop sums), its uniform, and the marginal's inverse CDF over the column.
  const double* l = c.cholesky.data();
  for (std::size_t i = 0; i < m; ++i) {
    const double* col = cols + c.slots[i] * stride;
    double* z = z_.data() + i * kLhsBlockTrials;
    standard_normal_quantiles(col, z, n);
  }
  double* u = u_.data();
  for (std::size_t i = 0; i < m; ++i) {
    for (std::size_t t = 0; t < n; ++t) u[t] = 0.0;
    for (std::size_t q = 0; q <= i; ++q) {
      const double lq = l[i * m + q];
      const double* z = z_.data() + q * kLhsBlockTrials;
      for (std::size_t t = 0; t < n; ++t) u[t] += lq * z[t];
    }
    for (std::size_t t = 0; t < n; ++t) u[t] = std::clamp(normal_cdf(u[t]), kMinU, kMaxU);
    const InputSpec& in = s_->inputs[c.slots[i]];
    const std::uint32_t bin_row = plan_[c.slots[i]].bin_row;
    if (bins != nullptr && bin_row != kNoBinRow) fill_bins(u, n, bins + bin_row * stride);
    double* col = cols + c.slots[i] * stride;
    in.dist.from_uniforms(u, col, n);
    for (std::size_t t = 0; t < n; ++t) col[t] = std::clamp(col[t], in.lo, in.hi);
  }
}

void TrialSampler::load_block(std::uint64_t block) {
  for (std::size_t k = 0; k < plan_.size(); ++k) {
    if (plan_[k].mode != Mode::Stratified && plan_[k].mode != Mode::Correlated) continue;
    const std::span<std::uint16_t> row(perms_.data() + plan_[k].row * kLhsBlockTrials, kLhsBlockTrials);
    lhs_permutation(seed_, block, s_->inputs[k].id, row);
  }
  block_ = block;
}

void TrialSampler::load_points(std::uint64_t first, std::size_t n) {
  first_point_ = first / kSobolReplicates;
  const std::uint64_t last_point = (first + n - 1) / kSobolReplicates;
  sobol_->points(first_point_, static_cast<std::size_t>(last_point - first_point_ + 1), points_.data());
}

void TrialSampler::sobol_uniforms(std::size_t k, std::uint64_t first, std::size_t n, double* col) const {
  const std::size_t dims = sobol_->dimensions();
  const std::uint64_t* x = points_.data() + plan_[k].dim;
  const std::uint64_t* shift = shifts_.data() + k * kSobolReplicates;
  const auto point = [&](std::uint64_t trial) { return x[(trial / kSobolReplicates - first_point_) * dims]; };
  for (std::size_t t = 0; t < n; ++t) {
    const std::uint64_t trial = first + t;
    col[t] = r123::u01fixedpt<double>(point(trial) ^ shift[trial % kSobolReplicates]);
  }
}

std::string TrialSampler::to_string() const {
  std::size_t by_mode[4] = {};
  for (const Plan& p : plan_) ++by_mode[static_cast<std::size_t>(p.mode)];
  return fmt::format(
      "TrialSampler{{\"{}\", seed={}, {}, {} inputs: {} constant, {} drawn, {} stratified, {} correlated}}", s_->name,
      seed_, tcosim::to_string(sampling_), plan_.size(), by_mode[static_cast<std::size_t>(Mode::Constant)],
      by_mode[static_cast<std::size_t>(Mode::Draw)], by_mode[static_cast<std::size_t>(Mode::Stratified)],
      by_mode[static_cast<std::size_t>(Mode::Correlated)]);
}

}  // namespace tcosim
