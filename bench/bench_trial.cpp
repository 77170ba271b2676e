// One trial of the default scenario (draw every input, evaluate every option), and the whole
// run (statistics included) in trials/s at 1 and 2 threads.
#include <benchmark/benchmark.h>
#include <tbb/global_control.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "models/scenario_parser.hpp"
#include "models/simulation.hpp"
#include "models/trial.hpp"

namespace {

const tcosim::Scenario& default_scenario() {
  static const tcosim::Scenario s = [] {
    std::ifstream in(std::string(TCOSIM_SOURCE_DIR) + "/scenarios/default.yaml");
    std::stringstream ss;
    ss << in.rdbuf();
    auto r = tcosim::parse_scenario_text(ss.str(), "scenarios/default.yaml");
    if (!r.scenario) throw std::runtime_error("default scenario does not parse");
    return *r.scenario;
  }();
  return s;
}

void BM_SampleInputs(benchmark::State& state) {
  const auto& s = default_scenario();
  std::vector<double> x(s.inputs.size());
  std::uint64_t trial = 0;
  for (auto _ : state) {
    tcosim::sample_inputs(s, 1, trial++, x);
    benchmark::DoNotOptimize(x.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.counters["inputs"] = static_cast<double>(s.inputs.size());
}
BENCHMARK(BM_SampleInputs);

void BM_OneTrial(benchmark::State& state) {
  const auto& s = default_scenario();
  std::vector<double> x(s.inputs.size());
  std::vector<tcosim::OptionOutcome> out(s.options.size());
  std::uint64_t trial = 0;
  for (auto _ : state) {
    tcosim::sample_inputs(s, 1, trial++, x);
    for (std::size_t o = 0; o < s.options.size(); ++o) out[o] = tcosim::evaluate_option(s, s.options[o], x);
    benchmark::DoNotOptimize(tcosim::decide(out));
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_OneTrial);

void BM_EndToEnd(benchmark::State& state) {
  const auto& s = default_scenario();
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(state.range(0)));
  tcosim::RunConfig cfg;
  cfg.trials = static_cast<std::uint64_t>(state.range(1));
  for (auto _ : state) benchmark::DoNotOptimize(tcosim::simulate(s, cfg));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * cfg.trials));
  state.counters["threads"] = static_cast<double>(state.range(0));
}
BENCHMARK(BM_EndToEnd)
    ->ArgNames({"threads", "trials"})
    ->Args({1, 1 << 20})
    ->Args({2, 1 << 20})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->MinTime(2.0);

}  // namespace
