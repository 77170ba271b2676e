// summary.json (report/summary_json.hpp): key order and values, from a result made by hand.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "report/summary_json.hpp"
#include "support/cash_result_fixtures.hpp"
#include "support/result_fixtures.hpp"
#include "util/version.hpp"

namespace tcosim {

namespace {

std::vector<std::string> keys(const nlohmann::ordered_json& j) {
  std::vector<std::string> out;
  for (const auto& [key, value] : j.items()) out.push_back(key);
  return out;
}

}  // namespace

TEST_CASE("summary.json lists its keys in the order of MODEL.md section 5") {
  auto run = test::hand_made_run();
  run.result.elapsed_s = 2;
  const auto j = summary_json(run.scenario, run.result);
  CHECK(keys(j) == std::vector<std::string>{"tcosim_version", "scenario", "scenario_sha256", "seed", "trials",
                                            "sampling", "stopped_reason", "quantile_method", "currency",
                                            "horizon_months", "sensitivity_trials", "options", "elapsed_s",
                                            "trials_per_s"});
  CHECK(j["tcosim_version"] == std::string(kVersion));
  CHECK(j["scenario"] == "hand");
  CHECK(j["seed"] == 7);
  CHECK(j["sampling"] == "random");
  CHECK(j["stopped_reason"] == "trials");
  CHECK(j["quantile_method"] == "exact");
  CHECK(j["trials_per_s"] == 500.0);
  CHECK(keys(j["options"]) == std::vector<std::string>{"oem", "odm"});
  CHECK(keys(j["options"]["oem"]) == std::vector<std::string>{"model", "p_best_cost", "p_fastest", "mean_regret",
                                                              "p_never_on_sale", "metrics", "sensitivity"});
}

TEST_CASE("summary.json carries every metric's statistics and the drivers by input path") {
  const auto run = test::hand_made_run();
  const auto j = summary_json(run.scenario, run.result);
  const auto& oem = j["options"]["oem"];
  CHECK(oem["model"] == "oem");
  CHECK(oem["p_best_cost"] == 0.75);
  const auto& total = oem["metrics"]["total_cost"];
  CHECK(keys(total) ==
        std::vector<std::string>{"mean", "sd", "stderr", "min", "max", "cvar95", "quantiles", "quantile_ci95"});
  CHECK(total["quantiles"]["p50"] == 100.5);
  CHECK(total["quantile_ci95"]["p50"] == nlohmann::ordered_json{100.25, 100.75});
  CHECK(j["options"]["odm"]["metrics"]["units_sold"]["mean"] == 209.5);
  CHECK(oem["sensitivity"]["total_cost"][0] ==
        nlohmann::ordered_json{{"input", "oem.unit_cost"}, {"spearman", 0.87}, {"contribution", 0.75}});
  CHECK(oem["sensitivity"]["ttm_months"].empty());
}

TEST_CASE("optional keys appear when the run or the scenario has them") {
  auto run = test::hand_made_run();
  run.result.quantile_method = QuantileMethod::Sketch;
  run.result.sketch_accuracy = 0.001;
  run.result.target_precision = 0.01;
  run.result.stopped_reason = StopReason::Precision;
  run.scenario.targets.budget = 1e6;
  run.result.options[0].p_over_budget = 0.25;
  const auto j = summary_json(run.scenario, run.result);
  CHECK(j["quantile_method"] == "ddsketch");
  CHECK(j["quantile_relative_error"] == 0.001);
  CHECK(j["target_precision"] == 0.01);
  CHECK(j["stopped_reason"] == "precision");
  CHECK(j["targets"] == nlohmann::ordered_json{{"budget", 1e6}});
  CHECK(j["options"]["oem"]["p_over_budget"] == 0.25);
  CHECK_FALSE(j["options"]["oem"].contains("p_late"));
  CHECK(j["trials_per_s"] == 0.0);
}

TEST_CASE("a format-1 summary.json has none of the format-2 keys") {
  const auto run = test::hand_made_run();
  const auto j = summary_json(run.scenario, run.result);
  for (const char* key : {"format", "discount_rate", "runway", "cash_curve_method", "cash_curve_relative_accuracy"})
    CHECK_FALSE(j.contains(key));
  for (const auto& [name, opt] : j["options"].items()) {
    for (const char* key : {"p_no_payback", "p_cash_short", "cash_curve"}) CHECK_FALSE(opt.contains(key));
    CHECK(opt["metrics"].size() == kFormat1MetricCount);
    CHECK(keys(opt["sensitivity"]) == std::vector<std::string>{"total_cost", "ttm_months"});
  }
}

TEST_CASE("a format-2 summary.json adds the format, the finance keys, the cash metrics and the cash curve") {
  auto run = test::hand_made_cash_run();
  run.result.elapsed_s = 2;
  const auto j = summary_json(run.scenario, run.result);
  CHECK(keys(j) == std::vector<std::string>{"tcosim_version", "format", "scenario", "scenario_sha256", "seed", "trials",
                                            "sampling", "stopped_reason", "quantile_method", "cash_curve_method",
                                            "currency", "horizon_months", "discount_rate", "runway",
                                            "sensitivity_trials", "options", "elapsed_s", "trials_per_s"});
  CHECK(j["format"] == 2);
  CHECK(j["discount_rate"] == 0.1);
  CHECK(j["runway"] == 250.0);
  CHECK(j["cash_curve_method"] == "exact");
  const auto& odm = j["options"]["odm"];
  CHECK(keys(odm) == std::vector<std::string>{"model", "p_best_cost", "p_fastest", "mean_regret", "p_never_on_sale",
                                              "p_no_payback", "p_cash_short", "metrics", "cash_curve", "sensitivity"});
  CHECK(odm["p_no_payback"] == 0.25);
  CHECK(odm["p_cash_short"] == 0.125);
  CHECK(odm["metrics"].size() == kMetricCount);
  // Metric (o, m) has mean 100 (o + 1) + m + 0.5 and P50 = mean.
  CHECK(odm["metrics"]["npv_cost"]["mean"] == 210.5);
  CHECK(odm["metrics"]["peak_cash"]["quantiles"]["p50"] == 211.5);
  CHECK(odm["metrics"]["payback_months"]["quantiles"]["p95"] == 215.5);
  CHECK(odm["metrics"]["units_bought"]["cvar95"] == 218.5);
  const auto& curve = odm["cash_curve"];
  CHECK(keys(curve) == std::vector<std::string>{"month_end", "p5", "p25", "p50", "p75", "p95"});
  for (const auto& [level, values] : curve.items()) CHECK(values.size() == test::kCashMonths);
  CHECK(curve["month_end"][0] == 1.0);
  CHECK(curve["month_end"][23] == 24.0);
  CHECK(curve["p50"][3] == -140.0);
  CHECK(curve["p5"][3] == -170.0);
  CHECK(curve["p75"][3] == -130.0);
  // The cost sensitivity is on npv_cost in format 2, and named so.
  CHECK(keys(j["options"]["oem"]["sensitivity"]) == std::vector<std::string>{"npv_cost", "ttm_months"});
  CHECK(j["options"]["oem"]["sensitivity"]["npv_cost"][0]["input"] == "oem.unit_cost");
}

TEST_CASE("a format-2 summary.json states the sketch's bound on the cash curve and leaves out an unset runway") {
  auto run = test::hand_made_cash_run(false);
  run.result.quantile_method = QuantileMethod::Sketch;
  run.result.sketch_accuracy = 0.005;
  const auto j = summary_json(run.scenario, run.result);
  CHECK(j["cash_curve_method"] == "ddsketch");
  CHECK(j["cash_curve_relative_accuracy"] == 0.005);
  CHECK_FALSE(j.contains("runway"));
  CHECK_FALSE(j["options"]["oem"].contains("p_cash_short"));
  CHECK(j["options"]["oem"]["p_no_payback"] == 0.125);
}

}  // namespace tcosim
