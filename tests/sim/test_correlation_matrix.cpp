#include <catch2/catch.hpp>
#include <cmath>
#include <random>
#include <vector>

#include "sim/correlation_matrix.hpp"
#include "support/printable.hpp"

using namespace tcosim;

namespace {

using Matrix = std::vector<double>;

double at(const Matrix& m, std::size_t n, std::size_t i, std::size_t j) { return m[i * n + j]; }

double frobenius_distance(const Matrix& a, const Matrix& b) {
  double s = 0;
  for (std::size_t i = 0; i < a.size(); ++i) s += (a[i] - b[i]) * (a[i] - b[i]);
  return std::sqrt(s);
}

double inner(const Matrix& a, const Matrix& b) {
  double s = 0;
  for (std::size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
  return s;
}

Matrix minus(const Matrix& a, const Matrix& b) {
  Matrix out(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) out[i] = a[i] - b[i];
  return out;
}

/// A random correlation matrix: the normalised Gram matrix of n random vectors.
Matrix random_correlation(std::size_t n, std::mt19937_64& rng) {
  std::normal_distribution<double> z;
  std::vector<double> v(n * n);
  for (double& x : v) x = z(rng);
  Matrix g(n * n);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j) g[i * n + j] = inner({&v[i * n], &v[i * n] + n}, {&v[j * n], &v[j * n] + n});
  Matrix c(n * n);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j) c[i * n + j] = g[i * n + j] / std::sqrt(g[i * n + i] * g[j * n + j]);
  return c;
}

/// A random symmetric unit-diagonal matrix with entries in [-1, 1]: usually not PSD for n >= 4.
Matrix random_pseudo_correlation(std::size_t n, std::mt19937_64& rng) {
  std::uniform_real_distribution<double> u(-1, 1);
  Matrix a(n * n, 1.0);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) a[i * n + j] = a[j * n + i] = u(rng);
  return a;
}

void check_is_correlation_matrix(const Matrix& x, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    CHECK(at(x, n, i, i) == 1.0);
    for (std::size_t j = 0; j < n; ++j) CHECK(at(x, n, i, j) == at(x, n, j, i));
  }
  // Rounding of an n x n eigen-reconstruction is a few n eps.
  CHECK(smallest_eigenpair(x, n).value >= -1e-14);
}

void check_factor(const Matrix& c, std::size_t n, double tolerance) {
  const Matrix l = correlation_factor(c, n);
  for (std::size_t i = 0; i < n; ++i) {
    double row = 0;
    for (std::size_t j = 0; j < n; ++j) {
      if (j > i) CHECK(at(l, n, i, j) == 0.0);
      row += at(l, n, i, j) * at(l, n, i, j);
      double llt = 0;
      for (std::size_t k = 0; k < n; ++k) llt += at(l, n, i, k) * at(l, n, j, k);
      CHECK(llt == Approx(at(c, n, i, j)).margin(tolerance));
    }
    // Unit rows: each correlated normal is exactly standard.
    CHECK(row == Approx(1.0).margin(1e-15));
  }
}

}  // namespace

TEST_CASE("rank correlations convert to the normal copula's Pearson correlations and back") {
  CHECK(spearman_to_pearson(0.0) == 0.0);
  CHECK(spearman_to_pearson(1.0) == 1.0);
  CHECK(spearman_to_pearson(-1.0) == -1.0);
  CHECK(spearman_to_pearson(0.5) == Approx(2 * std::sin(M_PI / 12)).epsilon(1e-15));
  // The bivariate normal's Spearman correlation is (6 / pi) asin(r / 2) (Kruskal 1958).
  for (double rho : {-0.95, -0.5, -0.1, 0.2, 0.7, 0.99}) {
    CHECK(pearson_to_spearman(spearman_to_pearson(rho)) == Approx(rho).margin(1e-15));
    CHECK(std::fabs(spearman_to_pearson(rho)) >= std::fabs(rho));  // Pearson is a little larger
  }
}

TEST_CASE("the smallest eigenpair and the PSD check") {
  const Matrix two = {1, 0.6, 0.6, 1};
  const SmallestEigenpair e = smallest_eigenpair(two, 2);
  CHECK(e.value == Approx(0.4).margin(1e-15));
  CHECK(std::fabs(e.vector[0]) == Approx(std::sqrt(0.5)).margin(1e-15));
  CHECK(e.vector[0] == Approx(-e.vector[1]).margin(1e-15));
  CHECK(is_positive_semidefinite(two, 2));
  // Perfect correlation is singular but valid.
  CHECK(is_positive_semidefinite(Matrix{1, 1, 1, 1}, 2));
  // a ~ b and b ~ c at 0.9 but a ~ c at -0.9 cannot be.
  const Matrix cycle = {1, 0.9, -0.9, 0.9, 1, 0.9, -0.9, 0.9, 1};
  CHECK_FALSE(is_positive_semidefinite(cycle, 3));
  CHECK(smallest_eigenpair(cycle, 3).value == Approx(-0.8).margin(1e-14));
  CHECK(is_positive_semidefinite(Matrix{}, 0));
}

TEST_CASE("nearest correlation matrix reproduces Higham's (2002) example") {
  // Higham, IMA J. Numer. Anal. 22 (2002), worked example: A = [1 1 0; 1 1 1; 0 1 1] has the nearest
  // correlation matrix [1 .7607 .1573; .7607 1 .7607; .1573 .7607 1], published to 4 decimals
  // (so +-5e-5).
  const Matrix a = {1, 1, 0, 1, 1, 1, 0, 1, 1};
  const NearestCorrelation x = nearest_correlation(a, 3);
  CHECK(x.converged);
  check_is_correlation_matrix(x.matrix, 3);
  const Matrix expected = {1, 0.7607, 0.1573, 0.7607, 1, 0.7607, 0.1573, 0.7607, 1};
  for (std::size_t i = 0; i < 9; ++i) CHECK(x.matrix[i] == Approx(expected[i]).margin(5e-5));
  // The distance that follows from the published entries, ||A - X||_F = 0.5278.
  CHECK(frobenius_distance(a, x.matrix) == Approx(0.5278).margin(5e-5));
}

TEST_CASE("nearest correlation matrix leaves a valid correlation matrix alone") {
  std::mt19937_64 rng(11);
  for (std::size_t n : {2u, 4u, 7u}) {
    const Matrix c = random_correlation(n, rng);
    const NearestCorrelation x = nearest_correlation(c, n);
    CHECK(x.converged);
    CHECK(frobenius_distance(c, x.matrix) < 1e-10);
  }
}

TEST_CASE("nearest correlation matrix is valid and no correlation matrix is closer") {
  std::mt19937_64 rng(2024);
  int repaired = 0;
  for (int rep = 0; rep < 8; ++rep) {
    const std::size_t n = 3 + static_cast<std::size_t>(rep);
    const Matrix a = random_pseudo_correlation(n, rng);
    if (is_positive_semidefinite(a, n)) continue;
    ++repaired;
    INFO("n = " << n);
    const NearestCorrelation x = nearest_correlation(a, n);
    CHECK(x.converged);
    check_is_correlation_matrix(x.matrix, n);
    // X is the projection of A onto the convex set of correlation matrices exactly when
    // <A - X, C - X> <= 0 for every correlation matrix C (the obtuse-angle criterion). Random C
    // probe it; the tolerance is the algorithm's stopping tolerance scaled by the norms.
    const Matrix residual = minus(a, x.matrix);
    for (int probe = 0; probe < 20; ++probe) {
      const Matrix c = random_correlation(n, rng);
      CHECK(inner(residual, minus(c, x.matrix)) <= 1e-8);
      CHECK(frobenius_distance(a, x.matrix) <= frobenius_distance(a, c) + 1e-12);
    }
    check_factor(x.matrix, n, 1e-12);
  }
  CHECK(repaired >= 5);
}

TEST_CASE("the factor is lower triangular and reproduces positive definite and singular matrices") {
  std::mt19937_64 rng(5);
  check_factor(random_correlation(6, rng), 6, 1e-13);
  // Singular: perfect correlation, perfect anti-correlation, and a rank-2 3x3 matrix.
  check_factor({1, 1, 1, 1}, 2, 0);
  check_factor({1, -1, -1, 1}, 2, 0);
  check_factor({1, 1, -1, 1, 1, -1, -1, -1, 1}, 3, 1e-15);
  const double r = std::sqrt(0.5);  // x3 = (x1 + x2) / sqrt(2) with x1, x2 independent
  check_factor({1, 0, r, 0, 1, r, r, r, 1}, 3, 1e-15);
}

TEST_CASE("eigenpairs and nearest correlation matrices print their identifying fields") {
  CHECK(fmt::format("{}", SmallestEigenpair{-0.5, {0.6, -0.8}}) == "SmallestEigenpair{value=-0.5, vector=[0.6, -0.8]}");
  CHECK(fmt::format("{}", NearestCorrelation{Matrix(9, 0.0), 12, true}) ==
        "NearestCorrelation{3x3, converged in 12 iterations}");
  CHECK(fmt::format("{}", NearestCorrelation{Matrix(4, 0.0), 100, false}) ==
        "NearestCorrelation{2x2, not converged after 100 iterations}");
}
