// Sobol points and their digital shift (sim/sobol_points.hpp).
#include <Random123/uniform.hpp>
#include <algorithm>
#include <boost/math/distributions/fisher_f.hpp>
#include <boost/random/mersenne_twister.hpp>
#include <boost/random/uniform_01.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <set>
#include <stdexcept>
#include <vector>

#include "sim/sobol_points.hpp"
#include "support/numeric.hpp"
#include "support/printable.hpp"

using namespace tcosim;
using tcosim::test::ks_critical_0001;

namespace {

constexpr std::size_t kDims = 23;

/// Points [0, n) straight from a fresh Boost engine: the origin, then its vectors in order.
std::vector<std::uint64_t> reference_points(std::size_t dims, std::size_t n) {
  boost::random::sobol engine(dims);
  std::vector<std::uint64_t> out(n * dims, 0);
  for (std::size_t i = dims; i < out.size(); ++i) out[i] = engine();
  return out;
}

/// KS statistic of `u` against the uniform distribution on (0, 1).
double ks_uniform(std::vector<double> u) {
  std::sort(u.begin(), u.end());
  const double n = static_cast<double>(u.size());
  double worst = 0.0;
  for (std::size_t i = 0; i < u.size(); ++i)
    worst = std::max({worst, std::fabs(static_cast<double>(i + 1) / n - u[i]), std::fabs(u[i] - i / n)});
  return worst;
}

/// KS critical value at alpha = 0.001 (asymptotic).
/// A smooth integrand on [0, 1]^8 whose mean is exactly 1: prod (1 + (u_d - 1/2) / (d + 1)).
double smooth(const double* u) {
  double f = 1.0;
  for (std::size_t d = 0; d < 8; ++d) f *= 1.0 + (u[d] - 0.5) / static_cast<double>(d + 1);
  return f;
}

double variance(const std::vector<double>& x) {
  const double m = std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(x.size());
  double ss = 0.0;
  for (double v : x) ss += (v - m) * (v - m);
  return ss / static_cast<double>(x.size() - 1);
}

}  // namespace

TEST_CASE("Sobol points are Boost's sequence with the origin first, wherever a call starts") {
  const std::vector<std::uint64_t> ref = reference_points(kDims, 5000);
  // The first points of dimension 0 are the van der Corput sequence: 0, 1/2, 3/4, 1/4 (Gray code order).
  CHECK(ref[0 * kDims] == 0);
  CHECK(ref[1 * kDims] == std::uint64_t{1} << 63);
  CHECK(ref[2 * kDims] == std::uint64_t{3} << 62);
  CHECK(ref[3 * kDims] == std::uint64_t{1} << 62);
  SobolPoints points(kDims);
  CHECK(points.dimensions() == kDims);
  std::vector<std::uint64_t> got(5000 * kDims);
  // In order, then jumps back, forward and to the origin: each call positions the engine itself.
  const std::vector<std::pair<std::uint64_t, std::size_t>> calls = {
      {0, 256}, {256, 256}, {4000, 1000}, {1, 1}, {0, 1}, {2, 3}, {4095, 1}, {17, 600}, {0, 5000}, {3000, 0}};
  for (const auto& [first, n] : calls) {
    INFO("points [" << first << ", " << first + n << ")");
    points.points(first, n, got.data());
    CHECK(std::equal(got.begin(), got.begin() + static_cast<std::ptrdiff_t>(n * kDims),
                     ref.begin() + static_cast<std::ptrdiff_t>(first * kDims)));
  }
  CHECK(fmt::format("{}", points) == "SobolPoints{23 dimensions, next point 5000}");
}

TEST_CASE("the first 2^m Sobol points hit every one of 2^m equal intervals once in each dimension") {
  // A one-dimensional projection of a Sobol sequence is a (0, m, 1)-net: this needs the origin.
  constexpr std::size_t kM = 10, kN = std::size_t{1} << kM;
  const std::vector<std::uint64_t> ref = reference_points(kDims, kN);
  for (std::size_t d = 0; d < kDims; ++d) {
    std::set<std::uint64_t> cells;
    for (std::size_t j = 0; j < kN; ++j) cells.insert(ref[j * kDims + d] >> (64 - kM));
    INFO("dimension " << d);
    CHECK(cells.size() == kN);
  }
}

TEST_CASE("the dimension count is checked against Boost's direction-number table") {
  CHECK(kSobolMaxDimensions == 3667);
  CHECK_THROWS_AS(SobolPoints(0), std::invalid_argument);
  CHECK_THROWS_AS(SobolPoints(kSobolMaxDimensions + 1), std::invalid_argument);
  CHECK_NOTHROW(SobolPoints(kSobolMaxDimensions));
}

TEST_CASE("digital shifts are distinct per input and replicate, and keep every coordinate uniform over seeds") {
  std::set<std::uint64_t> words;
  for (std::uint32_t id : {1u, 2u, 0xdeadbeefu})
    for (std::uint64_t r = 0; r < kSobolReplicates; ++r) words.insert(sobol_shift(7, id, r));
  CHECK(words.size() == 3 * kSobolReplicates);
  CHECK(sobol_shift(7, 1, 0) == sobol_shift(7, 1, 0));
  CHECK(sobol_shift(7, 1, 0) != sobol_shift(8, 1, 0));
  // For a fixed point and dimension, the shifted coordinate over independent seeds must be
  // U(0, 1): KS at alpha = 0.001 per (point, dimension), seeds from Boost's Mersenne twister.
  constexpr std::size_t kSeeds = 2000;
  const std::vector<std::uint64_t> ref = reference_points(kDims, 64);
  boost::random::mt19937_64 gen(20261129);
  boost::random::uniform_int_distribution<std::uint64_t> any_seed;
  std::vector<std::uint64_t> seeds(kSeeds);
  for (auto& s : seeds) s = any_seed(gen);
  for (const std::size_t j : {0, 1, 5, 63}) {
    for (const std::size_t d : {0, 1, 7, 22}) {
      std::vector<double> u(kSeeds);
      for (std::size_t i = 0; i < kSeeds; ++i)
        u[i] =
            r123::u01fixedpt<double>(ref[j * kDims + d] ^ sobol_shift(seeds[i], static_cast<std::uint32_t>(d), j % 3));
      INFO("point " << j << ", dimension " << d);
      CHECK(ks_uniform(u) < ks_critical_0001(kSeeds));
    }
  }
}

TEST_CASE("shifted Sobol points estimate a smooth integral without bias and with far less variance than random") {
  // 40 independent estimates of E f = 1 from 4,096 points each: shifted Sobol (each seed's
  // replicate 0) and plain Monte Carlo from Boost's Mersenne twister, an independent generator.
  constexpr std::size_t kSeeds = 40, kN = 4096, kD = 8;
  const std::vector<std::uint64_t> ref = reference_points(kD, kN);
  std::vector<double> sobol, random;
  boost::random::mt19937_64 gen(17);
  boost::random::uniform_01<double> u01;
  for (std::size_t seed = 0; seed < kSeeds; ++seed) {
    double u[kD], sum_q = 0.0, sum_r = 0.0;
    std::uint64_t shift[kD];
    for (std::size_t d = 0; d < kD; ++d) shift[d] = sobol_shift(seed, static_cast<std::uint32_t>(d), 0);
    for (std::size_t j = 0; j < kN; ++j) {
      for (std::size_t d = 0; d < kD; ++d) u[d] = r123::u01fixedpt<double>(ref[j * kD + d] ^ shift[d]);
      sum_q += smooth(u);
      for (std::size_t d = 0; d < kD; ++d) u[d] = u01(gen);
      sum_r += smooth(u);
    }
    sobol.push_back(sum_q / kN);
    random.push_back(sum_r / kN);
  }
  const double var_q = variance(sobol), var_r = variance(random);
  const double mean_q = std::accumulate(sobol.begin(), sobol.end(), 0.0) / kSeeds;
  INFO("variance of the mean: random " << var_r << ", Sobol " << var_q << ", ratio " << var_r / var_q);
  // Unbiased: the mean of the 40 estimates within 4 of their standard errors of 1.
  CHECK(std::fabs(mean_q - 1.0) < 4.0 * std::sqrt(var_q / kSeeds));
  // Under equal variances the ratio is F(39, 39): it must be far beyond the 0.999 quantile (~2.7).
  const double critical = boost::math::quantile(boost::math::fisher_f(kSeeds - 1, kSeeds - 1), 0.999);
  CHECK(var_r / var_q > critical);
  CHECK(var_r / var_q > 100.0);
}
