#include "report/summary_json.hpp"

#include <string>
#include <utility>
#include <vector>

#include "report/decision_json.hpp"
#include "sim/quantile_levels.hpp"
#include "util/version.hpp"

namespace tcosim {

nlohmann::ordered_json metric_json(const MetricSummary& m) {
  nlohmann::ordered_json q, ci;
  for (std::size_t i = 0; i < kQuantileLevels.size(); ++i) {
    q[std::string(kQuantileNames[i])] = m.quantiles[i];
    ci[std::string(kQuantileNames[i])] = {m.quantile_ci95[i][0], m.quantile_ci95[i][1]};
  }
  return {{"mean", m.mean}, {"sd", m.sd},         {"stderr", m.stderr_mean},   {"min", m.min},
          {"max", m.max},   {"cvar95", m.cvar95}, {"quantiles", std::move(q)}, {"quantile_ci95", std::move(ci)}};
}

namespace {

/// Drivers of one output, strongest first, as MODEL.md-style records.
nlohmann::ordered_json sensitivity_json(const Scenario& s, const std::vector<SensitivityEntry>& entries) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const SensitivityEntry& e : entries)
    list.push_back({{"input", s.inputs[e.input].path}, {"spearman", e.spearman}, {"contribution", e.contribution}});
  return list;
}

/// MODEL.md 7.5: per month end, the percentiles of cumulative cash, one array per level.
nlohmann::ordered_json cash_curve_json(const CashCurve& c) {
  return {{"month_end", c.month_end}, {"p5", c.p5}, {"p25", c.p25}, {"p50", c.p50}, {"p75", c.p75}, {"p95", c.p95}};
}

/// The run-level keys before "options". Format-2 keys are only written for format-2 files, so a
/// format-1 summary.json stays byte-identical to what format-1 tcosim always wrote.
void write_header(nlohmann::ordered_json& j, const Scenario& s, const SimulationResult& r) {
  j["tcosim_version"] = std::string(kVersion);
  if (s.format >= 2) j["format"] = s.format;
  j["scenario"] = s.name;
  j["scenario_sha256"] = s.sha256;
  j["seed"] = r.seed;
  j["trials"] = r.trials;
  j["sampling"] = to_string(r.sampling);
  j["stopped_reason"] = to_string(r.stopped_reason);
  if (r.target_precision) j["target_precision"] = *r.target_precision;
  j["quantile_method"] = to_string(r.quantile_method);
  if (r.quantile_method == QuantileMethod::Sketch) j["quantile_relative_error"] = r.sketch_accuracy;
  if (s.format >= 2) {
    // The cash curve's percentiles come from the same method as the metrics' (sim/), so its
    // error bound is the sketch's relative accuracy; stated here as MODEL.md 7.5 asks.
    j["cash_curve_method"] = to_string(r.quantile_method);
    if (r.quantile_method == QuantileMethod::Sketch) j["cash_curve_relative_accuracy"] = r.sketch_accuracy;
  }
  j["currency"] = s.currency;
  j["horizon_months"] = s.horizon_months;
  if (s.format >= 2) {
    j["discount_rate"] = s.discount_rate;
    if (s.runway) j["runway"] = *s.runway;
  }
  if (s.targets.budget || s.targets.deadline_months) {
    nlohmann::ordered_json t = nlohmann::ordered_json::object();
    if (s.targets.budget) t["budget"] = *s.targets.budget;
    if (s.targets.deadline_months) t["deadline_months"] = *s.targets.deadline_months;
    j["targets"] = std::move(t);
  }
  j["sensitivity_trials"] = r.sensitivity_trials;
}

nlohmann::ordered_json option_json(const Scenario& s, std::size_t o, const OptionResult& res) {
  nlohmann::ordered_json opt;
  opt["model"] = std::string(to_string(s.options[o].model));
  opt["p_best_cost"] = res.p_best_cost;
  opt["p_fastest"] = res.p_fastest;
  opt["mean_regret"] = res.mean_regret;
  opt["p_never_on_sale"] = res.p_never_on_sale;
  if (res.p_over_budget) opt["p_over_budget"] = *res.p_over_budget;
  if (res.p_late) opt["p_late"] = *res.p_late;
  if (s.format >= 2) {
    opt["p_no_payback"] = res.p_no_payback;
    if (s.runway && res.p_cash_short) opt["p_cash_short"] = *res.p_cash_short;
  }
  nlohmann::ordered_json metrics;
  for (std::size_t m = 0; m < s.metric_count(); ++m)
    metrics[std::string(kMetricNames[m])] = metric_json(res.metrics[m]);
  opt["metrics"] = std::move(metrics);
  if (s.format >= 2) opt["cash_curve"] = cash_curve_json(res.cash_curve);
  // The cost sensitivity is on the decision metric (npv_cost in format 2): named after it.
  opt["sensitivity"] = {{std::string(to_string(s.decision_metric())), sensitivity_json(s, res.sensitivity_total_cost)},
                        {"ttm_months", sensitivity_json(s, res.sensitivity_ttm)}};
  return opt;
}

}  // namespace

nlohmann::ordered_json summary_json(const Scenario& s, const SimulationResult& r) {
  nlohmann::ordered_json j;
  write_header(j, s, r);
  nlohmann::ordered_json options = nlohmann::ordered_json::object();
  for (std::size_t o = 0; o < s.options.size(); ++o) options[s.options[o].name] = option_json(s, o, r.options[o]);
  j["options"] = std::move(options);
  add_decision_json(j, s, r);
  j["elapsed_s"] = r.elapsed_s;
  j["trials_per_s"] = r.elapsed_s > 0 ? static_cast<double>(r.trials) / r.elapsed_s : 0.0;
  return j;
}

}  // namespace tcosim
