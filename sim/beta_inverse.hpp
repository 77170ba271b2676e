#pragma once
// Fast inverse CDF of a beta distribution, for drawing PERT and beta inputs: one uniform in,
// one value out, a handful of multiplications (a guide-table lookup and a quintic), where the
// earlier sampler drew two Marsaglia-Tsang gammas (about 150 ns and a variable number of
// uniforms). It is an inverse CDF, so a draw is monotone in its uniform: the same transform
// serves plain, Latin hypercube and copula sampling.
//
// Method (the PINV idea of Derflinger, Hoermann and Leydold, ACM TOMACS 20(4), 2010, with
// Hermite rather than Newton interpolation): the x axis between the 2^-12 and 1 - 2^-12
// quantiles is cut into pieces, each piece's inverse CDF u -> x is the quintic Hermite
// interpolant through the exact end points (u = I_x(a, b), dx/du = 1 / f and
// d2x/du2 = -f' / f^3, f the density), and a
// piece is halved until its u-error |I_x^(u)(a, b) - u| is at most kBetaInverseUError at
// its midpoint. Below the 2^-12 and above the 1 - 2^-12 quantile (one draw in 2,048),
// and for shapes whose table would be unreasonably large, the exact solver BetaQuantile is
// used instead. tests/sim/test_beta_inverse.cpp checks the u-error on a dense grid and the
// samples against Boost.Math (KS, moments).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/beta_quantile.hpp"

namespace tcosim {

/// The u-error each table piece is built to (at its midpoint).
inline constexpr double kBetaInverseUError = 1e-12;

/// x in [0, 1] with I_x(a, b) ~= u, for fixed shapes a, b > 0.
class BetaInverse {
 public:
  BetaInverse() = default;
  BetaInverse(double a, double b);

  /// The u-quantile, u in (0, 1) (0 and 1 at and beyond the ends).
  double operator()(double u) const noexcept {
    if (!(u >= u_lo_ && u < u_hi_)) return exact_(u);
    auto j = static_cast<std::size_t>((u - u_lo_) * guide_scale_);
    if (j >= guide_.size()) j = guide_.size() - 1;
    std::size_t i = guide_[j];
    while (u >= bounds_[i + 1]) ++i;
    while (u < bounds_[i]) --i;  // only where rounding put u just below its guide entry
    const Piece& p = pieces_[i];
    const double t = (u - bounds_[i]) * p.inv_h;
    const double* c = p.c;
    const double x = c[0] + t * (c[1] + t * (c[2] + t * (c[3] + t * (c[4] + t * c[5]))));
    return x < 0.0 ? 0.0 : (x > 1.0 ? 1.0 : x);
  }

  /// Pieces in the table (0 when every draw goes to the exact solver).
  std::size_t pieces() const noexcept { return pieces_.size(); }
  /// The exact solver used in the tails.
  const BetaQuantile& exact() const noexcept { return exact_; }
  /// The shapes and the table size, e.g. "BetaInverse{a=2, b=3, 96 pieces}".
  std::string to_string() const;

 private:
  struct Piece {
    double inv_h;  ///< 1 / (u_{i+1} - u_i)
    double c[6];   ///< x = c0 + c1 t + ... + c5 t^5, t = (u - u_i) / (u_{i+1} - u_i)
  };

  BetaQuantile exact_;
  // An empty table (u_lo_ > u_hi_) sends every u to the exact solver.
  double u_lo_ = 1.0;
  double u_hi_ = 0.0;
  double guide_scale_ = 0.0;
  std::vector<double> bounds_;  ///< u_0 = u_lo_ < u_1 < ... < u_P = u_hi_
  std::vector<Piece> pieces_;
  std::vector<std::uint32_t> guide_;  ///< guide_[j]: the piece holding u_lo_ + j / guide_scale_
};

}  // namespace tcosim
