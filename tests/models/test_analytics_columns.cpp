// The decision analytics' column loops (models/analytics_columns.hpp) against plain
// trial-by-trial loops, on random bins and costs and on batch lengths around the 64-trial blocks.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "models/analytics_columns.hpp"

using namespace tcosim;

namespace {

std::vector<std::uint8_t> random_bins(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<std::uint8_t> b(n);
  for (auto& x : b) x = static_cast<std::uint8_t>(rng() % kValueBins);
  return b;
}

}  // namespace

TEST_CASE("decile_trials lists the trials of the lowest and highest deciles in trial order", "[analytics]") {
  for (std::size_t n : {0u, 1u, 7u, 63u, 64u, 65u, 128u, 1000u, 4096u}) {
    INFO(n << " trials");
    const std::vector<std::uint8_t> bins = random_bins(n, n + 1);
    std::vector<std::uint16_t> low(n), high(n), want_low, want_high;
    for (std::size_t t = 0; t < n; ++t) {
      if (bins[t] <= 1) want_low.push_back(static_cast<std::uint16_t>(t));
      if (bins[t] >= 18) want_high.push_back(static_cast<std::uint16_t>(t));
    }
    const auto listed = decile_trials(bins.data(), n, low.data(), high.data());
    REQUIRE(listed[0] == want_low.size());
    REQUIRE(listed[1] == want_high.size());
    low.resize(listed[0]);
    high.resize(listed[1]);
    CHECK(low == want_low);
    CHECK(high == want_high);
  }
  // Every bin value in every position of a block (bin b at place b + 20 k): 0, 1, 18 and 19
  // are listed, 2-17 are not.
  std::vector<std::uint8_t> bins(64 * kValueBins);
  for (std::size_t t = 0; t < bins.size(); ++t) bins[t] = static_cast<std::uint8_t>(t % kValueBins);
  std::vector<std::uint16_t> low(bins.size()), high(bins.size());
  const auto listed = decile_trials(bins.data(), bins.size(), low.data(), high.data());
  REQUIRE(listed[0] == 2 * 64);
  REQUIRE(listed[1] == 2 * 64);
  for (std::size_t i = 0; i < listed[0]; ++i) CHECK(low[i] == i / 2 * kValueBins + i % 2);
  for (std::size_t i = 0; i < listed[1]; ++i) CHECK(high[i] == i / 2 * kValueBins + 18 + i % 2);
}

TEST_CASE("paired_difference gives the differences, their moments and who is cheaper", "[analytics]") {
  const std::size_t n = 1001;
  std::vector<double> a(n), b(n), diff(n);
  std::mt19937_64 rng(8);
  std::uniform_real_distribution<double> cost(0.0, 100.0);
  for (std::size_t t = 0; t < n; ++t) a[t] = cost(rng), b[t] = t % 10 == 0 ? a[t] : cost(rng);
  a[3] = std::numeric_limits<double>::quiet_NaN();  // counts for neither side
  const PairTally tally = paired_difference(a.data(), b.data(), n, diff.data());
  std::uint64_t a_cheaper = 0, b_cheaper = 0;
  for (std::size_t t = 0; t < n; ++t) {
    a_cheaper += a[t] < b[t] ? 1 : 0;
    b_cheaper += b[t] < a[t] ? 1 : 0;
    if (t != 3) CHECK(diff[t] == a[t] - b[t]);
  }
  CHECK(std::isnan(diff[3]));
  CHECK(tally.a_cheaper == a_cheaper);
  CHECK(tally.b_cheaper == b_cheaper);
  const Moments m = Moments::of(diff.data(), n);
  CHECK(tally.diff.n == m.n);
  CHECK(std::isnan(tally.diff.mean));
  std::vector<double> finite(a.size() - 1);
  for (std::size_t t = 0, k = 0; t < n; ++t)
    if (t != 3) finite[k++] = a[t] - b[t];
  const std::size_t nf = finite.size();
  std::vector<double> fa(nf), fb(nf), fd(nf);
  for (std::size_t t = 0, k = 0; t < n; ++t)
    if (t != 3) fa[k] = a[t], fb[k++] = b[t];
  const PairTally clean = paired_difference(fa.data(), fb.data(), nf, fd.data());
  const Moments want = Moments::of(finite.data(), nf);
  CHECK(clean.diff.n == want.n);
  CHECK(clean.diff.mean == want.mean);  // the same bits: the same lanes in the same order
  CHECK(clean.diff.m2 == want.m2);
  CHECK(clean.diff.min == want.min);
  CHECK(clean.diff.max == want.max);
}
