#include "sim/distribution.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/math/distributions/bernoulli.hpp>
#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/exponential.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/triangular.hpp>
#include <boost/math/distributions/uniform.hpp>
#include <cmath>
#include <limits>
#include <numeric>
#include <optional>
#include <utility>

#include "sim/vector_clones.hpp"

// Layout of Distribution::p per kind. Everything sample() needs is precomputed here so the
// hot path is arithmetic only; the user's own numbers are kept too, for describe().
//
//   Constant         p0 value
//   Uniform          p0 min, p1 max, p2 max - min
//   Triangular       p0 min, p1 mode, p2 max, p3 F(mode) = (mode-min)/(max-min),
//                    p4 (max-min)(mode-min), p5 (max-min)(max-mode)
//   Pert             p0 min, p1 mode, p2 max, p3 lambda, p4 alpha, p5 beta (shapes on [0, 1]),
//                    p6 max - min                                  (+ beta_inverse when p6 > 0)
//   Normal           p0 mean, p1 sd
//   TruncatedNormal  p0 mean, p1 sd, p2 min, p3 max, p4 orientation s (+1 or -1),
//                    p5 Phi(a'), p6 Phi(b') - Phi(a'), p7 (1 - s) / 2, where [a', b'] is the
//                    standardised window in orientation s (s = -1 mirrors it about the mean);
//                    a mirrored window is fed 1 - u (exact), so draws still increase with u
//   Lognormal        p0 mu, p1 sigma, p2/p3 the pair given (mean, sd) or (median, p90),
//                    p4 0 for the mean/sd form, 1 for the median/p90 form
//   Beta             p0 alpha, p1 beta, p2 min, p3 max                (+ beta_inverse)
//   Discrete         (table)
//   Bernoulli        p0 probability p, p1 1 - p
//   Exponential      p0 rate, p1 1/rate (+inf for rate 0)
//
// Every kind draws exactly one uniform u and is an inverse CDF, sample() == from_uniform(u) ~=
// quantile(u): monotone in u, so stratified (LHS) and rank-correlated sampling keep their
// meaning. Hence Bernoulli is u > 1 - p rather than u < p, and Exponential is -log(1 - u) / rate
// rather than -log(u). PERT and beta are inverted by BetaInverse (sim/beta_inverse.hpp); up to
// tcosim 0.1.0 they were drawn as X / (X + Y) of two Marsaglia-Tsang gammas, which consumed a
// variable number of uniforms and cost ten times as much.

namespace tcosim {

namespace {

namespace bm = boost::math;
// quantile(0) and quantile(1) are the ends of the support, not errors worth an exception.
using Policy = bm::policies::policy<bm::policies::overflow_error<bm::policies::ignore_error>>;
using Normal01 = bm::normal_distribution<double, Policy>;

constexpr double kInf = std::numeric_limits<double>::infinity();

// ---------------------------------------------------------------------------------------
// Standard normal quantile: Wichura, Algorithm AS 241 (PPND16), Applied Statistics 37 (1988).

/// Polynomial with coefficients from the highest degree down, by Horner's rule.
template <std::size_t N>
constexpr double horner(const std::array<double, N>& c, double x) noexcept {
  double y = c[0];
  for (std::size_t i = 1; i < N; ++i) y = y * x + c[i];
  return y;
}

// Central region |p - 1/2| <= 0.425, in r = 0.180625 - q^2.
constexpr std::array<double, 8> kA = {2.5090809287301226727e+3, 3.3430575583588128105e+4, 6.7265770927008700853e+4,
                                      4.5921953931549871457e+4, 1.3731693765509461125e+4, 1.9715909503065514427e+3,
                                      1.3314166789178437745e+2, 3.3871328727963666080e+0};
constexpr std::array<double, 8> kB = {
    5.2264952788528545610e+3, 2.8729085735721942674e+4, 3.9307895800092710610e+4, 2.1213794301586595867e+4,
    5.3941960214247511077e+3, 6.8718700749205790830e+2, 4.2313330701600911252e+1, 1.0};
// Intermediate tail, r = sqrt(-log(tail)) <= 5, in r - 1.6.
constexpr std::array<double, 8> kC = {7.74545014278341407640e-4, 2.27238449892691845833e-2, 2.41780725177450611770e-1,
                                      1.27045825245236838258e+0, 3.64784832476320460504e+0, 5.76949722146069140550e+0,
                                      4.63033784615654529590e+0, 1.42343711074968357734e+0};
constexpr std::array<double, 8> kD = {
    1.05075007164441684324e-9, 5.47593808499534494600e-4, 1.51986665636164571966e-2, 1.48103976427480074590e-1,
    6.89767334985100004550e-1, 1.67638483018380384940e+0, 2.05319162663775882187e+0, 1.0};
// Far tail, r > 5, in r - 5.
constexpr std::array<double, 8> kE = {2.01033439929228813265e-7, 2.71155556874348757815e-5, 1.24266094738807843860e-3,
                                      2.65321895265761230930e-2, 2.96560571828504891230e-1, 1.78482653991729133580e+0,
                                      5.46378491116411436990e+0, 6.65790464350110377720e+0};
constexpr std::array<double, 8> kF = {
    2.04426310338993978564e-15, 1.42151175831644588870e-7, 1.84631831751005468180e-5, 7.86869131145613259100e-4,
    1.48753612908506148525e-2,  1.36929880922735805310e-1, 5.99832206555887937690e-1, 1.0};

inline double ppnd16(double p) noexcept {
  const double q = p - 0.5;
  if (std::fabs(q) <= 0.425) {
    const double r = 0.180625 - q * q;
    return q * horner(kA, r) / horner(kB, r);
  }
  // Work on the smaller tail probability: 1 - p is exact here, and a tail below 0.075 keeps
  // its full relative precision, which p itself would not near 1.
  double r = q < 0.0 ? p : 1.0 - p;
  if (!(r > 0.0)) return q < 0.0 ? -kInf : (r == 0.0 ? kInf : std::numeric_limits<double>::quiet_NaN());
  r = std::sqrt(-std::log(r));
  const double z = r <= 5.0 ? horner(kC, r - 1.6) / horner(kD, r - 1.6) : horner(kE, r - 5.0) / horner(kF, r - 5.0);
  return q < 0.0 ? -z : z;
}

inline double scale_to(double x01, double min, double max) noexcept {
  return std::clamp(min + (max - min) * x01, min, max);
}

// ---------------------------------------------------------------------------------------
// Helpers for the slow paths.

double phi01(double x) { return bm::cdf(Normal01(0.0, 1.0), x); }

double pdf01(double x) {
  // exp(-inf) is 0, so infinite bounds need no special case here.
  constexpr double kInvSqrt2Pi = 0.39894228040143267794;
  return kInvSqrt2Pi * std::exp(-0.5 * x * x);
}

// x * pdf(x), which is 0 at +-inf (the product would be inf * 0 = NaN).
double x_pdf01(double x) { return std::isinf(x) ? 0.0 : x * pdf01(x); }

struct PertShapes {
  double alpha;
  double beta;
};

PertShapes pert_shapes(double min, double mode, double max, double lambda) {
  const double w = max - min;
  if (!(w > 0.0)) return {1.0, 1.0};  // degenerate: any shapes, the width is 0
  return {1.0 + lambda * (mode - min) / w, 1.0 + lambda * (max - mode) / w};
}

double beta_mean01(double a, double b) { return a / (a + b); }
double beta_var01(double a, double b) { return a * b / ((a + b) * (a + b) * (a + b + 1.0)); }

/// Mills ratio Phi(x) / pdf(x). Beyond 5 sd Laplace's continued fraction, which keeps full
/// relative precision where erfc and exp each lose ~x^2 ulps to argument rounding.
double mills_lower(double x) {
  if (x < -5.0) {
    const double t = -x;
    double g = t;
    for (int k = 200; k >= 1; --k) g = t + k / g;
    return 1.0 / g;
  }
  return phi01(x) / pdf01(x);
}

/// Mean and variance of a standard normal truncated to [a, b], a < b, a + b <= 0 (the
/// sampler's orientation), whose probability is `mass`.
struct StdMoments {
  double mean;
  double var;
};

StdMoments truncated_std_moments(double a, double b, double mass) {
  if (b <= 0.0) {
    // Lower tail only: divide through by pdf(b) so that Z / pdf(b) = R(b) - q R(a) with
    // q = pdf(a) / pdf(b). The variance 1 + T - shift^2 cancels about b^2-fold, so the
    // inputs must not carry the x^2-ulp error of Phi and pdf evaluated separately.
    const bool open = std::isinf(a);
    const double q = open ? 0.0 : std::exp(0.5 * (b - a) * (b + a));
    const double den = mills_lower(b) - (open ? 0.0 : q * mills_lower(a));
    const double shift = (q - 1.0) / den;
    const double t = ((open ? 0.0 : a * q) - b) / den;
    return {shift, 1.0 + t - shift * shift};
  }
  const double shift = (pdf01(a) - pdf01(b)) / mass;
  return {shift, 1.0 + (x_pdf01(a) - x_pdf01(b)) / mass - shift * shift};
}

StdMoments truncated_std_moments(const std::array<double, 8>& p) {
  const double a = (p[2] - p[0]) / p[1];
  const double b = (p[3] - p[0]) / p[1];
  if (std::isinf(a) && std::isinf(b)) return {0.0, 1.0};
  return p[4] > 0.0 ? truncated_std_moments(a, b, p[6]) : truncated_std_moments(-b, -a, p[6]);
}

double point_mass_cdf(double at, double x) { return x < at ? 0.0 : 1.0; }

std::string num(double v) { return fmt::format("{}", v); }

}  // namespace

double standard_normal_quantile(double p) noexcept { return ppnd16(p); }

TCOSIM_VECTOR_CLONES void standard_normal_quantiles(const double* p, double* z, std::size_t n) noexcept {
  // ppnd16's central formula for every value, as a loop the compiler vectorises, then the
  // values in the tails (15 % of uniforms) again through ppnd16 one by one: the same
  // expressions, so the same bits. A tile at a time through a copy, so p and z may be the same.
  constexpr std::size_t kTile = 256;
  double in[kTile];
  for (std::size_t at = 0; at < n; at += kTile) {
    const std::size_t len = std::min(kTile, n - at);
    std::copy(p + at, p + at + len, in);
    double* out = z + at;
    for (std::size_t i = 0; i < len; ++i) {
      const double q = in[i] - 0.5;
      const double r = 0.180625 - q * q;
      out[i] = q * horner(kA, r) / horner(kB, r);
    }
    for (std::size_t i = 0; i < len; ++i)
      if (!(std::fabs(in[i] - 0.5) <= 0.425)) out[i] = ppnd16(in[i]);
  }
}

// ---------------------------------------------------------------------------------------
// Factories

Distribution Distribution::constant(double v) {
  Distribution d;
  d.kind = DistKind::Constant;
  d.p[0] = v;
  return d;
}

Distribution Distribution::uniform(double min, double max) {
  Distribution d;
  d.kind = DistKind::Uniform;
  d.p = {min, max, max - min};
  return d;
}

Distribution Distribution::triangular(double min, double mode, double max) {
  Distribution d;
  d.kind = DistKind::Triangular;
  const double w = max - min;
  // With min == max every product below is 0 and the sampler returns min on either branch.
  d.p = {min, mode, max, w > 0.0 ? (mode - min) / w : 0.0, w * (mode - min), w * (max - mode)};
  return d;
}

Distribution Distribution::pert(double min, double mode, double max, double lambda) {
  Distribution d;
  d.kind = DistKind::Pert;
  const PertShapes s = pert_shapes(min, mode, max, lambda);
  d.p = {min, mode, max, lambda, s.alpha, s.beta, max - min};
  if (max > min) d.beta_inverse = std::make_shared<const BetaInverse>(s.alpha, s.beta);
  return d;
}

Distribution Distribution::normal(double mean, double sd) {
  if (sd == 0.0) return constant(mean);
  Distribution d;
  d.kind = DistKind::Normal;
  d.p = {mean, sd};
  return d;
}

Distribution Distribution::truncated_normal(double mean, double sd, double min, double max) {
  if (sd == 0.0 || min == max) return constant(std::clamp(mean, min, max));
  Distribution d;
  d.kind = DistKind::TruncatedNormal;
  const double a = (min - mean) / sd;
  const double b = (max - mean) / sd;
  // Mirror windows that lie mostly above the mean into the lower tail, where Phi is small
  // and keeps full relative precision; above, Phi(a) and Phi(b) round towards 1 and their
  // difference cancels (a window beyond 8.3 sd would have no mass at all). a + b is NaN
  // for (-inf, inf), which is left as is.
  const bool flip = a + b > 0.0;
  const double lo = flip ? -b : a;
  const double hi = flip ? -a : b;
  const double phi_lo = phi01(lo);
  d.p = {mean, sd, min, max, flip ? -1.0 : 1.0, phi_lo, phi01(hi) - phi_lo, flip ? 1.0 : 0.0};
  return d;
}

Distribution Distribution::lognormal_mean_sd(double mean, double sd) {
  if (sd == 0.0) return constant(mean);
  Distribution d;
  d.kind = DistKind::Lognormal;
  const double cv = sd / mean;  // squared as a ratio, so huge or tiny money amounts cannot overflow
  const double s2 = std::log1p(cv * cv);
  d.p = {std::log(mean) - 0.5 * s2, std::sqrt(s2), mean, sd, 0.0};
  return d;
}

Distribution Distribution::lognormal_median_p90(double median, double p90) {
  Distribution d;
  d.kind = DistKind::Lognormal;
  constexpr double kZ90 = 1.2815515655446004;  // standard normal 0.9 quantile
  // log1p of the relative gap, not log(p90) - log(median), which cancels when p90 ~ median.
  d.p = {std::log(median), std::log1p((p90 - median) / median) / kZ90, median, p90, 1.0};
  return d;
}

Distribution Distribution::beta(double alpha, double beta, double min, double max) {
  Distribution d;
  d.kind = DistKind::Beta;
  d.p = {alpha, beta, min, max};
  d.beta_inverse = std::make_shared<const BetaInverse>(alpha, beta);
  return d;
}

Distribution Distribution::discrete(std::vector<double> values, std::vector<double> weights) {
  if (weights.empty()) weights.assign(values.size(), 1.0);
  // Sorted by value so that the sampler is an inverse CDF: monotone in u, which stratified
  // (LHS) and copula sampling rely on, and quantile() and sample() agree.
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t i, std::size_t j) { return values[i] < values[j]; });
  auto table = std::make_shared<DiscreteTable>();
  table->values.reserve(values.size());
  table->weights.reserve(values.size());
  for (std::size_t i : order) {
    table->values.push_back(values[i]);
    table->weights.push_back(weights[i]);
  }
  double total = 0.0;
  for (double w : table->weights) total += w;
  double running = 0.0;
  table->cumulative.reserve(values.size());
  for (double w : table->weights) {
    running += w;
    table->cumulative.push_back(running / total);
  }
  // Exactly 1 so that every u < 1 finds a slot.
  if (!table->cumulative.empty()) table->cumulative.back() = 1.0;
  Distribution d;
  d.kind = DistKind::Discrete;
  d.table = std::move(table);
  return d;
}

Distribution Distribution::bernoulli(double p) {
  Distribution d;
  d.kind = DistKind::Bernoulli;
  d.p = {p, 1.0 - p};
  return d;
}

Distribution Distribution::exponential(double rate) {
  Distribution d;
  d.kind = DistKind::Exponential;
  d.p = {rate, rate > 0.0 ? 1.0 / rate : kInf};
  return d;
}

// ---------------------------------------------------------------------------------------
// Sampling: one switch, no allocation; each kind consumes a fixed pattern of uniforms.

double Distribution::from_uniform(double u) const noexcept {
  switch (kind) {
    case DistKind::Constant: return p[0];
    case DistKind::Uniform: return std::min(p[0] + u * p[2], p[1]);
    case DistKind::Triangular: {
      const double x = u < p[3] ? p[0] + std::sqrt(u * p[4]) : p[2] - std::sqrt((1.0 - u) * p[5]);
      return std::clamp(x, p[0], p[2]);
    }
    case DistKind::Pert: return p[6] > 0.0 ? scale_to((*beta_inverse)(u), p[0], p[2]) : p[0];
    case DistKind::Normal: return p[0] + p[1] * ppnd16(u);
    case DistKind::TruncatedNormal: {
      const double z = ppnd16(p[5] + (p[7] + p[4] * u) * p[6]);
      return std::clamp(p[0] + p[4] * p[1] * z, p[2], p[3]);
    }
    case DistKind::Lognormal: return std::exp(p[0] + p[1] * ppnd16(u));
    case DistKind::Beta: return scale_to((*beta_inverse)(u), p[2], p[3]);
    case DistKind::Discrete: {
      const std::vector<double>& cum = table->cumulative;
      const auto i = std::lower_bound(cum.begin(), cum.end(), u) - cum.begin();
      return table->values[static_cast<std::size_t>(i)];
    }
    case DistKind::Bernoulli: return u > p[1] ? 1.0 : 0.0;
    // 1 - u is exact on the stream's 2^-53 grid and never 0 or 1, so -log(1 - u) is as
    // accurate as log1p and > 0: a zero rate gives inf * positive = +inf ("never").
    case DistKind::Exponential: return -std::log(1.0 - u) * p[1];
  }
  return p[0];
}

TCOSIM_VECTOR_CLONES void Distribution::from_uniforms(const double* u, double* x, std::size_t n) const noexcept {
  // The branch-free families get their own loops (vectorised by the compiler); the others go
  // through from_uniform one value at a time, with the kind switch hoisted by the inliner.
  switch (kind) {
    case DistKind::Constant:
      for (std::size_t i = 0; i < n; ++i) x[i] = p[0];
      return;
    case DistKind::Uniform: {
      const double lo = p[0], hi = p[1], w = p[2];
      for (std::size_t i = 0; i < n; ++i) x[i] = std::min(lo + u[i] * w, hi);
      return;
    }
    case DistKind::Bernoulli: {
      const double q = p[1];
      for (std::size_t i = 0; i < n; ++i) x[i] = u[i] > q ? 1.0 : 0.0;
      return;
    }
    case DistKind::Triangular: {
      // from_uniform's expression with both square roots taken and one kept: a branch on
      // u < p[3] would be mispredicted about half the time, two vector square roots are cheaper.
      const double lo = p[0], hi = p[2], split = p[3], left = p[4], right = p[5];
      for (std::size_t i = 0; i < n; ++i) {
        const double a = lo + std::sqrt(u[i] * left);
        const double b = hi - std::sqrt((1.0 - u[i]) * right);
        x[i] = std::clamp(u[i] < split ? a : b, lo, hi);
      }
      return;
    }
    case DistKind::Normal: {
      const double mean = p[0], sd = p[1];
      standard_normal_quantiles(u, x, n);
      for (std::size_t i = 0; i < n; ++i) x[i] = mean + sd * x[i];
      return;
    }
    case DistKind::Lognormal: {
      const double mu = p[0], sigma = p[1];
      standard_normal_quantiles(u, x, n);
      for (std::size_t i = 0; i < n; ++i) x[i] = std::exp(mu + sigma * x[i]);
      return;
    }
    case DistKind::Pert:
    case DistKind::Beta: {
      const double lo = kind == DistKind::Pert ? p[0] : p[2];
      const double hi = kind == DistKind::Pert ? p[2] : p[3];
      if (!beta_inverse) {
        for (std::size_t i = 0; i < n; ++i) x[i] = lo;
        return;
      }
      const BetaInverse& inv = *beta_inverse;
      for (std::size_t i = 0; i < n; ++i) x[i] = scale_to(inv(u[i]), lo, hi);
      return;
    }
    default:
      for (std::size_t i = 0; i < n; ++i) x[i] = from_uniform(u[i]);
      return;
  }
}

// ---------------------------------------------------------------------------------------
// Quantile, CDF, moments (slow paths, Boost.Math).

double Distribution::quantile(double u) const {
  switch (kind) {
    case DistKind::Constant: return p[0];
    case DistKind::Uniform:
      if (!(p[2] > 0.0)) return p[0];
      return bm::quantile(bm::uniform_distribution<double, Policy>(p[0], p[1]), u);
    case DistKind::Triangular:
      if (!(p[2] > p[0])) return p[0];
      return bm::quantile(bm::triangular_distribution<double, Policy>(p[0], p[1], p[2]), u);
    case DistKind::Pert: {
      if (!(p[2] > p[0])) return p[0];
      const PertShapes sh = pert_shapes(p[0], p[1], p[2], p[3]);
      return scale_to(bm::quantile(bm::beta_distribution<double, Policy>(sh.alpha, sh.beta), u), p[0], p[2]);
    }
    case DistKind::Normal: return bm::quantile(bm::normal_distribution<double, Policy>(p[0], p[1]), u);
    case DistKind::TruncatedNormal: {
      const double z = bm::quantile(Normal01(0.0, 1.0), p[5] + (p[7] + p[4] * u) * p[6]);
      return std::clamp(p[0] + p[4] * p[1] * z, p[2], p[3]);
    }
    case DistKind::Lognormal: return bm::quantile(bm::lognormal_distribution<double, Policy>(p[0], p[1]), u);
    case DistKind::Beta:
      return scale_to(bm::quantile(bm::beta_distribution<double, Policy>(p[0], p[1]), u), p[2], p[3]);
    case DistKind::Discrete: {
      const std::vector<double>& cum = table->cumulative;
      const auto i = std::lower_bound(cum.begin(), cum.end(), u) - cum.begin();
      return table->values[std::min(static_cast<std::size_t>(i), cum.size() - 1)];
    }
    case DistKind::Bernoulli: return bm::quantile(bm::bernoulli_distribution<double, Policy>(p[0]), u);
    case DistKind::Exponential:
      if (!(p[0] > 0.0)) return kInf;
      return bm::quantile(bm::exponential_distribution<double, Policy>(p[0]), u);
  }
  return p[0];
}

double Distribution::cdf(double x) const {
  if (std::isnan(x)) return x;
  switch (kind) {
    case DistKind::Constant: return point_mass_cdf(p[0], x);
    case DistKind::Uniform:
      if (!(p[2] > 0.0)) return point_mass_cdf(p[0], x);
      if (x <= p[0]) return 0.0;
      if (x >= p[1]) return 1.0;
      return bm::cdf(bm::uniform_distribution<double, Policy>(p[0], p[1]), x);
    case DistKind::Triangular:
      if (!(p[2] > p[0])) return point_mass_cdf(p[0], x);
      if (x <= p[0]) return 0.0;
      if (x >= p[2]) return 1.0;
      return bm::cdf(bm::triangular_distribution<double, Policy>(p[0], p[1], p[2]), x);
    case DistKind::Pert: {
      if (!(p[2] > p[0])) return point_mass_cdf(p[0], x);
      if (x <= p[0]) return 0.0;
      if (x >= p[2]) return 1.0;
      const PertShapes sh = pert_shapes(p[0], p[1], p[2], p[3]);
      const double t = std::clamp((x - p[0]) / (p[2] - p[0]), 0.0, 1.0);
      return bm::cdf(bm::beta_distribution<double, Policy>(sh.alpha, sh.beta), t);
    }
    case DistKind::Normal: return bm::cdf(bm::normal_distribution<double, Policy>(p[0], p[1]), x);
    case DistKind::TruncatedNormal: {
      if (x < p[2]) return 0.0;
      if (x >= p[3]) return 1.0;
      // G is the CDF of the oriented variable W = s Z; mirrored, P(X <= x) = P(W >= -z) = 1 - G.
      const double g = (phi01(p[4] * (x - p[0]) / p[1]) - p[5]) / p[6];
      return std::clamp(p[7] + p[4] * g, 0.0, 1.0);
    }
    case DistKind::Lognormal:
      if (x <= 0.0) return 0.0;
      return bm::cdf(bm::lognormal_distribution<double, Policy>(p[0], p[1]), x);
    case DistKind::Beta: {
      if (x <= p[2]) return 0.0;
      if (x >= p[3]) return 1.0;
      const double t = std::clamp((x - p[2]) / (p[3] - p[2]), 0.0, 1.0);
      return bm::cdf(bm::beta_distribution<double, Policy>(p[0], p[1]), t);
    }
    case DistKind::Discrete: {
      const std::vector<double>& v = table->values;
      const auto k = std::upper_bound(v.begin(), v.end(), x) - v.begin();
      return k == 0 ? 0.0 : table->cumulative[static_cast<std::size_t>(k - 1)];
    }
    case DistKind::Bernoulli:
      if (x < 0.0) return 0.0;
      if (x >= 1.0) return 1.0;
      return 1.0 - p[0];
    case DistKind::Exponential:
      if (x <= 0.0 || !(p[0] > 0.0)) return 0.0;
      return bm::cdf(bm::exponential_distribution<double, Policy>(p[0]), x);
  }
  return 0.0;
}

double Distribution::mean() const {
  switch (kind) {
    case DistKind::Constant: return p[0];
    case DistKind::Uniform: return p[2] > 0.0 ? 0.5 * (p[0] + p[1]) : p[0];
    case DistKind::Triangular: return p[2] > p[0] ? (p[0] + p[1] + p[2]) / 3.0 : p[0];
    case DistKind::Pert: return p[2] > p[0] ? (p[0] + p[3] * p[1] + p[2]) / (p[3] + 2.0) : p[0];
    case DistKind::Normal: return p[0];
    case DistKind::TruncatedNormal: {
      return std::clamp(p[0] + p[4] * p[1] * truncated_std_moments(p).mean, p[2], p[3]);
    }
    case DistKind::Lognormal: return std::exp(p[0] + 0.5 * p[1] * p[1]);
    case DistKind::Beta: return p[2] + (p[3] - p[2]) * beta_mean01(p[0], p[1]);
    case DistKind::Discrete: {
      double total = 0.0;
      double sum = 0.0;
      for (std::size_t i = 0; i < table->values.size(); ++i) {
        total += table->weights[i];
        sum += table->weights[i] * table->values[i];
      }
      return sum / total;
    }
    case DistKind::Bernoulli: return p[0];
    case DistKind::Exponential: return p[1];
  }
  return p[0];
}

double Distribution::variance() const {
  switch (kind) {
    case DistKind::Constant: return 0.0;
    case DistKind::Uniform: return p[2] * p[2] / 12.0;
    case DistKind::Triangular: {
      const double a = p[0], c = p[1], b = p[2];
      return (a * a + b * b + c * c - a * b - a * c - b * c) / 18.0;
    }
    case DistKind::Pert: {
      const double w = p[2] - p[0];
      if (!(w > 0.0)) return 0.0;
      const PertShapes sh = pert_shapes(p[0], p[1], p[2], p[3]);
      return w * w * beta_var01(sh.alpha, sh.beta);
    }
    case DistKind::Normal: return p[1] * p[1];
    case DistKind::TruncatedNormal: {
      return p[1] * p[1] * std::max(truncated_std_moments(p).var, 0.0);
    }
    case DistKind::Lognormal: {
      const double s2 = p[1] * p[1];
      return std::expm1(s2) * std::exp(2.0 * p[0] + s2);
    }
    case DistKind::Beta: {
      const double w = p[3] - p[2];
      return w * w * beta_var01(p[0], p[1]);
    }
    case DistKind::Discrete: {
      const double m = mean();
      double total = 0.0;
      double sum = 0.0;
      for (std::size_t i = 0; i < table->values.size(); ++i) {
        const double dv = table->values[i] - m;
        total += table->weights[i];
        sum += table->weights[i] * dv * dv;
      }
      return sum / total;
    }
    case DistKind::Bernoulli: return p[0] * (1.0 - p[0]);
    case DistKind::Exponential: return p[1] * p[1];
  }
  return 0.0;
}

std::string Distribution::describe() const {
  switch (kind) {
    case DistKind::Constant: return fmt::format("constant({})", p[0]);
    case DistKind::Uniform: return fmt::format("uniform(min={}, max={})", p[0], p[1]);
    case DistKind::Triangular: return fmt::format("triangular(min={}, mode={}, max={})", p[0], p[1], p[2]);
    case DistKind::Pert: return fmt::format("pert(min={}, mode={}, max={}, lambda={})", p[0], p[1], p[2], p[3]);
    case DistKind::Normal: return fmt::format("normal(mean={}, sd={})", p[0], p[1]);
    case DistKind::TruncatedNormal: {
      std::string out = fmt::format("normal(mean={}, sd={}", p[0], p[1]);
      if (std::isfinite(p[2])) out += fmt::format(", min={}", p[2]);
      if (std::isfinite(p[3])) out += fmt::format(", max={}", p[3]);
      return out + ")";
    }
    case DistKind::Lognormal:
      return p[4] == 0.0 ? fmt::format("lognormal(mean={}, sd={})", p[2], p[3])
                         : fmt::format("lognormal(median={}, p90={})", p[2], p[3]);
    case DistKind::Beta: return fmt::format("beta(alpha={}, beta={}, min={}, max={})", p[0], p[1], p[2], p[3]);
    case DistKind::Discrete:
      return fmt::format("discrete(values=[{}], weights=[{}])", fmt::join(table->values, ", "),
                         fmt::join(table->weights, ", "));
    case DistKind::Bernoulli: return fmt::format("bernoulli(p={})", p[0]);
    case DistKind::Exponential: return fmt::format("exponential(rate={})", p[0]);
  }
  return "unknown";
}

// ---------------------------------------------------------------------------------------
// User-facing families and validation.

std::span<const FamilyInfo> distribution_families() {
  static const std::vector<FamilyInfo> families = {
      {"uniform", {"min", "max"}},
      {"triangular", {"min", "mode", "max"}},
      {"pert", {"min", "mode", "max", "lambda"}},
      {"normal", {"mean", "sd", "min", "max"}},
      {"lognormal", {"mean", "sd", "median", "p90"}},
      {"beta", {"alpha", "beta", "min", "max"}},
      {"discrete", {"values", "weights"}},
  };
  return families;
}

const FamilyInfo* find_family(std::string_view name) {
  for (const FamilyInfo& f : distribution_families()) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

namespace {

using Built = std::variant<Distribution, ParamError>;

ParamError error(std::string_view param, std::string message) {
  return ParamError{std::string(param), std::move(message)};
}

/// Reads validated scalars; every call site has already checked presence where required.
class Scalars {
 public:
  explicit Scalars(const DistParams& params) : params_(params) {}
  std::optional<double> get(std::string_view key) const {
    const auto it = params_.scalars.find(key);
    return it == params_.scalars.end() ? std::nullopt : std::optional(it->second);
  }
  bool has(std::string_view key) const { return params_.scalars.contains(key); }
  double at(std::string_view key) const { return params_.scalars.find(key)->second; }

 private:
  const DistParams& params_;
};

std::optional<ParamError> missing(const Scalars& in, std::string_view family,
                                  std::initializer_list<std::string_view> required) {
  for (std::string_view key : required) {
    if (!in.has(key)) {
      return error(key, fmt::format("missing required `{}`; a {} distribution needs {}", key, family,
                                    fmt::join(required, ", ")));
    }
  }
  return std::nullopt;
}

std::optional<ParamError> check_min_max(double min, double max) {
  if (min > max) return error("max", fmt::format("max {} must not be less than min {}", num(max), num(min)));
  return std::nullopt;
}

std::optional<ParamError> check_mode(double min, double mode, double max) {
  if (mode < min || mode > max) {
    return error("mode", fmt::format("mode {} must lie within [min, max] = [{}, {}]", num(mode), num(min), num(max)));
  }
  return std::nullopt;
}

Built build_uniform(const Scalars& in) {
  if (auto e = missing(in, "uniform", {"min", "max"})) return *e;
  if (auto e = check_min_max(in.at("min"), in.at("max"))) return *e;
  return Distribution::uniform(in.at("min"), in.at("max"));
}

Built build_triangular_or_pert(const Scalars& in, bool pert) {
  if (auto e = missing(in, pert ? "pert" : "triangular", {"min", "mode", "max"})) return *e;
  const double min = in.at("min"), mode = in.at("mode"), max = in.at("max");
  if (auto e = check_min_max(min, max)) return *e;
  if (auto e = check_mode(min, mode, max)) return *e;
  if (!pert) return Distribution::triangular(min, mode, max);
  const double lambda = in.get("lambda").value_or(4.0);
  if (!(lambda > 0.0)) return error("lambda", fmt::format("lambda must be > 0, found {}", num(lambda)));
  return Distribution::pert(min, mode, max, lambda);
}

Built build_normal(const Scalars& in) {
  if (auto e = missing(in, "normal", {"mean", "sd"})) return *e;
  const double mean = in.at("mean"), sd = in.at("sd");
  if (sd < 0.0) return error("sd", fmt::format("sd must be >= 0, found {}", num(sd)));
  const std::optional<double> lo = in.get("min");
  const std::optional<double> hi = in.get("max");
  if (!lo && !hi) return Distribution::normal(mean, sd);
  const double min = lo.value_or(-kInf), max = hi.value_or(kInf);
  if (auto e = check_min_max(min, max)) return *e;
  Distribution d = Distribution::truncated_normal(mean, sd, min, max);
  if (d.kind == DistKind::TruncatedNormal && !(d.p[6] > 0.0)) {
    // The window lies so far in one tail that its probability underflows; name the bound
    // nearer the mean, the one that cuts the mass away.
    const bool above = min > mean;
    const double gap = above ? (min - mean) / sd : (mean - max) / sd;
    return error(
        above ? "min" : "max",
        fmt::format("the window [min, max] = [{}, {}] lies {} sd {} the mean {} and has (numerically) "
                    "zero probability under this normal; move {} towards the mean",
                    num(min), num(max), num(gap), above ? "above" : "below", num(mean), above ? "min" : "max"));
  }
  return d;
}

Built build_lognormal(const Scalars& in) {
  const bool mean_form = in.has("mean") || in.has("sd");
  const bool median_form = in.has("median") || in.has("p90");
  if (mean_form && median_form) {
    const std::string_view culprit = in.has("median") ? "median" : "p90";
    return error(culprit, fmt::format("a lognormal takes either mean and sd, or median and p90, not both; remove `{}` "
                                      "or the mean/sd pair",
                                      culprit));
  }
  if (!mean_form && !median_form) {
    return error("mean", "missing required `mean` and `sd` (or `median` and `p90`) for a lognormal distribution");
  }
  if (mean_form) {
    if (auto e = missing(in, "lognormal", {"mean", "sd"})) return *e;
    const double mean = in.at("mean"), sd = in.at("sd");
    if (!(mean > 0.0)) return error("mean", fmt::format("mean must be > 0 for a lognormal, found {}", num(mean)));
    if (sd < 0.0) return error("sd", fmt::format("sd must be >= 0, found {}", num(sd)));
    return Distribution::lognormal_mean_sd(mean, sd);
  }
  if (auto e = missing(in, "lognormal", {"median", "p90"})) return *e;
  const double median = in.at("median"), p90 = in.at("p90");
  if (!(median > 0.0)) return error("median", fmt::format("median must be > 0 for a lognormal, found {}", num(median)));
  if (!(p90 > median)) {
    return error("p90", fmt::format("p90 {} must be greater than median {}", num(p90), num(median)));
  }
  return Distribution::lognormal_median_p90(median, p90);
}

Built build_beta(const Scalars& in) {
  if (auto e = missing(in, "beta", {"alpha", "beta"})) return *e;
  const double alpha = in.at("alpha"), beta = in.at("beta");
  if (!(alpha > 0.0)) return error("alpha", fmt::format("alpha must be > 0, found {}", num(alpha)));
  if (!(beta > 0.0)) return error("beta", fmt::format("beta must be > 0, found {}", num(beta)));
  const double min = in.get("min").value_or(0.0), max = in.get("max").value_or(1.0);
  if (!(min < max)) {
    // Blame the bound the user actually wrote.
    const std::string_view culprit = in.has("max") ? "max" : "min";
    return error(culprit, fmt::format("max {} must be greater than min {} for a beta", num(max), num(min)));
  }
  return Distribution::beta(alpha, beta, min, max);
}

Built build_discrete(const DistParams& params) {
  if (params.values.empty()) return error("values", "values must be a non-empty list of numbers");
  for (std::size_t i = 0; i < params.values.size(); ++i) {
    if (!std::isfinite(params.values[i])) {
      return error("values", fmt::format("values[{}] must be a finite number, found {}", i, num(params.values[i])));
    }
  }
  if (!params.weights.empty()) {
    if (params.weights.size() != params.values.size()) {
      return error("weights", fmt::format("weights has length {} but values has length {}; give one weight per value",
                                          params.weights.size(), params.values.size()));
    }
    double total = 0.0;
    for (std::size_t i = 0; i < params.weights.size(); ++i) {
      const double w = params.weights[i];
      if (!std::isfinite(w)) {
        return error("weights", fmt::format("weights[{}] must be a finite number, found {}", i, num(w)));
      }
      if (!(w > 0.0)) return error("weights", fmt::format("weights[{}] must be > 0, found {}", i, num(w)));
      total += w;
    }
    if (!std::isfinite(total)) return error("weights", "the weights add up to more than a double can hold");
  }
  return Distribution::discrete(params.values, params.weights);
}

}  // namespace

Built make_distribution(std::string_view family, const DistParams& params) {
  const FamilyInfo* info = find_family(family);
  if (info == nullptr) {
    std::vector<std::string_view> names;
    for (const FamilyInfo& f : distribution_families()) names.push_back(f.name);
    return error("dist", fmt::format("unknown distribution `{}`; expected one of: {}", family, fmt::join(names, ", ")));
  }
  const auto accepts = [&](std::string_view key) {
    return std::find(info->keys.begin(), info->keys.end(), key) != info->keys.end();
  };
  const bool is_discrete = family == "discrete";
  for (const auto& [key, value] : params.scalars) {
    if (is_discrete && accepts(key)) return error(key, fmt::format("{} must be a list of numbers", key));
    if (!accepts(key)) {
      return error(key, fmt::format("unknown parameter `{}` for a {} distribution; expected one of: {}", key, family,
                                    fmt::join(info->keys, ", ")));
    }
    if (!std::isfinite(value)) return error(key, fmt::format("{} must be a finite number, found {}", key, num(value)));
  }
  if (!is_discrete) {
    for (std::string_view list : {std::string_view("values"), std::string_view("weights")}) {
      if (!(list == "values" ? params.values : params.weights).empty()) {
        return error(list, fmt::format("unknown parameter `{}` for a {} distribution; expected one of: {}", list,
                                       family, fmt::join(info->keys, ", ")));
      }
    }
  }
  const Scalars in(params);
  if (family == "uniform") return build_uniform(in);
  if (family == "triangular") return build_triangular_or_pert(in, false);
  if (family == "pert") return build_triangular_or_pert(in, true);
  if (family == "normal") return build_normal(in);
  if (family == "lognormal") return build_lognormal(in);
  if (family == "beta") return build_beta(in);
  return build_discrete(params);
}

std::string DiscreteTable::to_string() const {
  return fmt::format("DiscreteTable{{values=[{}], weights=[{}]}}", fmt::join(values, ", "), fmt::join(weights, ", "));
}

std::string DistParams::to_string() const {
  std::vector<std::string> parts;
  for (const auto& [key, value] : scalars) parts.push_back(fmt::format("{}={}", key, value));
  if (!values.empty()) parts.push_back(fmt::format("values=[{}]", fmt::join(values, ", ")));
  if (!weights.empty()) parts.push_back(fmt::format("weights=[{}]", fmt::join(weights, ", ")));
  return fmt::format("DistParams{{{}}}", fmt::join(parts, ", "));
}

std::string FamilyInfo::to_string() const { return fmt::format("{}({})", name, fmt::join(keys, ", ")); }

}  // namespace tcosim
