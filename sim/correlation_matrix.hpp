#pragma once
// Correlation matrices for the Gaussian copula: rank-to-linear conversion, the positive
// semi-definiteness check, Higham's nearest correlation matrix and a factor that also works
// for singular matrices. Matrices are dense, n x n, row-major std::vector<double>; Eigen
// stays inside the .cpp so that the per-trial code never sees it.
#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace tcosim {

/// Smallest eigenvalue a matrix may have and still count as positive semi-definite: rounding
/// in the rank-to-linear conversion and in the eigensolver is ~1e-16 per entry, far below it,
/// while a genuinely inconsistent set of user correlations is off by 1e-3 or more.
inline constexpr double kPsdTolerance = 1e-10;

/// Pearson correlation of a bivariate normal whose Spearman rank correlation is `rho`:
/// 2 sin(pi rho / 6). Exact for the Gaussian copula, so ranks come out as requested.
double spearman_to_pearson(double rho) noexcept;
/// The inverse, (6 / pi) asin(r / 2).
double pearson_to_spearman(double r) noexcept;

/// The most negative direction of a symmetric matrix.
struct SmallestEigenpair {
  double value = 0.0;
  std::vector<double> vector;  ///< unit length
  /// e.g. "SmallestEigenpair{value=-0.5, vector=[0.7071, -0.7071]}".
  std::string to_string() const;
};

/// Smallest eigenvalue and its eigenvector of the symmetric n x n matrix `m` (lower triangle read).
SmallestEigenpair smallest_eigenpair(std::span<const double> m, std::size_t n);

/// True when the smallest eigenvalue of symmetric `m` is at least -tolerance.
bool is_positive_semidefinite(std::span<const double> m, std::size_t n, double tolerance = kPsdTolerance);

/// Outcome of nearest_correlation().
struct NearestCorrelation {
  std::vector<double> matrix;  ///< symmetric, unit diagonal, positive semi-definite
  int iterations = 0;
  bool converged = false;
  /// The size and how the iteration ended, e.g. "NearestCorrelation{3x3, converged in 12 iterations}".
  std::string to_string() const;
};

/// The correlation matrix nearest to symmetric `a` in the Frobenius norm (Higham, "Computing
/// the nearest correlation matrix - a problem from finance", IMA J. Numer. Anal. 22, 2002):
/// alternating projections onto the PSD cone and the unit-diagonal matrices, with Dykstra's
/// correction so that the limit is the nearest point of the intersection, not merely a point
/// in it. The final iterate is polished (eigenvalues clipped at 0, diagonal rescaled to 1) so
/// the result is exactly unit-diagonal and PSD to rounding even if iteration stops early.
NearestCorrelation nearest_correlation(std::span<const double> a, std::size_t n, double tolerance = 1e-12,
                                       int max_iterations = 100000);

/// Lower-triangular L with L L^T = c for a positive semi-definite correlation matrix c (n x n).
/// A Cholesky factorisation that sets a column to zero where its pivot is (numerically) zero,
/// which is exact for PSD matrices (a zero pivot forces a zero column below it) and so handles
/// singular ones, such as a correlation of exactly 1 or a repaired matrix, without jitter.
/// Each row is then scaled to unit length: row i's length is the standard deviation of
/// (L z)_i, so the copula's normals are exactly standard and the marginals untouched.
std::vector<double> correlation_factor(std::span<const double> c, std::size_t n);

}  // namespace tcosim
