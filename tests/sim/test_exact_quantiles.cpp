#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>
#include <random>
#include <vector>

#include "sim/exact_quantiles.hpp"
#include "sim/quantile_levels.hpp"

using tcosim::exact_quantiles;
using tcosim::exact_upper_cvar;

namespace {

/// Type 7 straight from the definition, on a fully sorted copy.
double type7_sorted(const std::vector<double>& sorted, double q) {
  const double h = static_cast<double>(sorted.size() - 1) * q;
  const double lo = std::floor(h);
  const auto k = static_cast<std::size_t>(lo);
  return h > lo ? std::lerp(sorted[k], sorted[k + 1], h - lo) : sorted[k];
}

/// The documented CVaR by brute force: sort descending, weight 1 per value until the tail mass
/// t = n - level n is used up, the last one fractionally.
double cvar_sorted(std::vector<double> v, double level) {
  std::sort(v.begin(), v.end(), std::greater<>());
  const double n = static_cast<double>(v.size());
  const double t = n - level * n;
  if (t < 1.0) return v.front();
  long double sum = 0.0L, remaining = t;
  for (double x : v) {
    const long double w = std::min(1.0L, remaining);
    sum += w * x;
    remaining -= w;
    if (remaining <= 0) break;
  }
  return static_cast<double>(sum / t);
}

std::vector<double> make_data(std::size_t n, int kind, std::mt19937_64& rng) {
  std::vector<double> v(n);
  std::normal_distribution<double> normal(100.0, 30.0);
  std::uniform_int_distribution<int> small(0, 4);
  for (std::size_t i = 0; i < n; ++i) {
    switch (kind) {
      case 0: v[i] = normal(rng); break;
      case 1: v[i] = small(rng); break;  // heavy ties
      case 2: v[i] = 3.5; break;         // constant
      case 3: v[i] = static_cast<double>(i); break;
      default: v[i] = -static_cast<double>(i); break;
    }
  }
  return v;
}

// 65537: above the bucketed-selection threshold of select_ranks.
const std::vector<std::size_t> kSizes = {1, 2, 3, 4, 5, 7, 10, 19, 20, 21, 31, 100, 101, 1001, 4096, 10007, 65537};

}  // namespace

TEST_CASE("exact_quantiles equals type 7 on the sorted sample, bit for bit") {
  std::mt19937_64 rng(20240601);
  // The report's levels plus the ends and levels whose h has awkward fractions.
  std::vector<double> levels = {0.0, 0.001, 1.0 / 3.0};
  levels.insert(levels.end(), tcosim::kQuantileLevels.begin(), tcosim::kQuantileLevels.end());
  levels.insert(levels.end(), {0.995, 0.999999, 1.0});
  std::sort(levels.begin(), levels.end());
  for (std::size_t n : kSizes) {
    for (int kind = 0; kind < 5; ++kind) {
      const std::vector<double> data = make_data(n, kind, rng);
      std::vector<double> sorted = data;
      std::sort(sorted.begin(), sorted.end());
      std::vector<double> work = data, out(levels.size());
      exact_quantiles(work, levels, out);
      for (std::size_t i = 0; i < levels.size(); ++i) {
        INFO("n " << n << " kind " << kind << " q " << levels[i]);
        CHECK(out[i] == type7_sorted(sorted, levels[i]));
      }
      std::sort(work.begin(), work.end());
      CHECK(work == sorted);  // reordered, never altered
    }
  }
}

TEST_CASE("exact_quantiles matches NumPy's default on small hand cases") {
  std::vector<double> v = {4, 1, 3, 2};
  const std::vector<double> levels = {0.0, 0.25, 0.5, 0.9, 1.0};
  std::vector<double> out(levels.size());
  exact_quantiles(v, levels, out);
  // numpy.percentile([1, 2, 3, 4], [0, 25, 50, 90, 100])
  CHECK(out[0] == 1.0);
  CHECK(out[1] == 1.75);
  CHECK(out[2] == 2.5);
  CHECK(out[3] == Approx(3.7).epsilon(1e-15));
  CHECK(out[4] == 4.0);

  std::vector<double> ten(10);
  std::iota(ten.begin(), ten.end(), 1.0);
  std::reverse(ten.begin(), ten.end());
  const std::vector<double> q = {0.25};
  std::vector<double> o(1);
  exact_quantiles(ten, q, o);
  CHECK(o[0] == 3.25);  // numpy.percentile(range(1, 11), 25)
}

TEST_CASE("exact_quantiles handles repeated, out-of-order and empty requests") {
  std::mt19937_64 rng(7);
  const std::vector<double> data = make_data(1001, 0, rng);
  std::vector<double> sorted = data;
  std::sort(sorted.begin(), sorted.end());
  const std::vector<double> levels = {0.5, 0.5, 0.9, 0.1, 0.0, 1.0, 0.25};
  std::vector<double> work = data, out(levels.size());
  exact_quantiles(work, levels, out);
  for (std::size_t i = 0; i < levels.size(); ++i) CHECK(out[i] == type7_sorted(sorted, levels[i]));

  std::vector<double> empty;
  std::vector<double> o(tcosim::kQuantileLevels.size());
  exact_quantiles(empty, tcosim::kQuantileLevels, o);
  for (double x : o) CHECK(std::isnan(x));
  CHECK(std::isnan(exact_upper_cvar(empty, 0.95)));

  std::vector<double> short_out(1);
  CHECK_THROWS_AS(exact_quantiles(work, levels, short_out), std::invalid_argument);
}

TEST_CASE("exact_upper_cvar on hand-computed cases") {
  std::vector<double> hundred(100);
  std::iota(hundred.begin(), hundred.end(), 1.0);
  std::shuffle(hundred.begin(), hundred.end(), std::mt19937_64(3));
  std::vector<double> v = hundred;
  CHECK(exact_upper_cvar(v, 0.95) == 98.0);  // mean of 96..100
  v = hundred;
  CHECK(exact_upper_cvar(v, 0.0) == 50.5);  // the whole sample
  v = hundred;
  CHECK(exact_upper_cvar(v, 1.0) == 100.0);  // no tail mass: the maximum

  std::vector<double> ten(10);
  std::iota(ten.begin(), ten.end(), 1.0);
  std::shuffle(ten.begin(), ten.end(), std::mt19937_64(4));
  CHECK(exact_upper_cvar(ten, 0.95) == 10.0);  // t = 0.5 < 1: the maximum

  std::vector<double> thirty(30);
  std::iota(thirty.begin(), thirty.end(), 1.0);
  std::shuffle(thirty.begin(), thirty.end(), std::mt19937_64(5));
  // t = 1.5: (30 + 0.5 * 29) / 1.5
  CHECK(exact_upper_cvar(thirty, 0.95) == Approx(44.5 / 1.5).epsilon(1e-15));

  std::vector<double> one = {-2.5};
  CHECK(exact_upper_cvar(one, 0.95) == -2.5);
}

TEST_CASE("exact_upper_cvar agrees with a sort-based reference") {
  std::mt19937_64 rng(99);
  const std::vector<double> levels = {0.0, 0.5, 0.9, tcosim::kCvarLevel, 0.99, 0.999, 1.0};
  for (std::size_t n : kSizes) {
    for (int kind = 0; kind < 5; ++kind) {
      const std::vector<double> data = make_data(n, kind, rng);
      for (double level : levels) {
        std::vector<double> work = data;
        const double got = exact_upper_cvar(work, level);
        const double want = cvar_sorted(data, level);
        INFO("n " << n << " kind " << kind << " level " << level);
        // Only summation order differs (compensated vs long double): a few ulps of the values.
        const double scale = std::max(std::abs(want), 1.0);
        CHECK(std::abs(got - want) <= 1e-13 * scale);
      }
    }
  }
}
