#include "sim/beta_quantile.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/math/special_functions/gamma.hpp>
#include <cmath>
#include <limits>

// Method: Numerical Recipes (3rd ed., 6.4) — the incomplete beta by its continued fraction
// (modified Lentz), and the inverse by Halley's method from an asymptotic first guess — with
// two changes: the solver always works on the smaller tail (u <= 1/2, mirroring shapes for the
// upper half), so a tail quantile keeps its relative precision, and the iterate is kept inside
// a bracket that every evaluation narrows, so a poor first guess cannot send it astray.

namespace tcosim {

namespace {

constexpr double kEps = std::numeric_limits<double>::epsilon();
constexpr double kTiny = 1e-300;  // Lentz's guard against a zero denominator
constexpr int kMaxFractionTerms = 10000;

/// Continued fraction of I_x(a, b) (NR betacf); converges fast for x < (a + 1) / (a + b + 2).
double beta_fraction(double a, double b, double x) noexcept {
  const double qab = a + b;
  const double qap = a + 1.0;
  const double qam = a - 1.0;
  double c = 1.0;
  double d = 1.0 - qab * x / qap;
  if (std::fabs(d) < kTiny) d = kTiny;
  d = 1.0 / d;
  double h = d;
  for (int m = 1; m <= kMaxFractionTerms; ++m) {
    const double m2 = 2.0 * m;
    double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
    d = 1.0 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    h *= d * c;
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
    d = 1.0 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    const double del = d * c;
    h *= del;
    if (std::fabs(del - 1.0) <= kEps) break;
  }
  return h;
}

/// I_x(a, b) for 0 < x < 1, given ln B(a, b), and the density there (which shares the
/// expensive prefactor x^a (1 - x)^b / B(a, b)).
struct BetaAt {
  double cdf;
  double pdf;
};

BetaAt incomplete_beta(double a, double b, double log_beta, double x) noexcept {
  const double front = std::exp(a * std::log(x) + b * std::log1p(-x) - log_beta);
  const double pdf = front / (x * (1.0 - x));
  if (x < (a + 1.0) / (a + b + 2.0)) return {front * beta_fraction(a, b, x) / a, pdf};
  return {1.0 - front * beta_fraction(b, a, 1.0 - x) / b, pdf};
}

/// First guess for I_x(a, b) = p, p <= 1/2 (NR invbetai): a normal approximation when both
/// shapes are >= 1, else the power laws that hold near each end.
double first_guess(double a, double b, double p) noexcept {
  if (a >= 1.0 && b >= 1.0) {
    const double t = std::sqrt(-2.0 * std::log(p));
    const double z = -((2.30753 + t * 0.27061) / (1.0 + t * (0.99229 + t * 0.04481)) - t);
    const double al = (z * z - 3.0) / 6.0;
    const double h = 2.0 / (1.0 / (2.0 * a - 1.0) + 1.0 / (2.0 * b - 1.0));
    const double w = (z * std::sqrt(al + h) / h) -
                     (1.0 / (2.0 * b - 1.0) - 1.0 / (2.0 * a - 1.0)) * (al + 5.0 / 6.0 - 2.0 / (3.0 * h));
    return a / (a + b * std::exp(2.0 * w));
  }
  const double t = std::exp(a * std::log(a / (a + b))) / a;
  const double u = std::exp(b * std::log(b / (a + b))) / b;
  const double w = t + u;
  if (p < t / w) return std::pow(a * w * p, 1.0 / a);
  return 1.0 - std::pow(b * w * (1.0 - p), 1.0 / b);
}

/// x with I_x(a, b) = p for 0 < p <= 1/2.
double solve_lower(double a, double b, double log_beta, double p) noexcept {
  double lo = 0.0;
  double hi = 1.0;
  double x = first_guess(a, b, p);
  if (!(x > lo && x < hi)) x = 0.5;
  const double a1 = a - 1.0;
  const double b1 = b - 1.0;
  const double settle = a >= 1.0 && b >= 1.0 ? 1e-6 : 1e-9;
  for (int iter = 0; iter < 200; ++iter) {
    const BetaAt at = incomplete_beta(a, b, log_beta, x);
    const double f = at.cdf - p;
    if (f == 0.0) return x;
    (f < 0.0 ? lo : hi) = x;
    if (at.pdf > 0.0 && std::isfinite(at.pdf)) {
      const double t = f / at.pdf;
      const double step = t / (1.0 - 0.5 * std::min(1.0, t * (a1 / x - b1 / (1.0 - x))));
      const double next = x - step;
      // Halley converges cubically, so once a step is this small the error it leaves is far
      // below rounding (and a step that crosses the bracket by now does so by rounding alone).
      // Shapes below 1 put a pole in the density at an end, which spoils the cubic constant
      // near it: there the last step must be smaller before it is trusted.
      if (std::fabs(step) <= settle * x) return std::clamp(next, lo, hi);
      if (next > lo && next < hi) {
        x = next;
        continue;
      }
    }
    // The step left the bracket (or the density under/overflowed): halve the bracket,
    // towards 0 by halving x while no lower bound is known, as tail quantiles span decades.
    const double mid = lo > 0.0 ? 0.5 * (lo + hi) : 0.5 * hi;
    if (mid == x || hi - lo <= 4.0 * kEps * hi) return x;
    x = mid;
  }
  return x;
}

// Boost's lgamma is thread-safe (std::lgamma writes the global signgam); double precision is
// plenty, and skipping the promotion to long double keeps a sampler cheap to build.
using NoPromotion = boost::math::policies::policy<boost::math::policies::promote_double<false>>;

double log_beta(double a, double b) {
  return boost::math::lgamma(a, NoPromotion()) + boost::math::lgamma(b, NoPromotion()) -
         boost::math::lgamma(a + b, NoPromotion());
}

}  // namespace

BetaQuantile::BetaQuantile(double a, double b) : a_(a), b_(b), log_beta_(log_beta(a, b)) {}

double BetaQuantile::cdf(double x) const noexcept {
  if (!(x > 0.0)) return 0.0;
  if (!(x < 1.0)) return 1.0;
  return incomplete_beta(a_, b_, log_beta_, x).cdf;
}

double BetaQuantile::operator()(double u) const noexcept {
  if (!(u > 0.0)) return 0.0;
  if (!(u < 1.0)) return 1.0;
  if (u <= 0.5) return solve_lower(a_, b_, log_beta_, u);
  // Upper half: 1 - X ~ Beta(b, a), and 1 - u is exact for u >= 1/2.
  return 1.0 - solve_lower(b_, a_, log_beta_, 1.0 - u);
}

std::string BetaQuantile::to_string() const { return fmt::format("BetaQuantile{{a={}, b={}}}", a_, b_); }

}  // namespace tcosim
