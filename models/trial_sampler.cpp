#include "models/trial_sampler.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

#include "models/simulation.hpp"
#include "sim/latin_hypercube.hpp"
#include "sim/philox_stream.hpp"

// Sampling schemes (docs/model.md section 7.4):
//
// Random, no correlations: each input's value is dist.sample(PhiloxStream(seed, trial, id)),
// the scheme every earlier version used; this path is kept exactly so that such scenarios give
// the same numbers as before.
//
// Correlations (Gaussian copula): a correlated input takes the first uniform u_i of its own
// stream, z_i = Phi^-1(u_i); the correlated normals are z' = L z with L L^T the Pearson matrix,
// and x_i = F_i^-1(Phi(z'_i)). Inputs outside the correlation block are drawn as without it.
//
// Latin hypercube: trials [b * 4096, (b + 1) * 4096) form block b. In it, input k's uniform of
// trial b * 4096 + j is (pi_bk(j) + v) / 4096, with pi_bk a permutation from (seed, b, input id)
// (sim/latin_hypercube.hpp) and v the trial's own first uniform; then x = F^-1(u), or, for a
// correlated input, the copula applied to the stratified uniforms (the rank structure of the
// copula with stratified margins, as @RISK does). The last block of a run may be cut short: its
// trials use the first entries of the permutation, so only full blocks are exactly stratified.

namespace tcosim {

static_assert(kLhsBlockTrials == kChunkTrials,
              "one LHS block per runner chunk: each thread then builds a block's permutations once");
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

}  // namespace

TrialSampler::TrialSampler(const Scenario& s, std::uint64_t seed, Sampling sampling)
    : s_(&s), seed_(seed), sampling_(sampling), plain_(sampling == Sampling::Random && s.correlation.empty()) {
  if (plain_) return;  // nothing to prepare: sample_inputs() builds one of these per call
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
  std::uint32_t rows = 0;
  for (std::size_t k = 0; k < n; ++k) {
    Plan& p = plan_[k];
    if (p.mode == Mode::Constant || p.mode == Mode::Draw) continue;
    if (lhs) p.row = rows++;
    // Only inputs drawn through their inverse CDF need it fast.
    const Distribution& d = s.inputs[k].dist;
    if (d.kind == DistKind::Pert && d.p[2] > d.p[0]) {
      const double w = d.p[2] - d.p[0];
      p.beta_inverse = true;
      p.beta = BetaQuantile(1.0 + d.p[3] * (d.p[1] - d.p[0]) / w, 1.0 + d.p[3] * (d.p[2] - d.p[1]) / w);
      p.lo = d.p[0];
      p.width = w;
    } else if (d.kind == DistKind::Beta) {
      p.beta_inverse = true;
      p.beta = BetaQuantile(d.p[0], d.p[1]);
      p.lo = d.p[2];
      p.width = d.p[3] - d.p[2];
    }
  }
  perms_.resize(static_cast<std::size_t>(rows) * kLhsBlockTrials);
  z_.resize(m);
}

void TrialSampler::sample(std::uint64_t trial, std::span<double> x) {
  if (!plain_) {
    sample_general(trial, x);
    return;
  }
  const std::size_t n = s_->inputs.size();
  for (std::size_t k = 0; k < n; ++k) {
    const InputSpec& in = s_->inputs[k];
    double v;
    if (in.dist.is_constant()) {
      v = in.dist.p[0];
    } else {
      PhiloxStream stream(seed_, trial, in.id);
      v = in.dist.sample(stream);
    }
    x[k] = std::clamp(v, in.lo, in.hi);
  }
}

void TrialSampler::sample_general(std::uint64_t trial, std::span<double> x) {
  const bool lhs = sampling_ == Sampling::Lhs;
  std::size_t j = 0;  // position in the LHS block
  if (lhs) {
    const std::uint64_t block = trial / kLhsBlockTrials;
    if (block != block_) load_block(block);
    j = static_cast<std::size_t>(trial % kLhsBlockTrials);
  }
  const std::size_t n = s_->inputs.size();
  for (std::size_t k = 0; k < n; ++k) {
    const InputSpec& in = s_->inputs[k];
    const Plan& p = plan_[k];
    switch (p.mode) {
      case Mode::Constant: x[k] = std::clamp(in.dist.p[0], in.lo, in.hi); break;
      case Mode::Draw: {
        PhiloxStream stream(seed_, trial, in.id);
        x[k] = std::clamp(in.dist.sample(stream), in.lo, in.hi);
        break;
      }
      case Mode::Stratified: {
        PhiloxStream stream(seed_, trial, in.id);
        const double u = lhs_uniform(perms_[p.row * kLhsBlockTrials + j], stream.next_u01(), kInvBlock);
        x[k] = std::clamp(inverse_cdf(k, u), in.lo, in.hi);
        break;
      }
      case Mode::Correlated: {
        PhiloxStream stream(seed_, trial, in.id);
        double u = stream.next_u01();
        if (lhs) u = lhs_uniform(perms_[p.row * kLhsBlockTrials + j], u, kInvBlock);
        z_[p.corr] = standard_normal_quantile(u);
        break;
      }
    }
  }
  const CorrelationSpec& c = s_->correlation;
  const std::size_t m = c.slots.size();
  const double* l = c.cholesky.data();
  for (std::size_t i = 0; i < m; ++i) {
    double zi = 0.0;
    for (std::size_t q = 0; q <= i; ++q) zi += l[i * m + q] * z_[q];
    const double u = std::clamp(normal_cdf(zi), kMinU, kMaxU);
    const Slot k = c.slots[i];
    x[k] = std::clamp(inverse_cdf(k, u), s_->inputs[k].lo, s_->inputs[k].hi);
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

double TrialSampler::inverse_cdf(std::size_t k, double u) const {
  const Plan& p = plan_[k];
  if (p.beta_inverse) return std::clamp(p.lo + p.width * p.beta(u), p.lo, p.lo + p.width);
  return s_->inputs[k].dist.quantile(u);
}

}  // namespace tcosim
