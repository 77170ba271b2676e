#pragma once
// A format-2 (MODEL.md section 7) scenario and result made by hand, for report tests: the
// format-1 hand-made run of result_fixtures.hpp plus the four new metrics, the cash
// probabilities and a cash curve whose every point is known.
#include <cstddef>

#include "support/result_fixtures.hpp"

namespace tcosim::test {

/// Months of the hand-made cash curve: the fixture's horizon of 24 months.
inline constexpr std::size_t kCashMonths = 24;

/// hand_made_run() as format 2: discount rate 0.1, runway 250 (or none), metrics 10-13 filled
/// like the others (mean 100 (o + 1) + m + 0.5). Option o's cash curve at month end k + 1 has
/// P50 = -100 (o + 1) + 20 k, P25/P75 at P50 -+ 10 and P5/P95 at P50 -+ 30; p_no_payback
/// 0.125 (o + 1), p_cash_short 0.0625 (o + 1) when the runway is set.
inline HandMadeRun hand_made_cash_run(bool with_runway = true) {
  HandMadeRun run = hand_made_run();
  Scenario& s = run.scenario;
  s.format = 2;
  s.discount_rate = 0.1;
  if (with_runway) s.runway = 250.0;
  for (std::size_t o = 0; o < 2; ++o) {
    OptionResult& res = run.result.options[o];
    for (std::size_t m = kFormat1MetricCount; m < kMetricCount; ++m) fill_metric(res.metrics[m], o, m);
    res.p_no_payback = 0.125 * static_cast<double>(o + 1);
    if (with_runway) res.p_cash_short = 0.0625 * static_cast<double>(o + 1);
    CashCurve& c = res.cash_curve;
    for (std::size_t k = 0; k < kCashMonths; ++k) {
      const double p50 = -100.0 * static_cast<double>(o + 1) + 20.0 * static_cast<double>(k);
      c.month_end.push_back(static_cast<double>(k + 1));
      c.p5.push_back(p50 - 30);
      c.p25.push_back(p50 - 10);
      c.p50.push_back(p50);
      c.p75.push_back(p50 + 10);
      c.p95.push_back(p50 + 30);
    }
  }
  return run;
}

}  // namespace tcosim::test
