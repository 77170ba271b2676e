#pragma once
// A scenario and a result with chosen numbers, for report tests that check exact text
// without running a simulation: every statistic of option o, metric m is derived from
// 100 (o + 1) + m, so a test can say which value belongs in which cell.
#include <string>

#include "models/scenario.hpp"
#include "models/simulation_result.hpp"

namespace tcosim::test {

/// Metric (o, m)'s statistics: mean 100 (o + 1) + m + 0.5, sd 2, stderr 0.125, range and
/// cvar95 around the mean, quantile i at mean + i - 4 with its interval at +-0.25.
inline void fill_metric(MetricSummary& x, std::size_t o, std::size_t m) {
  x.mean = 100.0 * static_cast<double>(o + 1) + static_cast<double>(m) + 0.5;
  x.sd = 2;
  x.stderr_mean = 0.125;
  x.min = x.mean - 10;
  x.max = x.mean + 10;
  x.cvar95 = x.mean + 5;
  for (std::size_t i = 0; i < x.quantiles.size(); ++i) {
    x.quantiles[i] = x.mean + static_cast<double>(i) - 4;
    x.quantile_ci95[i] = {x.quantiles[i] - 0.25, x.quantiles[i] + 0.25};
  }
}

/// A scenario and a result of it, made by hand.
struct HandMadeRun {
  Scenario scenario;
  SimulationResult result;
};

/// Two options (`oem`, `odm`) over two inputs, 1000 trials, seed 7, exact quantiles, no
/// targets and no samples. Metric (o, m) has mean 100 (o + 1) + m + 0.5, quantile i at
/// mean + i - 4, each quantile's interval at +-0.25 around it.
inline HandMadeRun hand_made_run() {
  HandMadeRun run;
  Scenario& s = run.scenario;
  s.source = "hand.yaml";
  s.sha256 = std::string(64, 'a');
  s.name = "hand";
  s.currency = "EUR";
  s.horizon_months = 24;
  s.inputs = {InputSpec{"market.demand_units", 1, Distribution::uniform(1000, 2000)},
              InputSpec{"oem.unit_cost", 2, Distribution::uniform(5, 6)}};
  s.options.resize(2);
  s.options[0].name = "oem";
  s.options[0].model = ManufacturingModel::Oem;
  s.options[1].name = "odm";
  s.options[1].model = ManufacturingModel::Odm;

  SimulationResult& r = run.result;
  r.trials = 1000;
  r.seed = 7;
  r.sensitivity_trials = 1000;
  r.options.resize(2);
  for (std::size_t o = 0; o < 2; ++o) {
    for (std::size_t m = 0; m < kFormat1MetricCount; ++m) fill_metric(r.options[o].metrics[m], o, m);
  }
  r.options[0].p_best_cost = 0.75;
  r.options[1].p_best_cost = 0.25;
  r.options[0].p_fastest = 0.375;
  r.options[1].p_fastest = 0.625;
  r.options[0].mean_regret = 12.5;
  r.options[1].mean_regret = 50;
  r.options[1].p_never_on_sale = 0.0005;
  r.options[0].sensitivity_total_cost = {SensitivityEntry{1, 0.87, 0.75}, SensitivityEntry{0, -0.5, 0.25}};
  return run;
}

}  // namespace tcosim::test
