#include <catch2/catch.hpp>
#include <cmath>
#include <random>
#include <vector>

#include "sim/rank_correlation.hpp"

using namespace tcosim;

TEST_CASE("average ranks give ties their mean rank") {
  const std::vector<double> x = {10, 20, 10, 30, 20, 20};
  std::vector<double> r(x.size());
  average_ranks(x, r);
  CHECK(r == std::vector<double>{1.5, 4, 1.5, 6, 4, 4});
}

TEST_CASE("Spearman is 1 for any increasing transform and NaN for a constant") {
  std::vector<double> x, y, c;
  for (int i = 0; i < 100; ++i) {
    x.push_back(i * 0.37 - 5);
    y.push_back(std::exp(x.back()));
    c.push_back(3.0);
  }
  CHECK(spearman_correlation(x, y) == Approx(1.0));
  std::vector<double> neg(y.rbegin(), y.rend());
  CHECK(spearman_correlation(x, neg) == Approx(-1.0));
  CHECK(std::isnan(spearman_correlation(x, c)));
}

TEST_CASE("Spearman of a bivariate normal matches (6/pi) asin(rho/2) within 5 standard errors") {
  std::mt19937_64 rng(8);
  std::normal_distribution<double> z;
  const double rho = 0.6;
  const std::size_t n = 20000;
  std::vector<double> a(n), b(n);
  for (std::size_t i = 0; i < n; ++i) {
    a[i] = z(rng);
    b[i] = rho * a[i] + std::sqrt(1 - rho * rho) * z(rng);
  }
  const double expected = 6 / M_PI * std::asin(rho / 2);
  // SE of Spearman's rho is about sqrt((1 - r^2)^2 * 1.06 / (n - 3)) (Fieller et al.).
  const double se = std::sqrt(1.06 / (n - 3.0)) * (1 - expected * expected);
  CHECK(std::fabs(spearman_correlation(a, b) - expected) < 5 * se);
}

TEST_CASE("average ranks of a large mixed-sign sample with ties agree with a sort-based reference") {
  // 20,000 values (integer_sort's radix path, not its small-input fallback): negative and
  // positive, -0.0 and 0.0 (equal, so one tie group), repeated values, huge and tiny magnitudes.
  std::mt19937_64 rng(31);
  std::normal_distribution<double> z(0.0, 1.0);
  std::vector<double> x(20000);
  for (std::size_t i = 0; i < x.size(); ++i) {
    switch (i % 7) {
      case 0: x[i] = std::round(z(rng) * 3.0); break;  // ties
      case 1: x[i] = (i % 2 == 0) ? -0.0 : 0.0; break;
      case 2: x[i] = z(rng) * 1e300; break;
      case 3: x[i] = z(rng) * 1e-300; break;
      default: x[i] = z(rng); break;
    }
  }
  std::vector<double> r(x.size());
  average_ranks(x, r);
  std::vector<double> sorted = x;
  std::sort(sorted.begin(), sorted.end());
  std::size_t wrong = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    // Ranks lo+1..hi of the values equal to x[i]; their mean is the average rank.
    const auto lo = std::lower_bound(sorted.begin(), sorted.end(), x[i]) - sorted.begin();
    const auto hi = std::upper_bound(sorted.begin(), sorted.end(), x[i]) - sorted.begin();
    wrong += r[i] != 0.5 * static_cast<double>(lo + 1 + hi) ? 1 : 0;
  }
  CHECK(wrong == 0);
}
