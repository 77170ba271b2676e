#include "sim/correlation_matrix.hpp"

#include <fmt/format.h>

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <numbers>

namespace tcosim {

namespace {

using Eigen::MatrixXd;

/// Symmetric Eigen copy of row-major `m`, averaging the two triangles so that a caller's
/// rounding asymmetry cannot bias the eigensolver towards one of them.
MatrixXd to_eigen(std::span<const double> m, std::size_t n) {
  const auto size = static_cast<Eigen::Index>(n);
  MatrixXd out(size, size);
  for (Eigen::Index i = 0; i < size; ++i) {
    for (Eigen::Index j = 0; j < size; ++j) {
      const auto ij = static_cast<std::size_t>(i) * n + static_cast<std::size_t>(j);
      const auto ji = static_cast<std::size_t>(j) * n + static_cast<std::size_t>(i);
      out(i, j) = 0.5 * (m[ij] + m[ji]);
    }
  }
  return out;
}

std::vector<double> to_row_major(const MatrixXd& m) {
  const auto n = static_cast<std::size_t>(m.rows());
  std::vector<double> out(n * n);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) out[i * n + j] = m(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
  }
  return out;
}

/// Nearest positive semi-definite matrix in the Frobenius norm: negative eigenvalues set to 0.
MatrixXd project_psd(const MatrixXd& r) {
  const Eigen::SelfAdjointEigenSolver<MatrixXd> eig(r);
  const Eigen::VectorXd clipped = eig.eigenvalues().cwiseMax(0.0);
  MatrixXd out = eig.eigenvectors() * clipped.asDiagonal() * eig.eigenvectors().transpose();
  return 0.5 * (out + out.transpose());
}

/// A unit-diagonal PSD matrix from a nearly valid one: clip, then rescale to unit diagonal
/// (a congruence D X D, which keeps PSD).
MatrixXd polish(const MatrixXd& y) {
  MatrixXd x = project_psd(y);
  const Eigen::Index n = x.rows();
  Eigen::VectorXd scale(n);
  for (Eigen::Index i = 0; i < n; ++i) scale(i) = x(i, i) > 0.0 ? 1.0 / std::sqrt(x(i, i)) : 0.0;
  x = scale.asDiagonal() * x * scale.asDiagonal();
  for (Eigen::Index i = 0; i < n; ++i) {
    // A row clipped to nothing can only be an independent variable.
    if (scale(i) == 0.0) {
      x.row(i).setZero();
      x.col(i).setZero();
    }
    x(i, i) = 1.0;
  }
  return 0.5 * (x + x.transpose());
}

}  // namespace

double spearman_to_pearson(double rho) noexcept {
  // Exactly +-1 at the ends (sin(pi/6) rounds to just under 1/2), so a requested perfect rank
  // correlation stays perfect.
  if (std::fabs(rho) == 1.0) return rho;
  return 2.0 * std::sin(std::numbers::pi * rho / 6.0);
}

double pearson_to_spearman(double r) noexcept {
  if (std::fabs(r) == 1.0) return r;
  return 6.0 / std::numbers::pi * std::asin(std::clamp(r, -1.0, 1.0) / 2.0);
}

SmallestEigenpair smallest_eigenpair(std::span<const double> m, std::size_t n) {
  SmallestEigenpair out;
  if (n == 0) return out;
  const Eigen::SelfAdjointEigenSolver<MatrixXd> eig(to_eigen(m, n));
  out.value = eig.eigenvalues()(0);  // ascending order
  out.vector.resize(n);
  for (std::size_t i = 0; i < n; ++i) out.vector[i] = eig.eigenvectors()(static_cast<Eigen::Index>(i), 0);
  return out;
}

bool is_positive_semidefinite(std::span<const double> m, std::size_t n, double tolerance) {
  if (n == 0) return true;
  const Eigen::SelfAdjointEigenSolver<MatrixXd> eig(to_eigen(m, n), Eigen::EigenvaluesOnly);
  return eig.eigenvalues()(0) >= -tolerance;
}

NearestCorrelation nearest_correlation(std::span<const double> a, std::size_t n, double tolerance, int max_iterations) {
  NearestCorrelation out;
  if (n == 0) {
    out.converged = true;
    return out;
  }
  const MatrixXd target = to_eigen(a, n);
  MatrixXd y = target;
  MatrixXd x = target;
  MatrixXd correction = MatrixXd::Zero(target.rows(), target.cols());  // Dykstra's increment
  for (out.iterations = 1; out.iterations <= max_iterations; ++out.iterations) {
    const MatrixXd r = y - correction;
    const MatrixXd x_next = project_psd(r);
    correction = x_next - r;
    MatrixXd y_next = x_next;
    y_next.diagonal().setOnes();
    // Higham's stopping rule: both iterates have settled and agree with each other.
    const double dx = (x_next - x).norm() / std::max(x_next.norm(), 1e-300);
    const double dy = (y_next - y).norm() / std::max(y_next.norm(), 1e-300);
    const double gap = (y_next - x_next).norm() / std::max(y_next.norm(), 1e-300);
    x = x_next;
    y = y_next;
    if (std::max({dx, dy, gap}) <= tolerance) {
      out.converged = true;
      break;
    }
  }
  out.iterations = std::min(out.iterations, max_iterations);
  out.matrix = to_row_major(polish(y));
  return out;
}

std::vector<double> correlation_factor(std::span<const double> c, std::size_t n) {
  // A pivot this small relative to the unit diagonal is rounding on top of an exact zero.
  constexpr double kZeroPivot = 1e-12;
  std::vector<double> l(n * n, 0.0);
  for (std::size_t j = 0; j < n; ++j) {
    double d = c[j * n + j];
    for (std::size_t k = 0; k < j; ++k) d -= l[j * n + k] * l[j * n + k];
    if (d <= kZeroPivot) continue;  // column j stays zero: variable j is a combination of earlier ones
    const double ljj = std::sqrt(d);
    l[j * n + j] = ljj;
    for (std::size_t i = j + 1; i < n; ++i) {
      double s = 0.5 * (c[i * n + j] + c[j * n + i]);
      for (std::size_t k = 0; k < j; ++k) s -= l[i * n + k] * l[j * n + k];
      l[i * n + j] = s / ljj;
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    double norm2 = 0.0;
    for (std::size_t k = 0; k <= i; ++k) norm2 += l[i * n + k] * l[i * n + k];
    if (norm2 > 0.0) {
      const double inv = 1.0 / std::sqrt(norm2);
      for (std::size_t k = 0; k <= i; ++k) l[i * n + k] *= inv;
    } else {
      l[i * n + i] = 1.0;  // unreachable for a unit diagonal; keeps the row a valid standard normal
    }
  }
  return l;
}

std::string SmallestEigenpair::to_string() const {
  return fmt::format("SmallestEigenpair{{value={}, vector=[{}]}}", value, fmt::join(vector, ", "));
}

std::string NearestCorrelation::to_string() const {
  const auto n = static_cast<std::size_t>(std::lround(std::sqrt(static_cast<double>(matrix.size()))));
  return fmt::format("NearestCorrelation{{{}x{}, {} {} iterations}}", n, n,
                     converged ? "converged in" : "not converged after", iterations);
}

}  // namespace tcosim
