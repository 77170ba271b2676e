#include <boost/math/distributions/beta.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "sim/beta_quantile.hpp"
#include "support/printable.hpp"

using namespace tcosim;

namespace {

/// u values across the body and both tails, down to the Philox stream's extreme 2^-53.
std::vector<double> probe_levels() {
  std::vector<double> u;
  for (int i = 1; i < 200; ++i) u.push_back(i / 200.0);
  for (double t = 0x1p-53; t < 0.01; t *= 7.3) {
    u.push_back(t);
    u.push_back(1.0 - t);
  }
  return u;
}

}  // namespace

TEST_CASE("BetaQuantile agrees with Boost's ibeta_inv across PERT and beta shapes") {
  // PERT shapes lie in [1, 1 + lambda]; beta inputs may have shapes below 1 (U- and J-shaped).
  const std::vector<std::pair<double, double>> shapes = {
      {2.6, 3.4}, {1, 1},     {1, 5},     {5, 1},     {1.0001, 4.9999}, {3, 3},     {2, 8},
      {0.5, 0.7}, {0.1, 0.1}, {0.05, 3},  {3, 0.05},  {50, 200},        {200, 50},  {500, 500},
      {101, 1},   {1, 101},   {0.5, 0.5}, {1.5, 0.8}, {30, 2},          {1.2, 12.8}};
  for (const auto& [a, b] : shapes) {
    INFO("a = " << a << ", b = " << b);
    const BetaQuantile q(a, b);
    const boost::math::beta_distribution<double> reference(a, b);
    for (double u : probe_levels()) {
      INFO("u = " << u);
      const double x = q(u);
      // Both are accurate to a few ulps of x in [0, 1]; the inverse of a steep CDF may differ a
      // little more in absolute terms, far below anything one trial can resolve (2^-53 in u).
      CHECK(std::fabs(x - boost::math::quantile(reference, u)) <= 1e-13);
      CHECK(x >= 0.0);
      CHECK(x <= 1.0);
      CHECK(q.cdf(x) == Approx(boost::math::cdf(reference, x)).epsilon(1e-12));
    }
  }
}

TEST_CASE("BetaQuantile is monotone in u and keeps relative precision in the lower tail") {
  const BetaQuantile q(2.6, 3.4);
  const boost::math::beta_distribution<double> reference(2.6, 3.4);
  double previous = 0.0;
  for (int i = 1; i < 4096; ++i) {
    const double x = q(i / 4096.0);
    CHECK(x >= previous);
    previous = x;
  }
  for (double u : {1e-15, 1e-10, 1e-6}) {
    CHECK(q(u) == Approx(boost::math::quantile(reference, u)).epsilon(1e-12));
  }
  CHECK(q(0.0) == 0.0);
  CHECK(q(1.0) == 1.0);
}

TEST_CASE("BetaQuantile prints its shapes") {
  const BetaQuantile q(2.5, 0.75);
  CHECK(q.a() == 2.5);
  CHECK(q.b() == 0.75);
  CHECK(fmt::format("{}", q) == "BetaQuantile{a=2.5, b=0.75}");
  CHECK(fmt::format("{}", BetaQuantile()) == "BetaQuantile{a=1, b=1}");
}
