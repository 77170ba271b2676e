#include "report/summary_json.hpp"

#include <string>
#include <utility>
#include <vector>

#include "sim/quantile_levels.hpp"
#include "util/version.hpp"

namespace tcosim {

namespace {

nlohmann::ordered_json metric_json(const MetricSummary& m) {
  nlohmann::ordered_json q, ci;
  for (std::size_t i = 0; i < kQuantileLevels.size(); ++i) {
    q[std::string(kQuantileNames[i])] = m.quantiles[i];
    ci[std::string(kQuantileNames[i])] = {m.quantile_ci95[i][0], m.quantile_ci95[i][1]};
  }
  return {{"mean", m.mean}, {"sd", m.sd},         {"stderr", m.stderr_mean},   {"min", m.min},
          {"max", m.max},   {"cvar95", m.cvar95}, {"quantiles", std::move(q)}, {"quantile_ci95", std::move(ci)}};
}

/// Drivers of one output, strongest first, as MODEL.md-style records.
nlohmann::ordered_json sensitivity_json(const Scenario& s, const std::vector<SensitivityEntry>& entries) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const SensitivityEntry& e : entries)
    list.push_back({{"input", s.inputs[e.input].path}, {"spearman", e.spearman}, {"contribution", e.contribution}});
  return list;
}

}  // namespace

nlohmann::ordered_json summary_json(const Scenario& s, const SimulationResult& r) {
  nlohmann::ordered_json j;
  j["tcosim_version"] = std::string(kVersion);
  j["scenario"] = s.name;
  j["scenario_sha256"] = s.sha256;
  j["seed"] = r.seed;
  j["trials"] = r.trials;
  j["sampling"] = to_string(r.sampling);
  j["stopped_reason"] = to_string(r.stopped_reason);
  if (r.target_precision) j["target_precision"] = *r.target_precision;
  j["quantile_method"] = to_string(r.quantile_method);
  if (r.quantile_method == QuantileMethod::Sketch) j["quantile_relative_error"] = r.sketch_accuracy;
  j["currency"] = s.currency;
  j["horizon_months"] = s.horizon_months;
  if (s.targets.budget || s.targets.deadline_months) {
    nlohmann::ordered_json t = nlohmann::ordered_json::object();
    if (s.targets.budget) t["budget"] = *s.targets.budget;
    if (s.targets.deadline_months) t["deadline_months"] = *s.targets.deadline_months;
    j["targets"] = std::move(t);
  }
  j["sensitivity_trials"] = r.sensitivity_trials;
  nlohmann::ordered_json options = nlohmann::ordered_json::object();
  for (std::size_t o = 0; o < s.options.size(); ++o) {
    const OptionResult& res = r.options[o];
    nlohmann::ordered_json opt;
    opt["model"] = std::string(to_string(s.options[o].model));
    opt["p_best_cost"] = res.p_best_cost;
    opt["p_fastest"] = res.p_fastest;
    opt["mean_regret"] = res.mean_regret;
    opt["p_never_on_sale"] = res.p_never_on_sale;
    if (res.p_over_budget) opt["p_over_budget"] = *res.p_over_budget;
    if (res.p_late) opt["p_late"] = *res.p_late;
    nlohmann::ordered_json metrics;
    for (std::size_t m = 0; m < s.metric_count(); ++m)
      metrics[std::string(kMetricNames[m])] = metric_json(res.metrics[m]);
    opt["metrics"] = std::move(metrics);
    opt["sensitivity"] = {{"total_cost", sensitivity_json(s, res.sensitivity_total_cost)},
                          {"ttm_months", sensitivity_json(s, res.sensitivity_ttm)}};
    options[s.options[o].name] = std::move(opt);
  }
  j["options"] = std::move(options);
  j["elapsed_s"] = r.elapsed_s;
  j["trials_per_s"] = r.elapsed_s > 0 ? static_cast<double>(r.trials) / r.elapsed_s : 0.0;
  return j;
}

}  // namespace tcosim
