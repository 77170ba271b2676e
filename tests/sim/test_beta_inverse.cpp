#include <algorithm>
#include <boost/math/distributions/beta.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "sim/beta_inverse.hpp"
#include "sim/philox_batch.hpp"
#include "support/printable.hpp"

using namespace tcosim;

namespace {

struct Shapes {
  double a;
  double b;
};

/// PERT shapes (both >= 1, lambda 4 and others) and general betas, shapes below 1 included.
const std::vector<Shapes> kShapes = {{1.0, 5.0},  {5.0, 1.0}, {1.0, 1.0},   {2.0, 3.0},  {1.8, 3.2},
                                     {4.2, 1.8},  {3.0, 3.0}, {1.25, 4.75}, {30.0, 2.0}, {2.0, 8.0},
                                     {2.0, 50.0}, {0.5, 0.5}, {0.3, 2.0},   {2.0, 0.7},  {120.0, 80.0}};

double ibeta(const Shapes& s, double x) { return boost::math::ibeta(s.a, s.b, x); }

/// |I_x - u| beyond what the resolution of x allows: 0 when u lies between the CDF a few ulps
/// below and above x (near a pole of the density one ulp of x can hold a lot of probability).
double u_error(const Shapes& s, double x, double u) {
  double below = x, above = x;
  for (int i = 0; i < 2; ++i) {
    below = std::nextafter(below, 0.0);
    above = std::nextafter(above, 1.0);
  }
  const double lo = ibeta(s, below), hi = ibeta(s, above);
  return u < lo ? lo - u : (u > hi ? u - hi : 0.0);
}

}  // namespace

TEST_CASE("BetaInverse: u-error below 1e-11 against Boost.Math's incomplete beta") {
  // The table is built to 1e-12 at its test points; the grid here is much denser.
  for (const Shapes& s : kShapes) {
    INFO("beta(" << s.a << ", " << s.b << ")");
    const BetaInverse inv(s.a, s.b);
    CHECK(inv.pieces() > 0);
    CHECK(inv.pieces() < 20000);
    std::vector<double> us;
    for (int i = 1; i < 20000; ++i) us.push_back(i / 20000.0);
    for (double e = 1e-15; e < 0.01; e *= 1.7) {  // both tails, where the exact solver takes over
      us.push_back(e);
      us.push_back(1.0 - e);
    }
    std::sort(us.begin(), us.end());
    double worst = 0.0;
    double previous = 0.0;
    for (double u : us) {
      const double x = inv(u);
      REQUIRE(x >= 0.0);
      REQUIRE(x <= 1.0);
      // Monotone up to rounding in the cubic.
      CHECK(x >= previous - 1e-15);
      previous = x;
      worst = std::max(worst, u_error(s, x, u));
    }
    INFO("worst u-error " << worst);
    CHECK(worst < 1e-11);
  }
}

TEST_CASE("BetaInverse: shapes too extreme for a table go to the exact solver") {
  // Tail quantiles of these shapes underflow or round to 1, so no table is built.
  for (const Shapes& s : {Shapes{0.01, 0.02}, Shapes{0.05, 0.08}}) {
    INFO("beta(" << s.a << ", " << s.b << ")");
    const BetaInverse inv(s.a, s.b);
    CHECK(inv.pieces() == 0);
    for (double u : {1e-6, 0.1, 0.3, 0.5, 0.7, 0.9}) CHECK(inv(u) == inv.exact()(u));
  }
}

TEST_CASE("BetaInverse draws: Kolmogorov-Smirnov and moments against Boost.Math") {
  constexpr std::size_t kN = 200000;
  // Asymptotic Kolmogorov critical value at alpha = 1e-3: sqrt(-ln(alpha / 2) / 2) / sqrt(n).
  const double critical = std::sqrt(-std::log(0.5e-3) / 2.0) / std::sqrt(static_cast<double>(kN));
  std::uint32_t id = 1;
  for (const Shapes& s : kShapes) {
    INFO("beta(" << s.a << ", " << s.b << ")");
    const BetaInverse inv(s.a, s.b);
    std::vector<double> x(kN);
    input_uniforms(20261124, 0, id++, kN, x.data());
    for (double& v : x) v = inv(v);
    // Moments: the mean within 5 standard errors, the variance within 5 of its own.
    const double ab = s.a + s.b;
    const double mean = s.a / ab;
    const double var = s.a * s.b / (ab * ab * (ab + 1.0));
    double m = 0.0;
    for (double v : x) m += v;
    m /= kN;
    double s2 = 0.0, s4 = 0.0;
    for (double v : x) {
      const double d = v - m;
      s2 += d * d;
      s4 += d * d * d * d;
    }
    s2 /= kN - 1.0;
    s4 /= kN;
    CHECK(std::fabs(m - mean) < 5.0 * std::sqrt(var / kN));
    CHECK(std::fabs(s2 - var) < 5.0 * std::sqrt(std::max(s4 - s2 * s2, 0.0) / kN));
    // KS statistic against Boost's CDF.
    std::sort(x.begin(), x.end());
    double d = 0.0;
    for (std::size_t i = 0; i < kN; ++i) {
      const double f = ibeta(s, x[i]);
      d = std::max({d, static_cast<double>(i + 1) / kN - f, f - static_cast<double>(i) / kN});
    }
    INFO("KS D = " << d << ", critical " << critical);
    CHECK(d < critical);
  }
}

TEST_CASE("BetaInverse prints its shapes and table size") {
  const BetaInverse inv(2, 3);
  REQUIRE(inv.pieces() > 0);
  CHECK(fmt::format("{}", inv) == fmt::format("BetaInverse{{a=2, b=3, {} pieces}}", inv.pieces()));
  CHECK(fmt::format("{}", BetaInverse(0.01, 0.02)) == "BetaInverse{a=0.01, b=0.02, 0 pieces}");
}
