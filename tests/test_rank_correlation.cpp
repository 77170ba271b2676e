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
