#include "sim/beta_inverse.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/math/special_functions/gamma.hpp>
#include <cmath>

namespace tcosim {

namespace {

/// Tail mass (each side) left to the exact solver.
constexpr double kTail = 0x1p-12;
/// Pieces a table may grow to before the shapes are deemed unsuited (every draw is then exact).
constexpr std::size_t kMaxPieces = 1u << 15;
constexpr std::size_t kInitialPieces = 32;
constexpr std::size_t kGuidePerPiece = 4;

using NoPromotion = boost::math::policies::policy<boost::math::policies::promote_double<false>>;

struct Node {
  double x;
  double u;
  double dxdu;    ///< 1 / density
  double d2xdu2;  ///< -f'(x) / f(x)^3
};

struct Quintic {
  double c[6];
  double operator()(double t) const noexcept {
    return c[0] + t * (c[1] + t * (c[2] + t * (c[3] + t * (c[4] + t * c[5]))));
  }
};

/// The quintic through both nodes matching x, dx/du and d2x/du2 there, in t = (u - u_a) / h.
Quintic hermite(const Node& a, const Node& b) {
  const double h = b.u - a.u;
  const double m0 = a.dxdu * h, m1 = b.dxdu * h;
  const double s0 = a.d2xdu2 * h * h, s1 = b.d2xdu2 * h * h;
  const double dx = b.x - a.x;
  return {{a.x, m0, 0.5 * s0, 10.0 * dx - 6.0 * m0 - 4.0 * m1 - 0.5 * (3.0 * s0 - s1),
           -15.0 * dx + 8.0 * m0 + 7.0 * m1 + 0.5 * (3.0 * s0 - 2.0 * s1),
           6.0 * dx - 3.0 * (m0 + m1) - 0.5 * (s0 - s1)}};
}

}  // namespace

BetaInverse::BetaInverse(double a, double b) : exact_(a, b) {
  const double log_beta = boost::math::lgamma(a, NoPromotion()) + boost::math::lgamma(b, NoPromotion()) -
                          boost::math::lgamma(a + b, NoPromotion());
  const auto node = [&](double x) -> Node {
    const double density = std::exp((a - 1.0) * std::log(x) + (b - 1.0) * std::log1p(-x) - log_beta);
    const double dxdu = 1.0 / density;
    // d/du (1/f) = -f'/f^2 * dx/du, with f'/f = (a - 1)/x - (b - 1)/(1 - x).
    const double log_slope = (a - 1.0) / x - (b - 1.0) / (1.0 - x);
    return {x, exact_.cdf(x), dxdu, -log_slope * dxdu * dxdu};
  };
  const auto usable = [](const Node& n) {
    return n.x > 0.0 && n.x < 1.0 && std::isfinite(n.dxdu) && n.dxdu > 0.0 && std::isfinite(n.d2xdu2);
  };

  const double x_lo = exact_(kTail);
  const double x_hi = exact_(1.0 - kTail);
  if (!(x_lo > 0.0 && x_hi < 1.0 && x_lo < x_hi)) return;  // extreme shapes: exact solver only

  // Accepted nodes, left to right; `pending` holds the right ends still to reach, nearest last.
  std::vector<Node> nodes{node(x_lo)};
  std::vector<Node> pending;
  for (std::size_t i = kInitialPieces; i >= 1; --i) {
    pending.push_back(node(x_lo + (x_hi - x_lo) * static_cast<double>(i) / kInitialPieces));
  }
  pending.front() = node(x_hi);
  if (!usable(nodes.front()) || !usable(pending.front())) return;
  while (!pending.empty()) {
    const Node& l = nodes.back();
    const Node r = pending.back();
    if (!usable(r) || !(r.u > l.u) || nodes.size() > kMaxPieces) return;
    const Quintic c = hermite(l, r);
    // The Hermite error is largest mid-piece: test there.
    const Node m = node(0.5 * (l.x + r.x));
    const bool ok = std::fabs(c((m.u - l.u) / (r.u - l.u)) - m.x) <= kBetaInverseUError * m.dxdu;
    // A piece this narrow is at the resolution of the doubles; splitting it further gains nothing.
    if (ok || r.x - l.x <= 1e-13 * r.x) {
      nodes.push_back(r);
      pending.pop_back();
    } else {
      pending.push_back(m);
    }
  }

  const std::size_t n = nodes.size() - 1;
  bounds_.resize(n + 1);
  pieces_.resize(n);
  for (std::size_t i = 0; i <= n; ++i) bounds_[i] = nodes[i].u;
  for (std::size_t i = 0; i < n; ++i) {
    const Quintic c = hermite(nodes[i], nodes[i + 1]);
    pieces_[i] = {1.0 / (nodes[i + 1].u - nodes[i].u), {c.c[0], c.c[1], c.c[2], c.c[3], c.c[4], c.c[5]}};
  }
  u_lo_ = bounds_.front();
  u_hi_ = bounds_.back();
  guide_.resize(kGuidePerPiece * n);
  guide_scale_ = static_cast<double>(guide_.size()) / (u_hi_ - u_lo_);
  std::size_t i = 0;
  for (std::size_t j = 0; j < guide_.size(); ++j) {
    const double u = u_lo_ + static_cast<double>(j) / guide_scale_;
    while (i + 1 < n && u >= bounds_[i + 1]) ++i;
    guide_[j] = static_cast<std::uint32_t>(i);
  }
}

std::string BetaInverse::to_string() const {
  return fmt::format("BetaInverse{{a={}, b={}, {} pieces}}", exact_.a(), exact_.b(), pieces_.size());
}

}  // namespace tcosim
