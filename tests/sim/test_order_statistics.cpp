#include <algorithm>
#include <catch2/catch.hpp>
#include <random>
#include <stdexcept>
#include <vector>

#include "sim/order_statistics.hpp"
#include "support/printable.hpp"

using namespace tcosim;

TEST_CASE("select_order_statistics places every requested rank as a full sort would") {
  std::mt19937_64 rng(17);
  std::uniform_real_distribution<double> u(0, 1);
  for (std::size_t n : {1u, 2u, 7u, 100u, 5000u}) {
    std::vector<double> v(n);
    for (auto& x : v) x = std::floor(u(rng) * 50);  // many ties
    std::vector<double> sorted = v;
    std::sort(sorted.begin(), sorted.end());
    std::vector<std::size_t> ranks;
    for (std::size_t r = 0; r < n; r += 1 + n / 13) ranks.push_back(r);
    ranks.push_back(n - 1);
    std::sort(ranks.begin(), ranks.end());
    ranks.erase(std::unique(ranks.begin(), ranks.end()), ranks.end());
    select_order_statistics(v, ranks);
    for (std::size_t r : ranks) CHECK(v[r] == sorted[r]);
  }
}

TEST_CASE("select_ranks on large samples (bucketed) agrees with a full sort, upper tail sum included") {
  std::mt19937_64 rng(23);
  std::uniform_real_distribution<double> u(0, 1);
  std::lognormal_distribution<double> heavy(0.0, 3.0);
  for (int kind = 0; kind < 6; ++kind) {
    const std::size_t n = 100000 + static_cast<std::size_t>(kind) * 7919;
    std::vector<double> v(n);
    for (auto& x : v) {
      switch (kind) {
        case 0: x = u(rng); break;                                   // even spread
        case 1: x = u(rng) < 0.9 ? 0.0 : heavy(rng); break;          // a spike at 0 and a heavy tail
        case 2: x = -heavy(rng); break;                              // negative, heavy lower tail
        case 3: x = std::floor(u(rng) * 3); break;                   // three distinct values
        case 4: x = u(rng) < 1e-4 ? 1e300 : u(rng) * 1e-300; break;  // extreme magnitudes
        default: x = 42.0; break;                                    // constant: no range to cut
      }
    }
    const std::vector<double> original = v;
    std::vector<double> sorted = v;
    std::sort(sorted.begin(), sorted.end());
    std::vector<std::size_t> ranks{n - 1, 0, 1, n / 2, n - 2};  // any order, with a repeat below
    for (std::size_t r = 3; r < n; r += n / 97) ranks.push_back(r);
    ranks.push_back(n / 2);
    const std::size_t upper_from = n - n / 20;
    const RankSelection s = select_ranks(v, ranks, upper_from);
    INFO("kind " << kind);
    CHECK(v == original);  // the sample is left as it was
    REQUIRE(std::is_sorted(s.ranks.begin(), s.ranks.end()));
    REQUIRE(std::adjacent_find(s.ranks.begin(), s.ranks.end()) == s.ranks.end());
    REQUIRE(s.ranks.size() == s.values.size());
    for (std::size_t r : ranks) REQUIRE(s.at(r) == sorted[r]);
    long double tail = 0.0L;
    for (std::size_t i = upper_from; i < n; ++i) tail += sorted[i];
    CHECK(s.upper_sum == Approx(static_cast<double>(tail)).epsilon(1e-14));
  }
}

TEST_CASE("select_ranks on small samples, and without an upper tail") {
  std::vector<double> v = {5, 1, 4, 2, 3, 3};
  const RankSelection s = select_ranks(v, {5, 0, 2, 3}, 4);
  CHECK(s.at(0) == 1.0);
  CHECK(s.at(2) == 3.0);
  CHECK(s.at(3) == 3.0);
  CHECK(s.at(5) == 5.0);
  CHECK(s.upper_sum == 9.0);  // 4 + 5
  CHECK(select_ranks(v, {1}).upper_sum == 0.0);
  CHECK(select_ranks(v, {}, 0).upper_sum == 18.0);
}

TEST_CASE("select_ranks of differences read in place gives what it gives for them stored") {
  std::mt19937_64 rng(5);
  std::normal_distribution<double> z(0.0, 1.0);
  // Small (selection on a copy), large (buckets), and equal series (a difference of zeros).
  for (const std::size_t n : {std::size_t{1000}, std::size_t{100003}}) {
    for (const bool equal : {false, true}) {
      std::vector<double> a(n), b(n), stored(n);
      for (std::size_t i = 0; i < n; ++i) {
        a[i] = 1e5 + 1e4 * z(rng);
        b[i] = equal ? a[i] : 1e5 + 2e4 * z(rng);
        stored[i] = a[i] - b[i];
      }
      const std::vector<std::size_t> ranks{0, 7, n / 20, n / 2, n - n / 20, n - 1};
      const RankSelection want = select_ranks(stored, ranks, n - n / 20);
      const RankSelection got = select_ranks(Differences{a, b}, ranks, n - n / 20);
      INFO("n " << n << (equal ? ", equal series" : ""));
      CHECK(got.ranks == want.ranks);
      CHECK(got.values == want.values);
      CHECK(got.upper_sum == want.upper_sum);
    }
  }
  const std::vector<double> three(3), two(2);
  CHECK_THROWS_AS(select_ranks(Differences{three, two}, {0}), std::invalid_argument);
}

TEST_CASE("type-7 quantiles from selected ranks match the textbook values") {
  std::vector<double> v = {5, 1, 4, 2, 3};  // sorted 1..5
  std::vector<std::size_t> ranks;
  for (double q : {0.0, 0.1, 0.5, 0.95, 1.0}) type7_ranks(v.size(), q, ranks);
  const RankSelection s = select_ranks(v, ranks);
  CHECK(type7_from_selected(s, v.size(), 0.0) == 1.0);
  CHECK(type7_from_selected(s, v.size(), 0.1) == Approx(1.4));
  CHECK(type7_from_selected(s, v.size(), 0.5) == 3.0);
  CHECK(type7_from_selected(s, v.size(), 0.95) == Approx(4.8));
  CHECK(type7_from_selected(s, v.size(), 1.0) == 5.0);
}

TEST_CASE("quantile confidence ranks bracket the quantile and stay in range") {
  for (std::uint64_t n : {1ull, 5ull, 50ull, 1000ull, 1001ull, 1000000ull}) {
    for (double q : {0.01, 0.5, 0.95, 0.99}) {
      const RankInterval r = quantile_ci_ranks(n, q);
      INFO("n=" << n << " q=" << q);
      CHECK(r.lo <= r.hi);
      CHECK(r.hi < n);
      const double pos = q * static_cast<double>(n - 1);
      CHECK(static_cast<double>(r.lo) <= pos + 1);
      CHECK(static_cast<double>(r.hi) >= pos - 1);
    }
  }
  // n = 1,000,000, q = 0.5: half-width 1.96 * sqrt(n / 4) = 980 ranks either side.
  const RankInterval big = quantile_ci_ranks(1000000, 0.5);
  CHECK(big.lo == 500000 - 980 - 1);
  CHECK(big.hi == 500000 + 980);
}

TEST_CASE("95 % quantile intervals cover the true quantile about 95 % of the time") {
  // Uniform(0, 1) samples: the true q-quantile is q. Coverage over R repetitions is binomial;
  // the intervals are conservative (>= 95 %), so assert >= 0.95 - 3 SE and < 0.99.
  std::mt19937_64 rng(2024);
  std::uniform_real_distribution<double> u(0, 1);
  struct Case {
    std::size_t n;
    int reps;
  };
  for (const Case c : {Case{200, 2000}, Case{3000, 400}}) {  // exact binomial, then normal approximation
    for (double q : {0.5, 0.95}) {
      const RankInterval ranks = quantile_ci_ranks(c.n, q);
      int covered = 0;
      std::vector<double> v(c.n);
      for (int rep = 0; rep < c.reps; ++rep) {
        for (auto& x : v) x = u(rng);
        const std::size_t sel[] = {ranks.lo, ranks.hi};
        select_order_statistics(v, ranks.lo == ranks.hi ? std::span<const std::size_t>(sel, 1) : sel);
        covered += (v[ranks.lo] <= q && q <= v[ranks.hi]) ? 1 : 0;
      }
      const double coverage = static_cast<double>(covered) / c.reps;
      const double se = std::sqrt(0.95 * 0.05 / c.reps);
      INFO("n=" << c.n << " q=" << q << " coverage=" << coverage);
      CHECK(coverage >= 0.95 - 3 * se);
      CHECK(coverage < 0.99);
    }
  }
}

TEST_CASE("rank selections and intervals print their ranks") {
  const std::vector<double> v = {5, 1, 4, 2, 3};
  CHECK(fmt::format("{}", select_ranks(v, {4, 0, 2}, 3)) == "RankSelection{3 ranks in [0, 4], upper_sum=9}");
  CHECK(fmt::format("{}", select_ranks(v, {})) == "RankSelection{no ranks, upper_sum=0}");
  CHECK(fmt::format("{}", RankInterval{3, 7}) == "RankInterval[3, 7]");
}
