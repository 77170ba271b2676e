#include <algorithm>
#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/exponential.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/triangular.hpp>
#include <boost/math/distributions/uniform.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "sim/distribution.hpp"
#include "sim/philox_batch.hpp"
#include "support/numeric.hpp"
#include "support/printable.hpp"
#include "support/same_distribution.hpp"

using namespace tcosim;
using tcosim::test::kInf;
using tcosim::test::same_distribution;
namespace bm = boost::math;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Every statistical check below is a fixed-seed test at this level: a correct sampler fails
// one with probability 1e-3, and the seeds make the outcome reproducible.
constexpr double kAlpha = 0.001;
// Means and variances are checked at 5 standard errors (two-sided p ~ 6e-7).
constexpr double kSe = 5.0;
constexpr std::size_t kN = 40000;

std::vector<double> draws(const Distribution& d, std::size_t n, std::uint64_t seed) {
  std::vector<double> x(n);
  // One stream per trial, as the engine uses them.
  for (std::size_t i = 0; i < n; ++i) {
    PhiloxStream s(seed, i, 0x5eedu);
    x[i] = d.sample(s);
  }
  return x;
}

struct SampleMoments {
  double mean;
  double var;  ///< unbiased sample variance
  double m4;   ///< fourth central sample moment
};

SampleMoments sample_moments(const std::vector<double>& x) {
  const double n = static_cast<double>(x.size());
  double sum = 0.0;
  for (double v : x) sum += v;
  const double mean = sum / n;
  double s2 = 0.0, s4 = 0.0;
  for (double v : x) {
    const double d2 = (v - mean) * (v - mean);
    s2 += d2;
    s4 += d2 * d2;
  }
  return {mean, s2 / (n - 1.0), s4 / n};
}

/// Sample mean within kSe standard errors (sd / sqrt(n)) of `mean`, and sample variance
/// within kSe standard errors of `var`, with SE(s^2) = sqrt((mu4 - sigma^4) / n).
void check_moments(const std::vector<double>& x, double mean, double var) {
  const SampleMoments m = sample_moments(x);
  const double n = static_cast<double>(x.size());
  const double se_mean = std::sqrt(var / n);
  const double se_var = std::sqrt(std::max(m.m4 - m.var * m.var, 0.0) / n);
  INFO("sample mean " << m.mean << " vs " << mean << " (SE " << se_mean << "); sample variance " << m.var << " vs "
                      << var << " (SE " << se_var << ")");
  CHECK(std::abs(m.mean - mean) < kSe * se_mean);
  CHECK(std::abs(m.var - var) < kSe * se_var);
}

/// Asymptotic Kolmogorov critical value: P(sqrt(n) D > c) ~ 2 exp(-2 c^2).
double ks_critical(std::size_t n, double alpha) {
  return std::sqrt(-std::log(alpha / 2.0) / 2.0) / std::sqrt(static_cast<double>(n));
}

/// sup |F_n - F|. Ties are compared as a group, against F just below the tied value: a
/// double-valued draw has atoms (beta(0.05, 0.08) puts ~2 % of its mass within 1e-16 of 1,
/// which all rounds to 1.0), and comparing the first of them with F(1) = 1 would be wrong.
double ks_statistic(std::vector<double> x, const std::function<double(double)>& cdf) {
  std::sort(x.begin(), x.end());
  const double n = static_cast<double>(x.size());
  double d = 0.0;
  for (std::size_t i = 0; i < x.size();) {
    std::size_t j = i + 1;
    while (j < x.size() && x[j] == x[i]) ++j;
    const double below = cdf(std::nextafter(x[i], -kInf));
    d = std::max({d, static_cast<double>(j) / n - cdf(x[i]), below - static_cast<double>(i) / n});
    i = j;
  }
  return d;
}

/// Reference truncated-normal CDF, written independently of distribution.cpp: upper
/// windows use the survival function so that tail windows do not cancel.
std::function<double(double)> truncated_normal_cdf(double mean, double sd, double min, double max) {
  return [=](double x) {
    if (x <= min) return 0.0;
    if (x >= max) return 1.0;
    const bm::normal_distribution<> n(mean, sd);
    if (min > mean) {
      const double qa = bm::cdf(bm::complement(n, min));
      return (qa - bm::cdf(bm::complement(n, x))) / (qa - bm::cdf(bm::complement(n, max)));
    }
    const double pa = bm::cdf(n, min);
    return (bm::cdf(n, x) - pa) / (bm::cdf(n, max) - pa);
  };
}

/// Mean and variance of a truncated normal by Simpson integration of its density, as an
/// independent check on the closed forms.
std::pair<double, double> truncated_normal_moments(double mean, double sd, double min, double max) {
  // An infinite bound is replaced by a point 14 sd beyond the window's other end or the mean,
  // past which the density is below 1e-42 of its peak in the window.
  const double lo = std::isfinite(min) ? min : std::min(max, mean) - 14.0 * sd;
  const double hi = std::isfinite(max) ? max : std::max(min, mean) + 14.0 * sd;
  const int k = 20000;
  const double h = (hi - lo) / k;
  double z = 0.0, m1 = 0.0, m2 = 0.0;
  for (int i = 0; i <= k; ++i) {
    const double x = lo + h * i;
    const double w = (i == 0 || i == k) ? 1.0 : (i % 2 == 1 ? 4.0 : 2.0);
    const double f = w * std::exp(-0.5 * ((x - mean) / sd) * ((x - mean) / sd));
    z += f;
    m1 += f * x;
    m2 += f * x * x;
  }
  const double mu = m1 / z;
  return {mu, m2 / z - mu * mu};
}

struct Case {
  std::string name;
  Distribution dist;
  std::function<double(double)> cdf;  ///< Boost.Math reference
  double mean;                        ///< independent closed form
  double var;
};

Case uniform_case(double a, double b) {
  return {Distribution::uniform(a, b).describe(), Distribution::uniform(a, b),
          [=](double x) { return x <= a   ? 0.0
                                 : x >= b ? 1.0
                                          : bm::cdf(bm::uniform_distribution<>(a, b), x); },
          (a + b) / 2, (b - a) * (b - a) / 12};
}

Case triangular_case(double a, double c, double b) {
  const Distribution d = Distribution::triangular(a, c, b);
  return {d.describe(), d,
          [=](double x) { return x <= a   ? 0.0
                                 : x >= b ? 1.0
                                          : bm::cdf(bm::triangular_distribution<>(a, c, b), x); },
          (a + b + c) / 3, (a * a + b * b + c * c - a * b - a * c - b * c) / 18};
}

Case beta_case(const Distribution& d, double alpha, double beta, double min, double max) {
  const double w = max - min;
  return {d.describe(), d,
          [=](double x) {
            return x <= min ? 0.0 : x >= max ? 1.0 : bm::cdf(bm::beta_distribution<>(alpha, beta), (x - min) / w);
          },
          min + w * alpha / (alpha + beta),
          w * w * alpha * beta / ((alpha + beta) * (alpha + beta) * (alpha + beta + 1))};
}

Case pert_case(double min, double mode, double max, double lambda) {
  const double alpha = 1 + lambda * (mode - min) / (max - min);
  const double beta = 1 + lambda * (max - mode) / (max - min);
  Case c = beta_case(Distribution::pert(min, mode, max, lambda), alpha, beta, min, max);
  // The PERT mean as usually quoted, which must agree with the beta one.
  CHECK(c.mean == Approx((min + lambda * mode + max) / (lambda + 2)).epsilon(1e-14));
  return c;
}

Case normal_case(double mean, double sd) {
  return {Distribution::normal(mean, sd).describe(), Distribution::normal(mean, sd),
          [=](double x) { return bm::cdf(bm::normal_distribution<>(mean, sd), x); }, mean, sd * sd};
}

Case truncated_case(double mean, double sd, double min, double max) {
  const Distribution d = Distribution::truncated_normal(mean, sd, min, max);
  const auto [m, v] = truncated_normal_moments(mean, sd, min, max);
  return {d.describe(), d, truncated_normal_cdf(mean, sd, min, max), m, v};
}

Case lognormal_case(const Distribution& d, double mu, double sigma) {
  return {d.describe(), d, [=](double x) { return x <= 0 ? 0.0 : bm::cdf(bm::lognormal_distribution<>(mu, sigma), x); },
          std::exp(mu + sigma * sigma / 2), std::expm1(sigma * sigma) * std::exp(2 * mu + sigma * sigma)};
}

Case lognormal_mean_sd_case(double mean, double sd) {
  const double sigma = std::sqrt(std::log(1 + sd * sd / (mean * mean)));
  Case c = lognormal_case(Distribution::lognormal_mean_sd(mean, sd), std::log(mean) - sigma * sigma / 2, sigma);
  // The defining property of this form: the given mean and sd come back.
  CHECK(c.mean == Approx(mean).epsilon(1e-13));
  CHECK(c.var == Approx(sd * sd).epsilon(1e-12));
  return c;
}

Case lognormal_median_p90_case(double median, double p90) {
  const double z90 = bm::quantile(bm::normal_distribution<>(), 0.9);
  Case c = lognormal_case(Distribution::lognormal_median_p90(median, p90), std::log(median),
                          (std::log(p90) - std::log(median)) / z90);
  CHECK(c.dist.quantile(0.5) == Approx(median).epsilon(1e-12));
  CHECK(c.dist.quantile(0.9) == Approx(p90).epsilon(1e-12));
  return c;
}

Case exponential_case(double rate) {
  return {Distribution::exponential(rate).describe(), Distribution::exponential(rate),
          [=](double x) { return x <= 0 ? 0.0 : bm::cdf(bm::exponential_distribution<>(rate), x); }, 1 / rate,
          1 / (rate * rate)};
}

std::vector<Case> continuous_cases() {
  return {
      uniform_case(2, 5),
      uniform_case(-3, -1),
      triangular_case(1, 2, 5),
      triangular_case(0, 0, 1),  // mode at min
      triangular_case(0, 1, 1),  // mode at max
      pert_case(1, 2, 5, 4),
      pert_case(100000, 150000, 300000, 4),  // skewed right
      pert_case(14, 15, 18, 6),
      pert_case(0, 0, 10, 4),   // mode at min
      pert_case(0, 10, 10, 4),  // mode at max
      pert_case(0, 9, 10, 0.5),
      normal_case(20, 4),
      normal_case(-1, 0.5),
      truncated_case(0, 1, -1, 2),        // two-sided around the mean
      truncated_case(10, 3, 12, 20),      // two-sided, above the mean (mirrored)
      truncated_case(2, 1, 0, kInf),      // one-sided: min only
      truncated_case(0, 1, -kInf, -1.5),  // one-sided: max only
      truncated_case(0, 1, 8, kInf),      // far upper tail: Phi(8) rounds to 1
      truncated_case(5, 2, -kInf, -35),   // far lower tail, 20 sd out
      truncated_case(0, 1, 30, 30.5),     // narrow window 30 sd out
      lognormal_mean_sd_case(30000, 10000),
      lognormal_mean_sd_case(1, 0.5),
      lognormal_median_p90_case(100000, 180000),
      lognormal_median_p90_case(10, 11),
      beta_case(Distribution::beta(2, 50), 2, 50, 0, 1),
      beta_case(Distribution::beta(0.5, 0.5), 0.5, 0.5, 0, 1),  // both shapes < 1
      beta_case(Distribution::beta(0.3, 2, 10, 20), 0.3, 2, 10, 20),
      beta_case(Distribution::beta(2, 0.7, -1, 1), 2, 0.7, -1, 1),
      beta_case(Distribution::beta(0.05, 0.08), 0.05, 0.08, 0, 1),  // tiny shapes: boosts underflow without logs
      exponential_case(0.5),
      exponential_case(-std::log(1 - 0.08) / 12),
  };
}

/// PERT and beta are inverted by a table (sim/beta_inverse.hpp) accurate to a u-error of about
/// 1e-12, not to rounding: they are checked by the CDF at the draw instead.
bool table_inverted_kind(DistKind k) { return k == DistKind::Pert || k == DistKind::Beta; }

DistParams params(std::map<std::string, double, std::less<>> scalars, std::vector<double> values = {},
                  std::vector<double> weights = {}) {
  return DistParams{std::move(scalars), std::move(values), std::move(weights)};
}

}  // namespace

TEST_CASE("standard_normal_quantile matches Boost.Math to 1e-14 relative") {
  const bm::normal_distribution<> n01;
  // AS241 is good to about 1e-16; 1e-14 leaves room for rounding in both evaluations.
  const double tol = 1e-14;
  std::vector<double> ps;
  for (double e = -300.0; e < -1.0; e += 0.125) ps.push_back(std::pow(10.0, e));
  for (int i = 1; i < 1000; ++i) ps.push_back(i / 1000.0);
  for (int k = 1; k <= 16; ++k) ps.push_back(1.0 - std::pow(10.0, -k));
  ps.push_back(0.075);
  ps.push_back(0.925);
  ps.push_back(std::nextafter(0.075, 0.0));
  ps.push_back(std::nextafter(0.925, 1.0));
  ps.push_back(0x1p-53);
  ps.push_back(1.0 - 0x1p-53);
  for (double p : ps) {
    const double ref = bm::quantile(n01, p);
    const double z = standard_normal_quantile(p);
    INFO("p = " << p << ": " << z << " vs " << ref);
    CHECK(std::abs(z - ref) <= tol * std::abs(ref));
  }
  CHECK(standard_normal_quantile(0.5) == 0.0);
  CHECK(standard_normal_quantile(0.0) == -kInf);
  CHECK(standard_normal_quantile(1.0) == kInf);
  CHECK(std::isnan(standard_normal_quantile(kNaN)));
}

TEST_CASE("continuous families: sample moments and Kolmogorov-Smirnov against Boost.Math") {
  std::uint64_t seed = 20240601;
  for (const Case& c : continuous_cases()) {
    INFO(c.name);
    const std::vector<double> x = draws(c.dist, kN, seed++);
    check_moments(x, c.mean, c.var);
    const double d = ks_statistic(x, c.cdf);
    INFO("KS D = " << d << ", critical " << ks_critical(kN, kAlpha));
    CHECK(d < ks_critical(kN, kAlpha));
    // Every draw finite and inside the support.
    const auto [lo, hi] = std::minmax_element(x.begin(), x.end());
    CHECK(std::isfinite(*lo));
    CHECK(std::isfinite(*hi));
    CHECK(c.dist.quantile(0.0) <= *lo);
    CHECK(c.dist.quantile(1.0) >= *hi);
  }
}

TEST_CASE("mean(), variance() and cdf() agree with independent closed forms") {
  for (const Case& c : continuous_cases()) {
    INFO(c.name);
    // Simpson integration (truncated normal) is good to about 1e-10 with this step.
    CHECK(c.dist.mean() == Approx(c.mean).epsilon(1e-9).margin(1e-12));
    CHECK(c.dist.variance() == Approx(c.var).epsilon(1e-8));
    for (double u : {1e-6, 0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99, 1 - 1e-6}) {
      const double x = c.dist.quantile(u);
      INFO("u = " << u << ", x = " << x);
      CHECK(c.dist.cdf(x) == Approx(c.cdf(x)).epsilon(1e-9).margin(1e-14));
    }
  }
}

TEST_CASE("quantile() inverts cdf()") {
  const double eps = std::numeric_limits<double>::epsilon();
  for (const Case& c : continuous_cases()) {
    INFO(c.name);
    // x = quantile(u) may be off by a few roundings of the terms that make it up (e.g. mean +
    // sd z), so the check is that cdf brackets u within that distance of x; comparing
    // cdf(x) with u directly would fail wherever one ulp of x moves the CDF a lot.
    const double scale = std::abs(c.mean) + std::sqrt(c.var);
    for (double u : {1e-9, 1e-6, 0.001, 0.05, 0.25, 0.5, 0.75, 0.95, 0.999, 1 - 1e-6}) {
      const double x = c.dist.quantile(u);
      const double delta = 8 * eps * (std::abs(x) + scale);
      INFO("u = " << u << ", x = " << x << ", cdf(x) = " << c.dist.cdf(x));
      // The CDFs themselves are good to ~1e-15 relative; allow 1e-12.
      CHECK(c.dist.cdf(x - delta) <= u * (1 + 1e-12));
      CHECK(c.dist.cdf(x + delta) >= u * (1 - 1e-12));
    }
  }
}

TEST_CASE("every sampler is an inverse CDF of one uniform: sample(u) == from_uniform(u) ~= quantile(u)") {
  std::vector<Case> cases = continuous_cases();
  cases.push_back({"discrete", Distribution::discrete({3, 1, 2}, {2, 5, 3}), {}, 0, 0});
  cases.push_back({"bernoulli", Distribution::bernoulli(0.3), {}, 0, 0});
  for (const Case& c : cases) {
    INFO(c.name);
    std::vector<double> us, batch(200);
    for (std::uint64_t trial = 0; trial < 200; ++trial) {
      PhiloxStream s(99, trial, 1);
      PhiloxStream t = s;
      const double u = t.next_u01();
      us.push_back(u);
      const double x = c.dist.sample(s);
      CHECK(s.next_u01() == t.next_u01());  // exactly one uniform consumed
      INFO("u = " << u);
      CHECK(x == c.dist.from_uniform(u));
      if (table_inverted_kind(c.dist.kind)) {
        // u-error of the table, against Boost's CDF, allowing for the resolution of x itself
        // (beta(0.05, 0.08) has 2 % of its mass within 1e-16 of 1): a few ulps either side.
        double below = x, above = x;
        for (int i = 0; i < 4; ++i) below = std::nextafter(below, -kInf), above = std::nextafter(above, kInf);
        CHECK(c.dist.cdf(below) <= u + 1e-10);
        CHECK(c.dist.cdf(above) >= u - 1e-10);
      } else {
        // AS241 vs Boost's erfc_inv, both ~1e-16; the rest is a few roundings.
        CHECK(x == Approx(c.dist.quantile(u)).epsilon(1e-12).margin(1e-12));
      }
    }
    c.dist.from_uniforms(us.data(), batch.data(), us.size());
    for (std::size_t i = 0; i < us.size(); ++i) CHECK(batch[i] == c.dist.from_uniform(us[i]));
  }
}

TEST_CASE("draws are pure functions of the stream") {
  for (const Case& c : continuous_cases()) {
    INFO(c.name);
    for (std::uint64_t trial = 0; trial < 50; ++trial) {
      PhiloxStream a(7, trial, 3), b(7, trial, 3);
      CHECK(c.dist.sample(a) == c.dist.sample(b));
      CHECK(a.next_u01() == b.next_u01());  // and consume the same number of uniforms
    }
  }
  const Distribution k = Distribution::constant(4.5);
  PhiloxStream a(1, 2, 3), b(1, 2, 3);
  CHECK(k.sample(a) == 4.5);
  CHECK(a.next_u01() == b.next_u01());  // a constant draws nothing
}

TEST_CASE("degenerate min == max distributions are the point min") {
  for (const Distribution& d : {Distribution::uniform(3, 3), Distribution::triangular(3, 3, 3),
                                Distribution::pert(3, 3, 3), Distribution::pert(3, 3, 3, 0.5)}) {
    INFO(d.describe());
    for (double x : draws(d, 1000, 5)) CHECK(x == 3.0);
    CHECK(d.mean() == 3.0);
    CHECK(d.variance() == 0.0);
    CHECK(d.quantile(0.3) == 3.0);
    CHECK(d.cdf(2.999) == 0.0);
    CHECK(d.cdf(3.0) == 1.0);
  }
}

TEST_CASE("a normal with sd 0 or an empty window is a constant") {
  CHECK(Distribution::normal(5, 0).is_constant());
  CHECK(Distribution::normal(5, 0).p[0] == 5.0);
  CHECK(Distribution::truncated_normal(5, 0, 6, 9).p[0] == 6.0);
  CHECK(Distribution::truncated_normal(5, 0, 1, 4).p[0] == 4.0);
  CHECK(Distribution::truncated_normal(5, 2, 7, 7).p[0] == 7.0);
  CHECK(Distribution::lognormal_mean_sd(5, 0).p[0] == 5.0);
}

TEST_CASE("discrete: chi-square against the weights") {
  struct Spec {
    std::vector<double> values, weights;
    std::map<double, double> probability;  ///< per distinct value
  };
  const std::vector<Spec> specs = {
      {{1, 2, 3}, {5, 3, 2}, {{1, 0.5}, {2, 0.3}, {3, 0.2}}},
      {{30, 10, 20, 10}, {1, 2, 3, 4}, {{10, 0.6}, {20, 0.3}, {30, 0.1}}},     // unsorted, repeated value
      {{-2, 7, 0.5, 4}, {}, {{-2, 0.25}, {0.5, 0.25}, {4, 0.25}, {7, 0.25}}},  // equal weights
      {{1, 2}, {1e-3, 1}, {{1, 1e-3 / 1.001}, {2, 1 / 1.001}}},
  };
  const std::size_t n = 50000;
  std::uint64_t seed = 77;
  for (const Spec& sp : specs) {
    const Distribution d = Distribution::discrete(sp.values, sp.weights);
    INFO(d.describe());
    std::map<double, double> count;
    const std::vector<double> x = draws(d, n, seed++);
    for (double v : x) count[v] += 1;
    double chi2 = 0.0;
    double mean = 0.0, second = 0.0;
    for (const auto& [v, prob] : sp.probability) {
      const double expected = prob * static_cast<double>(n);
      chi2 += (count[v] - expected) * (count[v] - expected) / expected;
      mean += prob * v;
      second += prob * v * v;
      CHECK(d.cdf(v) == Approx([&] {
              double f = 0;
              for (const auto& [w, q] : sp.probability) f += w <= v ? q : 0.0;
              return f;
            }()));
      CHECK(d.quantile(d.cdf(v)) == v);
    }
    CHECK(count.size() == sp.probability.size());  // nothing outside the values
    const bm::chi_squared_distribution<> chi(static_cast<double>(sp.probability.size() - 1));
    const double critical = bm::quantile(bm::complement(chi, kAlpha));
    INFO("chi2 = " << chi2 << ", critical " << critical);
    CHECK(chi2 < critical);
    CHECK(d.mean() == Approx(mean).epsilon(1e-14));
    CHECK(d.variance() == Approx(second - mean * mean).epsilon(1e-12));
    check_moments(x, mean, second - mean * mean);
    CHECK(d.cdf(-1e300) == 0.0);
    CHECK(d.cdf(1e300) == 1.0);
    CHECK(d.table->cumulative.back() == 1.0);
  }
}

TEST_CASE("bernoulli: share of ones within 5 binomial standard errors") {
  const std::size_t n = 100000;
  for (double p : {0.3, 0.02, 0.5, 0.97}) {
    const Distribution d = Distribution::bernoulli(p);
    INFO(d.describe());
    double ones = 0.0;
    for (double v : draws(d, n, 1234)) {
      CHECK((v == 0.0 || v == 1.0));
      ones += v;
    }
    const double se = std::sqrt(p * (1 - p) / static_cast<double>(n));
    CHECK(std::abs(ones / static_cast<double>(n) - p) < kSe * se);
    CHECK(d.mean() == p);
    CHECK(d.variance() == Approx(p * (1 - p)));
    CHECK(d.cdf(-0.5) == 0.0);
    CHECK(d.cdf(0.0) == Approx(1 - p));
    CHECK(d.cdf(0.5) == Approx(1 - p));
    CHECK(d.cdf(1.0) == 1.0);
  }
  for (double v : draws(Distribution::bernoulli(0.0), 10000, 1)) CHECK(v == 0.0);
  for (double v : draws(Distribution::bernoulli(1.0), 10000, 1)) CHECK(v == 1.0);
}

TEST_CASE("exponential with rate 0 never happens") {
  const Distribution d = Distribution::exponential(0.0);
  for (double v : draws(d, 1000, 3)) CHECK(v == kInf);
  CHECK(d.mean() == kInf);
  CHECK(d.variance() == kInf);
  CHECK(d.cdf(1e300) == 0.0);
  CHECK(d.quantile(0.5) == kInf);
  CHECK(d.describe() == "exponential(rate=0)");
}

TEST_CASE("describe() uses shortest round-trip numbers") {
  CHECK(Distribution::pert(1, 2, 5).describe() == "pert(min=1, mode=2, max=5, lambda=4)");
  CHECK(Distribution::constant(0.1).describe() == "constant(0.1)");
  CHECK(Distribution::uniform(11, 14).describe() == "uniform(min=11, max=14)");
  CHECK(Distribution::triangular(0.5, 1, 2.5).describe() == "triangular(min=0.5, mode=1, max=2.5)");
  CHECK(Distribution::normal(20, 4).describe() == "normal(mean=20, sd=4)");
  CHECK(Distribution::truncated_normal(20, 4, 5, 40).describe() == "normal(mean=20, sd=4, min=5, max=40)");
  CHECK(Distribution::truncated_normal(2, 1, 0, kInf).describe() == "normal(mean=2, sd=1, min=0)");
  CHECK(Distribution::truncated_normal(2, 1, -kInf, 3).describe() == "normal(mean=2, sd=1, max=3)");
  CHECK(Distribution::lognormal_mean_sd(30000, 10000).describe() == "lognormal(mean=30000, sd=10000)");
  CHECK(Distribution::lognormal_median_p90(1e5, 1.8e5).describe() == "lognormal(median=100000, p90=180000)");
  CHECK(Distribution::beta(2, 50).describe() == "beta(alpha=2, beta=50, min=0, max=1)");
  CHECK(Distribution::discrete({1, 2, 3}, {5, 3, 2}).describe() == "discrete(values=[1, 2, 3], weights=[5, 3, 2])");
  CHECK(Distribution::bernoulli(0.3).describe() == "bernoulli(p=0.3)");
}

TEST_CASE("distribution_families lists the user-facing families and their keys") {
  using Keys = std::vector<std::string_view>;
  const std::vector<std::pair<std::string_view, Keys>> expected = {
      {"uniform", {"min", "max"}},
      {"triangular", {"min", "mode", "max"}},
      {"pert", {"min", "mode", "max", "lambda"}},
      {"normal", {"mean", "sd", "min", "max"}},
      {"lognormal", {"mean", "sd", "median", "p90"}},
      {"beta", {"alpha", "beta", "min", "max"}},
      {"discrete", {"values", "weights"}},
  };
  const auto families = distribution_families();
  REQUIRE(families.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CHECK(families[i].name == expected[i].first);
    CHECK(families[i].keys == expected[i].second);
    CHECK(find_family(expected[i].first) == &families[i]);
  }
  CHECK(find_family("constant") == nullptr);
  CHECK(find_family("Normal") == nullptr);
  CHECK(find_family("") == nullptr);
}

TEST_CASE("make_distribution rejects every invalid parameter set, naming the key") {
  struct Bad {
    std::string family;
    DistParams params;
    std::string param;
    std::string message;  ///< a substring of the expected message
  };
  const std::vector<Bad> cases = {
      {"gauss", params({{"mean", 1}, {"sd", 1}}), "dist", "unknown distribution `gauss`"},
      {"constant", params({}), "dist", "expected one of: uniform, triangular"},
      // unknown keys and non-finite numbers, whatever the family
      {"uniform", params({{"min", 1}, {"mode", 2}, {"max", 3}}), "mode", "unknown parameter `mode`"},
      {"uniform", params({{"min", 1}, {"max", 3}}, {1, 2}), "values", "unknown parameter `values`"},
      {"uniform", params({{"min", kNaN}, {"max", 3}}), "min", "finite number, found nan"},
      {"uniform", params({{"min", 1}, {"max", kInf}}), "max", "finite number, found inf"},
      {"normal", params({{"mean", 1}, {"sd", -kInf}}), "sd", "finite number"},
      {"pert", params({{"min", 1}, {"mode", 2}, {"max", 3}, {"lambda", kNaN}}), "lambda", "finite number"},
      // uniform / triangular / pert
      {"uniform", params({{"min", 1}}), "max", "missing required `max`"},
      {"uniform", params({{"min", 3}, {"max", 1}}), "max", "max 1 must not be less than min 3"},
      {"triangular", params({{"min", 1}, {"max", 5}}), "mode", "missing required `mode`"},
      {"triangular", params({{"min", 1}, {"mode", 7}, {"max", 5}}), "mode",
       "mode 7 must lie within [min, max] = [1, 5]"},
      {"triangular", params({{"min", 1}, {"mode", 0.5}, {"max", 5}}), "mode", "mode 0.5 must lie within"},
      {"triangular", params({{"min", 6}, {"mode", 5.5}, {"max", 5}}), "max", "must not be less than min"},
      {"pert", params({{"min", 1}, {"mode", 7}, {"max", 5}}), "mode", "[min, max] = [1, 5]"},
      {"pert", params({{"min", 1}, {"mode", 2}, {"max", 5}, {"lambda", 0}}), "lambda", "lambda must be > 0, found 0"},
      {"pert", params({{"min", 1}, {"mode", 2}, {"max", 5}, {"lambda", -1}}), "lambda", "found -1"},
      {"pert", params({{"mode", 2}, {"max", 5}}), "min", "missing required `min`"},
      // normal
      {"normal", params({{"mean", 20}, {"sd", -1}}), "sd", "sd must be >= 0, found -1"},
      {"normal", params({{"mean", 20}}), "sd", "missing required `sd`"},
      {"normal", params({{"sd", 2}}), "mean", "missing required `mean`"},
      {"normal", params({{"mean", 20}, {"sd", 1}, {"min", 30}, {"max", 10}}), "max",
       "max 10 must not be less than min 30"},
      {"normal", params({{"mean", 0}, {"sd", 1}, {"min", 50}}), "min", "zero probability"},
      {"normal", params({{"mean", 0}, {"sd", 1}, {"min", 40}, {"max", 41}}), "min", "40 sd above the mean 0"},
      {"normal", params({{"mean", 0}, {"sd", 1}, {"max", -45}}), "max", "45 sd below the mean"},
      // lognormal
      {"lognormal", params({{"mean", 20}, {"sd", 4}, {"median", 20}}), "median", "either mean and sd, or median"},
      {"lognormal", params({{"mean", 20}, {"p90", 40}}), "p90", "not both"},
      {"lognormal", params({{"sd", 4}, {"median", 20}, {"p90", 30}}), "median", "not both"},
      {"lognormal", params({}), "mean", "missing required `mean` and `sd` (or `median` and `p90`)"},
      {"lognormal", params({{"mean", 20}}), "sd", "missing required `sd`"},
      {"lognormal", params({{"median", 20}}), "p90", "missing required `p90`"},
      {"lognormal", params({{"p90", 20}}), "median", "missing required `median`"},
      {"lognormal", params({{"mean", 0}, {"sd", 4}}), "mean", "mean must be > 0 for a lognormal, found 0"},
      {"lognormal", params({{"mean", -3}, {"sd", 4}}), "mean", "found -3"},
      {"lognormal", params({{"mean", 3}, {"sd", -4}}), "sd", "sd must be >= 0, found -4"},
      {"lognormal", params({{"median", 0}, {"p90", 4}}), "median", "median must be > 0"},
      {"lognormal", params({{"median", 20}, {"p90", 15}}), "p90", "p90 15 must be greater than median 20"},
      {"lognormal", params({{"median", 20}, {"p90", 20}}), "p90", "p90 20 must be greater than median 20"},
      // beta
      {"beta", params({{"beta", 2}}), "alpha", "missing required `alpha`"},
      {"beta", params({{"alpha", 2}}), "beta", "missing required `beta`"},
      {"beta", params({{"alpha", 0}, {"beta", 2}}), "alpha", "alpha must be > 0, found 0"},
      {"beta", params({{"alpha", 2}, {"beta", -0.5}}), "beta", "beta must be > 0, found -0.5"},
      {"beta", params({{"alpha", 2}, {"beta", 2}, {"min", 3}, {"max", 3}}), "max", "max 3 must be greater than min 3"},
      {"beta", params({{"alpha", 2}, {"beta", 2}, {"min", 5}, {"max", 3}}), "max", "greater than min"},
      {"beta", params({{"alpha", 2}, {"beta", 2}, {"min", 2}}), "min", "max 1 must be greater than min 2"},
      {"beta", params({{"alpha", 2}, {"beta", 2}, {"max", -1}}), "max", "max -1 must be greater than min 0"},
      // discrete
      {"discrete", params({}), "values", "non-empty list"},
      {"discrete", params({}, {}, {1, 2}), "values", "non-empty list"},
      {"discrete", params({}, {1, 2}, {1}), "weights", "weights has length 1 but values has length 2"},
      {"discrete", params({}, {1, 2}, {1, 2, 3}), "weights", "length"},
      {"discrete", params({}, {1, 2}, {1, -1}), "weights", "weights[1] must be > 0, found -1"},
      {"discrete", params({}, {1, 2}, {0, 1}), "weights", "weights[0] must be > 0, found 0"},
      {"discrete", params({}, {1, 2}, {1, kNaN}), "weights", "weights[1] must be a finite number"},
      {"discrete", params({}, {1, 2}, {1, kInf}), "weights", "finite"},
      {"discrete", params({}, {1, 2}, {1e308, 1e308}), "weights", "add up"},
      {"discrete", params({}, {1, kInf}), "values", "values[1] must be a finite number, found inf"},
      {"discrete", params({}, {kNaN}), "values", "finite"},
      {"discrete", params({{"values", 3}}, {}), "values", "must be a list of numbers"},
      {"discrete", params({{"p", 3}}, {1}), "p", "unknown parameter `p`"},
  };
  for (const Bad& c : cases) {
    const auto result = make_distribution(c.family, c.params);
    const ParamError* e = std::get_if<ParamError>(&result);
    INFO(c.family << ": expected an error on `" << c.param << "` containing \"" << c.message << "\"");
    REQUIRE(e != nullptr);
    INFO("got `" << e->param << "`: " << e->message);
    CHECK(e->param == c.param);
    CHECK(e->message.find(c.message) != std::string::npos);
  }
}

TEST_CASE("make_distribution accepts valid parameters and builds what the factories build") {
  struct Good {
    std::string family;
    DistParams params;
    Distribution expected;
  };
  const std::vector<Good> cases = {
      {"uniform", params({{"min", 11}, {"max", 14}}), Distribution::uniform(11, 14)},
      {"uniform", params({{"min", 3}, {"max", 3}}), Distribution::uniform(3, 3)},
      {"triangular", params({{"min", 1}, {"mode", 1}, {"max", 5}}), Distribution::triangular(1, 1, 5)},
      {"triangular", params({{"min", 1}, {"mode", 5}, {"max", 5}}), Distribution::triangular(1, 5, 5)},
      {"pert", params({{"min", 1}, {"mode", 2}, {"max", 5}}), Distribution::pert(1, 2, 5, 4)},
      {"pert", params({{"min", 14}, {"mode", 15}, {"max", 18}, {"lambda", 6}}), Distribution::pert(14, 15, 18, 6)},
      {"pert", params({{"min", 2}, {"mode", 2}, {"max", 2}}), Distribution::pert(2, 2, 2)},
      {"normal", params({{"mean", 20}, {"sd", 4}}), Distribution::normal(20, 4)},
      {"normal", params({{"mean", 20}, {"sd", 4}, {"min", 5}, {"max", 40}}),
       Distribution::truncated_normal(20, 4, 5, 40)},
      {"normal", params({{"mean", 2}, {"sd", 1}, {"min", 0}}), Distribution::truncated_normal(2, 1, 0, kInf)},
      {"normal", params({{"mean", 2}, {"sd", 1}, {"max", 3}}), Distribution::truncated_normal(2, 1, -kInf, 3)},
      {"normal", params({{"mean", 0}, {"sd", 1}, {"min", 30}}), Distribution::truncated_normal(0, 1, 30, kInf)},
      {"normal", params({{"mean", 5}, {"sd", 0}}), Distribution::constant(5)},
      {"normal", params({{"mean", 5}, {"sd", 0}, {"min", 6}}), Distribution::constant(6)},
      {"normal", params({{"mean", 5}, {"sd", 2}, {"min", 7}, {"max", 7}}), Distribution::constant(7)},
      {"lognormal", params({{"mean", 30000}, {"sd", 10000}}), Distribution::lognormal_mean_sd(30000, 10000)},
      {"lognormal", params({{"mean", 30000}, {"sd", 0}}), Distribution::constant(30000)},
      {"lognormal", params({{"median", 100000}, {"p90", 180000}}), Distribution::lognormal_median_p90(100000, 180000)},
      {"beta", params({{"alpha", 2}, {"beta", 50}}), Distribution::beta(2, 50, 0, 1)},
      {"beta", params({{"alpha", 0.5}, {"beta", 0.5}, {"min", -2}, {"max", 2}}), Distribution::beta(0.5, 0.5, -2, 2)},
      {"discrete", params({}, {1, 2, 3}, {5, 3, 2}), Distribution::discrete({1, 2, 3}, {5, 3, 2})},
      {"discrete", params({}, {1, 2, 3}), Distribution::discrete({1, 2, 3}, {1, 1, 1})},
      {"discrete", params({}, {4}), Distribution::discrete({4}, {})},
  };
  for (const Good& c : cases) {
    INFO(c.family << " -> " << c.expected.describe());
    const auto result = make_distribution(c.family, c.params);
    const Distribution* d = std::get_if<Distribution>(&result);
    if (d == nullptr) FAIL_CHECK(std::get<ParamError>(result).param << ": " << std::get<ParamError>(result).message);
    if (d != nullptr) CHECK(same_distribution(*d, c.expected));
  }
  // A normal needs a truncation kind only when a bound is given.
  const auto with_min = make_distribution("normal", params({{"mean", 2}, {"sd", 1}, {"min", 0}}));
  REQUIRE(std::holds_alternative<Distribution>(with_min));
  CHECK(std::get<Distribution>(with_min).kind == DistKind::TruncatedNormal);
  CHECK(std::get<Distribution>(with_min).p[3] == kInf);
  // A one-point discrete is always that point.
  const Distribution one = Distribution::discrete({4}, {});
  for (double v : draws(one, 100, 1)) CHECK(v == 4.0);
}

TEST_CASE("standard_normal_quantiles is standard_normal_quantile bit for bit, in place too") {
  // 1,000 values (several tiles of the batched form): Philox uniforms, 15 % of them in the
  // tails, plus the extremes of the stream's range and the central region's edges.
  std::vector<double> p(1000);
  tcosim::input_uniforms(5, 0, 77u, p.size(), p.data());
  p[0] = 0x1p-53;
  p[1] = 1.0 - 0x1p-53;
  p[2] = 0.075;
  p[3] = 0.925;
  p[4] = 0.5;
  std::vector<double> z(p.size()), in_place = p;
  tcosim::standard_normal_quantiles(p.data(), z.data(), p.size());
  tcosim::standard_normal_quantiles(in_place.data(), in_place.data(), in_place.size());
  std::size_t differing = 0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const double want = tcosim::standard_normal_quantile(p[i]);
    differing += (z[i] != want) + (in_place[i] != want);
  }
  CHECK(differing == 0);
}

TEST_CASE("distributions and their parameter types print as a scenario spells them") {
  CHECK(fmt::format("{}", Distribution::pert(1, 2, 5)) == "pert(min=1, mode=2, max=5, lambda=4)");
  CHECK(fmt::format("{}", Distribution::truncated_normal(2, 1, 0, kInf)) == "normal(mean=2, sd=1, min=0)");
  CHECK(fmt::format("{}", *Distribution::discrete({1, 2}, {3, 1}).table) ==
        "DiscreteTable{values=[1, 2], weights=[3, 1]}");
  CHECK(fmt::format("{}", ParamError{"mode", "must lie within [min, max]"}) == "mode: must lie within [min, max]");
  CHECK(fmt::format("{}", DistParams{{{"min", 1}, {"max", 5}, {"mode", 2}}, {}, {}}) ==
        "DistParams{max=5, min=1, mode=2}");
  CHECK(fmt::format("{}", DistParams{{}, {1, 2}, {0.5, 0.5}}) == "DistParams{values=[1, 2], weights=[0.5, 0.5]}");
  CHECK(fmt::format("{}", *find_family("pert")) == "pert(min, mode, max, lambda)");
}

TEST_CASE("every DistKind prints its family name") {
  CHECK(fmt::format("{}", DistKind::Constant) == "constant");
  CHECK(fmt::format("{}", DistKind::TruncatedNormal) == "truncated_normal");
  CHECK(fmt::format("{}", DistKind::Exponential) == "exponential");
  const auto built = make_distribution("beta", DistParams{{{"alpha", 2}, {"beta", 3}}, {}, {}});
  REQUIRE(std::holds_alternative<Distribution>(built));
  CHECK(fmt::format("{}", std::get<Distribution>(built).kind) == "beta");
}
