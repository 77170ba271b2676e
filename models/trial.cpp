#include "models/trial.hpp"

#include <algorithm>
#include <cmath>

namespace tcosim {

void sample_inputs(const Scenario& s, std::uint64_t seed, std::uint64_t trial, std::span<double> x, Sampling sampling) {
  TrialSampler(s, seed, sampling).sample(trial, x);
}

namespace {

/// MODEL.md section 3 for one option; `x(slot)` reads the trial's input. One template for the
/// row (replay) and column (run) layouts, so both compute exactly the same expressions.
template <class X>
OptionOutcome evaluate(const Scenario& s, const OptionSpec& o, const X& x) noexcept {
  const double H = s.horizon_months;
  const double D = x(s.demand_units);
  const double m = x(s.unit_margin);
  const double r = D / H;

  double delay = 0.0;
  for (const EventSlots& e : o.delays) delay += x(e.occurs) * x(e.amount);
  const double ttm = x(o.development_months) + x(o.production_months) + delay;
  const double S = std::max(0.0, H - ttm);
  const double U = r * S;
  const double lc = x(o.unit_cost) * (1.0 + x(o.duty_rate)) + x(o.freight_per_unit);
  const double q_moq = std::ceil(x(o.moq));
  const double Q = std::max(U, q_moq);

  OptionOutcome out;
  out[kTtmMonths] = ttm;
  out[kUnitsSold] = U;
  out[kUpfront] = x(o.design_cost) + x(o.tooling_cost);
  out[kPurchase] = Q * lc - s.salvage_fraction * (Q - U) * lc;
  out[kCarrying] = s.carrying_rate * lc * (q_moq / 2.0) * (S / 12.0);
  out[kQuality] = x(o.defect_rate) * U * lc;
  out[kDelayCost] = m * (D - U);
  out[kIpLoss] = 0.0;
  if (o.has_ip_leak) {
    const double T = x(o.ip_leak.time);
    if (T < H) {
      // Margin is lost only on units sold after both the leak and the launch.
      out[kIpLoss] =
          x(o.ip_leak.response_cost) + x(o.ip_leak.margin_loss) * m * r * std::max(0.0, H - std::max(T, ttm));
    }
  }
  double risk = 0.0;
  for (const EventSlots& e : o.risks) risk += x(e.occurs) * x(e.amount);
  out[kRiskCost] = risk;
  out[kTotalCost] =
      out[kUpfront] + out[kPurchase] + out[kCarrying] + out[kQuality] + out[kDelayCost] + out[kIpLoss] + out[kRiskCost];
  return out;
}

}  // namespace

OptionOutcome evaluate_option(const Scenario& s, const OptionSpec& o, std::span<const double> x) noexcept {
  return evaluate(s, o, [x](Slot k) { return x[k]; });
}

OptionOutcome evaluate_option(const Scenario& s, const OptionSpec& o, const double* cols, std::size_t stride,
                              std::size_t t) noexcept {
  return evaluate(s, o, [cols, stride, t](Slot k) { return cols[k * stride + t]; });
}

TrialDecision decide(std::span<const OptionOutcome> outcomes) noexcept {
  TrialDecision d;
  d.lowest_cost = outcomes[0][kTotalCost];
  double fastest_ttm = outcomes[0][kTtmMonths];
  for (std::size_t i = 1; i < outcomes.size(); ++i) {
    // Strict comparisons keep the first listed option on ties, as MODEL.md asks.
    if (outcomes[i][kTotalCost] < d.lowest_cost) {
      d.lowest_cost = outcomes[i][kTotalCost];
      d.best = i;
    }
    if (outcomes[i][kTtmMonths] < fastest_ttm) {
      fastest_ttm = outcomes[i][kTtmMonths];
      d.fastest = i;
    }
  }
  return d;
}

}  // namespace tcosim
