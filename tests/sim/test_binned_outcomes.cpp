#include <algorithm>
#include <array>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <limits>
#include <numbers>
#include <vector>

#include "sim/binned_outcomes.hpp"
#include "sim/distribution.hpp"
#include "sim/philox_batch.hpp"
#include "support/printable.hpp"

using namespace tcosim;

namespace {

double phi(double z) { return std::exp(-0.5 * z * z) / std::sqrt(2.0 * std::numbers::pi); }

/// Two options, A and B: cost_A - cost_B = mu + sigma X, and both carry 3 Y. X and Y standard
/// normal from their own uniforms (so their bins are exact quantile bins); input 0 is X, 1 is Y.
struct LinearNormal {
  BinnedOutcomes bins{2, 2};
  BinVariances var_x, var_y;  ///< per-bin variances of the difference, from every trial
  double evpi_direct = 0.0;   ///< min mean - mean of the per-trial lowest, on the same trials
};

LinearNormal linear_normal(double mu, double sigma, std::size_t n) {
  LinearNormal out;
  std::vector<double> ux(n), uy(n), rows(n * out.bins.width()), costs(2 * n);
  std::vector<std::uint8_t> bx(n), by(n);
  input_uniforms(11, 0, 1, n, ux.data());
  input_uniforms(11, 0, 2, n, uy.data());
  double sum_a = 0.0, sum_b = 0.0, sum_min = 0.0;
  for (std::size_t t = 0; t < n; ++t) {
    const double x = standard_normal_quantile(ux[t]), y = standard_normal_quantile(uy[t]);
    const std::array<double, 2> c = {10.0 + mu + sigma * x + 3.0 * y, 10.0 + 3.0 * y};
    costs[2 * t] = c[0], costs[2 * t + 1] = c[1];
    bx[t] = value_bin(ux[t]);
    by[t] = value_bin(uy[t]);
    sum_a += c[0], sum_b += c[1], sum_min += std::min(c[0], c[1]);
  }
  out.bins.trial_rows(costs.data(), 2, 1, n, rows.data());
  out.bins.add(0, bx.data(), rows.data(), n);
  out.bins.add(1, by.data(), rows.data(), n);
  out.var_x = BinVariances::of(bx.data(), costs.data(), 2, n, 2);
  out.var_y = BinVariances::of(by.data(), costs.data(), 2, n, 2);
  const double dn = static_cast<double>(n);
  out.evpi_direct = std::min(sum_a, sum_b) / dn - sum_min / dn;
  return out;
}

/// EVPPI of X with 20 equiprobable bins and exact bin means: sum_b p_b max(0, -(mu + sigma
/// E[X | bin b])) for mu >= 0 (B is chosen without information), E[X | b] from the normal's
/// partial moments.
double binned_evppi_exact(double mu, double sigma) {
  double v = 0.0;
  const double p = 1.0 / static_cast<double>(kValueBins);
  for (std::size_t b = 0; b < kValueBins; ++b) {
    const double lo = b == 0 ? 0.0 : phi(standard_normal_quantile(static_cast<double>(b) * p));
    const double hi = b + 1 == kValueBins ? 0.0 : phi(standard_normal_quantile(static_cast<double>(b + 1) * p));
    const double mean_x = (lo - hi) / p;
    v += p * std::max(0.0, -(mu + sigma * mean_x));
  }
  return v;
}

}  // namespace

TEST_CASE("value_bin cuts [0, 1] into 20 equal bins", "[analytics]") {
  CHECK(value_bin(0.0) == 0);
  CHECK(value_bin(0.0499) == 0);
  CHECK(value_bin(0.05) == 1);
  CHECK(value_bin(0.5) == 10);
  CHECK(value_bin(0.9999) == 19);
  CHECK(value_bin(1.0) == 19);
}

TEST_CASE("the closed form sigma phi(mu/sigma) - |mu| Phi(-|mu|/sigma) is E[max(0, -D)], D ~ N(mu, sigma^2)",
          "[analytics]") {
  for (const auto& [mu, sigma] :
       {std::pair{0.5, 1.0}, std::pair{-0.5, 1.0}, std::pair{0.0, 2.0}, std::pair{3.0, 0.7}}) {
    // EVPI of two options whose difference is D: E[max(0, -D)] for mu >= 0; by symmetry |mu|.
    const double m = std::fabs(mu);
    double integral = 0.0;
    const double h = 1e-4;
    for (double z = -12.0; z < 12.0; z += h) {
      const double z1 = z + h, zm = z + h / 2;
      const auto f = [&](double zz) { return std::max(0.0, -(m + sigma * zz)) * phi(zz); };
      integral += h / 6.0 * (f(z) + 4.0 * f(zm) + f(z1));
    }
    INFO("mu " << mu << " sigma " << sigma);
    CHECK(normal_choice_gain(mu, sigma) == Approx(integral).epsilon(1e-7));
  }
  CHECK(normal_choice_gain(1.0, 0.0) == 0.0);
}

TEST_CASE("linear-normal two options: EVPPI of the input equals EVPI, within the stated error", "[analytics]") {
  const double mu = 0.5, sigma = 1.0;
  const LinearNormal r = linear_normal(mu, sigma, 200000);
  const double closed = normal_choice_gain(mu, sigma);
  // 20 bins lose a little of the information (docs/analytics.md): under 1 % here.
  const double binned = binned_evppi_exact(mu, sigma);
  CHECK(binned <= closed);
  CHECK(closed - binned < 0.01 * closed);
  const InformationEstimate x = r.bins.evppi(0, r.var_x);
  INFO(x.to_string() << " closed form " << closed << " binned " << binned);
  CHECK(std::fabs(x.value - binned) <= 4.0 * x.std_error + x.bias);
  CHECK(x.distinguishable());
  // EVPI on the same trials, and its closed form: the input carries all the information.
  CHECK(std::fabs(r.evpi_direct - closed) < 0.02 * closed);
  CHECK(x.value <= r.evpi_direct + 4.0 * x.std_error);
}

TEST_CASE("an input that moves both options equally has EVPPI 0", "[analytics]") {
  SECTION("the options are apart: no bin changes the choice, exactly 0") {
    const LinearNormal r = linear_normal(0.5, 1.0, 200000);
    const InformationEstimate y = r.bins.evppi(1, r.var_y);
    CHECK(y.value == 0.0);
    CHECK_FALSE(y.distinguishable());
  }
  SECTION("the options tie on average: only noise, within the bias and the standard error") {
    const LinearNormal r = linear_normal(0.0, 1.0, 200000);
    const InformationEstimate x = r.bins.evppi(0, r.var_x), y = r.bins.evppi(1, r.var_y);
    INFO(y.to_string() << " against X's " << x.to_string());
    CHECK(y.value - y.bias <= 4.0 * y.std_error);
    CHECK(y.value < 0.02 * x.value);
    CHECK(x.distinguishable());
  }
}

TEST_CASE("bin counts, sums and difference variances are those of the trials in the bin", "[analytics]") {
  BinnedOutcomes b(1, 3);
  REQUIRE(b.width() == 4);
  const std::array<double, 12> costs = {1, 4, 2, 3, 1, 5, 2, 2, 9, 7, 0, 1};
  const std::array<std::uint8_t, 4> bin = {0, 0, 0, 19};
  std::vector<double> rows(4 * b.width());
  b.trial_rows(costs.data(), 3, 1, 4, rows.data());
  b.add(0, bin.data(), rows.data(), 4);
  CHECK(b.count(0, 0) == 3.0);
  CHECK(b.count(0, 19) == 1.0);
  CHECK(b.count(0, 5) == 0.0);
  CHECK(b.sum(0, 0, 2) == 16.0);
  CHECK(b.mean(0, 0, 1) == Approx(7.0 / 3.0));
  CHECK(std::isnan(b.mean(0, 5, 0)));
  const BinVariances v = BinVariances::of(bin.data(), costs.data(), 3, 4, 3);
  // cost_2 - cost_1 over bin 0: -2, 4, 7: mean 3, sample variance 21.
  CHECK(v(0, 2, 1) == Approx(21.0));
  CHECK(v(0, 1, 2) == Approx(21.0));
  // cost_0 - cost_2: -1, -2, -7: mean -10/3, variance ((7/3)^2 + (4/3)^2 + (11/3)^2) / 2 = 31/3.
  CHECK(v(0, 0, 2) == Approx(31.0 / 3.0));
  CHECK(v(19, 0, 1) == 0.0);  // one trial: no variance
  CHECK(BinVariances{}(3, 0, 1) == 0.0);
}

TEST_CASE("merging two halves gives the sums of one accumulation", "[analytics]") {
  const std::size_t n = 4096;
  BinnedOutcomes whole(1, 2), first(1, 2), second(1, 2);
  std::vector<double> u(n), rows(n * whole.width());
  std::vector<std::uint8_t> bins(n);
  input_uniforms(3, 0, 7, n, u.data());
  std::vector<double> costs(2 * n);
  for (std::size_t t = 0; t < n; ++t) {
    costs[t] = u[t] * 10.0, costs[n + t] = 5.0;  // a column per option
    bins[t] = value_bin(u[t]);
  }
  whole.trial_rows(costs.data(), 1, n, n, rows.data());
  whole.add(0, bins.data(), rows.data(), n);
  first.add(0, bins.data(), rows.data(), n / 2);
  second.add(0, bins.data() + n / 2, rows.data() + n / 2 * whole.width(), n / 2);
  first.merge(second);
  for (std::size_t b = 0; b < kValueBins; ++b) {
    CHECK(first.count(0, b) == whole.count(0, b));
    CHECK(first.mean(0, b, 0) == Approx(whole.mean(0, b, 0)).epsilon(1e-12));
  }
  CHECK(first.evppi(0, {}).value == Approx(whole.evppi(0, {}).value).epsilon(1e-9));
  // Option 0 costs 10 u and option 1 costs 5: knowing u picks the cheaper every time.
  CHECK(whole.evppi(0, {}).value == Approx(1.25).epsilon(0.05));
}

TEST_CASE("add_all gives add's sums input by input, through joint bins, for every row width", "[analytics]") {
  // 19 inputs: four blocks of two pairs, a lone pair and an odd input. Whole-number costs make
  // every sum exact whatever the order of the additions, so joint bins folded into each input's
  // bins must give add()'s sums bit for bit; fractional costs agree up to rounding.
  const std::size_t n = 1000, inputs = 19;
  for (bool whole : {true, false})
    for (std::size_t options : {2u, 3u, 4u, 6u}) {
      INFO(options << " options, " << (whole ? "whole-number" : "fractional") << " costs");
      BinnedOutcomes each(inputs, options), all(inputs, options), unpaired(inputs, options);
      std::vector<double> u(n), rows(n * each.width());
      // Rows of `stride` bins per input, the first n of each used (as the kernel lays them out).
      const std::size_t stride = n + 24;
      std::vector<std::uint8_t> bins(inputs * stride, 255);
      std::vector<double> costs(n * options);
      for (std::size_t k = 0; k < inputs; ++k) {
        input_uniforms(11, 0, static_cast<std::uint32_t>(k), n, u.data());
        for (std::size_t t = 0; t < n; ++t) bins[k * stride + t] = value_bin(u[t]);
      }
      input_uniforms(11, 0, 99, n, u.data());
      for (std::size_t t = 0; t < n; ++t) {
        for (std::size_t o = 0; o < options; ++o) {
          const double c = u[t] * 1000.0 * static_cast<double>(o + 1) + 0.1;
          costs[t * options + o] = whole ? std::floor(c) : c;
        }
      }
      each.trial_rows(costs.data(), options, 1, n, rows.data());
      for (std::size_t k = 0; k < inputs; ++k) each.add(k, bins.data() + k * stride, rows.data(), n);
      BinnedOutcomes::Workspace ws = all.workspace(), too_small(3);
      all.add_all(bins.data(), stride, rows.data(), n, ws);
      // The workspace is left zeroed, so a second call (the next chunk) starts clean.
      CHECK(std::all_of(ws.begin(), ws.end(), [](double x) { return x == 0.0; }));
      BinnedOutcomes halves(inputs, options);
      halves.add_all(bins.data(), stride, rows.data(), n / 2, ws);
      halves.add_all(bins.data() + n / 2, stride, rows.data() + n / 2 * each.width(), n - n / 2, ws);
      // A workspace of another shape is not written past: input by input instead.
      unpaired.add_all(bins.data(), stride, rows.data(), n, too_small);
      for (const BinnedOutcomes* b : {&all, &unpaired, &halves}) {
        if (whole) {
          CHECK(std::equal(b->sums().begin(), b->sums().end(), each.sums().begin(), each.sums().end()));
        } else {
          for (std::size_t i = 0; i < each.sums().size(); ++i)
            REQUIRE(b->sums()[i] == Approx(each.sums()[i]).epsilon(1e-13));
        }
        for (std::size_t k = 0; k < inputs; ++k)
          for (std::size_t bin = 0; bin < kValueBins; ++bin) REQUIRE(b->count(k, bin) == each.count(k, bin));
      }
      CHECK(all.count(18, 3) > 0.0);  // the odd input was filled, not left at zero
      CHECK(all.count(17, 3) > 0.0);  // so was the lone pair's second input
      // Replace: a state holding anything (here the sums just made, and NaN) ends with the
      // bits of a reset and an add, through joint bins and input by input alike.
      for (BinnedOutcomes::Workspace* w : {&ws, &too_small}) {
        BinnedOutcomes reused = all, fresh(inputs, options);
        reused.sums()[0] = std::numeric_limits<double>::quiet_NaN();
        reused.reset(inputs, options, false);
        reused.add_all(bins.data(), stride, rows.data(), n, *w, BinnedOutcomes::Write::replace);
        fresh.add_all(bins.data(), stride, rows.data(), n, *w);
        CHECK(std::memcmp(reused.sums().data(), fresh.sums().data(), fresh.sums().size_bytes()) == 0);
      }
    }
}
