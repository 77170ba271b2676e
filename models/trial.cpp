#include "models/trial.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include "models/monthly_model.hpp"
#include "sim/vector_clones.hpp"

namespace tcosim {

void sample_inputs(const Scenario& s, std::uint64_t seed, std::uint64_t trial, std::span<double> x, Sampling sampling) {
  TrialSampler(s, seed, sampling).sample(trial, x);
}

namespace {

/// Trials evaluated together: the tile's scratch (about 14 columns) stays in L1.
constexpr std::size_t kTile = 128;

/// MODEL.md section 3 for trials [t0, t0 + n) of a column batch, n <= kTile. Written as loops
/// over trials with no branch and no call inside, which the compiler vectorises; every value is
/// the same expression, in the same order, as a trial-at-a-time evaluation, so the results do
/// not depend on how trials are batched (a single trial is a batch of one).
TCOSIM_VECTOR_CLONES void evaluate_tile(const Scenario& s, const OptionSpec& o, const double* cols, std::size_t stride,
                                        std::size_t t0, std::size_t n, double* out, std::size_t out_stride) noexcept {
  const auto in = [cols, stride, t0](Slot k) { return cols + k * stride + t0; };
  const double H = s.horizon_months;
  const double salvage = s.salvage_fraction;
  const double carrying = s.carrying_rate;
  alignas(64) double delay[kTile], risk[kTile], rate[kTile], y[kFormat1MetricCount][kTile];

  for (std::size_t i = 0; i < n; ++i) delay[i] = 0.0, risk[i] = 0.0;
  for (const EventSlots& e : o.delays) {
    const double *occurs = in(e.occurs), *amount = in(e.amount);
    for (std::size_t i = 0; i < n; ++i) delay[i] += occurs[i] * amount[i];
  }
  for (const EventSlots& e : o.risks) {
    const double *occurs = in(e.occurs), *amount = in(e.amount);
    for (std::size_t i = 0; i < n; ++i) risk[i] += occurs[i] * amount[i];
  }

  const double *demand = in(s.demand_units), *margin = in(s.unit_margin);
  const double *dev = in(o.development_months), *prod = in(o.production_months);
  const double *unit = in(o.unit_cost), *duty = in(o.duty_rate), *freight = in(o.freight_per_unit);
  const double *moq = in(o.moq), *design = in(o.design_cost), *tooling = in(o.tooling_cost);
  const double* defect = in(o.defect_rate);
  for (std::size_t i = 0; i < n; ++i) {
    const double D = demand[i];
    const double m = margin[i];
    const double r = D / H;
    const double ttm = dev[i] + prod[i] + delay[i];
    const double S = std::max(0.0, H - ttm);
    const double U = r * S;
    const double lc = unit[i] * (1.0 + duty[i]) + freight[i];
    const double q_moq = std::ceil(moq[i]);
    const double Q = std::max(U, q_moq);
    const double upfront = design[i] + tooling[i];
    const double purchase = Q * lc - salvage * (Q - U) * lc;
    const double carry = carrying * lc * (q_moq / 2.0) * (S / 12.0);
    const double quality = defect[i] * U * lc;
    const double delay_cost = m * (D - U);
    rate[i] = r;
    y[kTtmMonths][i] = ttm;
    y[kUnitsSold][i] = U;
    y[kUpfront][i] = upfront;
    y[kPurchase][i] = purchase;
    y[kCarrying][i] = carry;
    y[kQuality][i] = quality;
    y[kDelayCost][i] = delay_cost;
    y[kRiskCost][i] = risk[i];
  }
  if (o.has_ip_leak) {
    const double *leak_time = in(o.ip_leak.time), *loss = in(o.ip_leak.margin_loss);
    const double* response = in(o.ip_leak.response_cost);
    for (std::size_t i = 0; i < n; ++i) {
      // Margin is lost only on units sold after both the leak and the launch. Computed for
      // every trial and kept where the leak comes before the horizon (T = +inf gives a finite
      // value that is dropped), so the loop has no branch.
      const double T = leak_time[i];
      const double lost =
          response[i] + loss[i] * margin[i] * rate[i] * std::max(0.0, H - std::max(T, y[kTtmMonths][i]));
      y[kIpLoss][i] = T < H ? lost : 0.0;
    }
  } else {
    for (std::size_t i = 0; i < n; ++i) y[kIpLoss][i] = 0.0;
  }
  for (std::size_t i = 0; i < n; ++i) {
    y[kTotalCost][i] = y[kUpfront][i] + y[kPurchase][i] + y[kCarrying][i] + y[kQuality][i] + y[kDelayCost][i] +
                       y[kIpLoss][i] + y[kRiskCost][i];
  }
  for (std::size_t m = 0; m < kFormat1MetricCount; ++m)
    std::memcpy(out + m * out_stride + t0, y[m], n * sizeof(double));
}

}  // namespace

void evaluate_option_columns(const Scenario& s, const OptionSpec& o, const double* cols, std::size_t stride,
                             std::size_t n, double* out, std::size_t out_stride) noexcept {
  for (std::size_t t0 = 0; t0 < n; t0 += kTile) {
    evaluate_tile(s, o, cols, stride, t0, std::min(kTile, n - t0), out, out_stride);
  }
}

OptionOutcome evaluate_option(const Scenario& s, const OptionSpec& o, std::span<const double> x) {
  std::vector<double> out(s.series_per_option());
  evaluate_option_columns(s, o, x.data(), 1, 1, out.data(), 1);
  if (s.format >= 2) {
    MonthScratch scratch(s);
    evaluate_months_columns(s, o, x.data(), 1, 1, out.data(), 1, scratch);
  }
  OptionOutcome outcome{};
  std::copy(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(s.metric_count()), outcome.begin());
  return outcome;
}

}  // namespace tcosim
