// The result types (models/simulation_result.hpp): defaults and how each prints.
#include <catch2/catch.hpp>

#include "models/simulation_result.hpp"
#include "support/printable.hpp"

using namespace tcosim;

TEST_CASE("quantile methods and stop reasons print as summary.json names them") {
  STATIC_REQUIRE(to_string(QuantileMethod::Exact) == "exact");
  STATIC_REQUIRE(to_string(QuantileMethod::Sketch) == "ddsketch");
  STATIC_REQUIRE(to_string(StopReason::Trials) == "trials");
  STATIC_REQUIRE(to_string(StopReason::Precision) == "precision");
  CHECK(fmt::format("{}", StopReason::Precision) == "precision");
}

TEST_CASE("a fresh result is a single-rank root run with exact quantiles") {
  const SimulationResult r;
  CHECK(r.is_root);
  CHECK(r.ranks == 1);
  CHECK(r.quantile_method == QuantileMethod::Exact);
  CHECK(r.stopped_reason == StopReason::Trials);
  CHECK(r.resumed_trials == 0);
  CHECK_FALSE(r.target_precision.has_value());
}

TEST_CASE("the parts of a result print their identifying fields") {
  CHECK(fmt::format("{}", SensitivityEntry{3, 0.5, 0.25}) ==
        "SensitivityEntry{input=slot 3, spearman=0.5, contribution=0.25}");
  CHECK(fmt::format("{}", SampleTable{10, 5, {}}) == "SampleTable{10 rows x 5}");
  OptionResult o;
  o.metrics[kTotalCost].mean = 100;
  o.metrics[kTotalCost].quantiles[kP50Index] = 90;
  o.metrics[kTotalCost].quantiles[kP95Index] = 180;
  o.metrics[kTtmMonths].mean = 6.5;
  o.p_best_cost = 0.75;
  o.p_fastest = 0.25;
  o.mean_regret = 12;
  CHECK(fmt::format("{}", o) ==
        "OptionResult{total_cost mean=100 p50=90 p95=180, ttm_months mean=6.5, p_best_cost=0.75, p_fastest=0.25, "
        "mean_regret=12}");
}

TEST_CASE("a result prints how the run went") {
  SimulationResult r;
  r.trials = 5000;
  r.seed = 7;
  r.sampling = Sampling::Lhs;
  r.stopped_reason = StopReason::Precision;
  r.quantile_method = QuantileMethod::Sketch;
  r.options.resize(3);
  r.ranks = 4;
  CHECK(fmt::format("{}", r) ==
        "SimulationResult{5000 trials, seed=7, sampling=lhs, stopped by precision, quantiles ddsketch, 3 options, 4 "
        "ranks}");
}
