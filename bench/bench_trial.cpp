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
#include "models/trial_sampler.hpp"

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

// Drawing one trial's inputs with one sampler reused across trials in order, as each runner
// thread does: the default scenario as shipped (random sampling, with its correlations), the
// same without its correlations (the plain path of every uncorrelated random run), and with
// Latin hypercube sampling.
void sample_inputs_bench(benchmark::State& state, tcosim::Scenario s, tcosim::Sampling sampling) {
  tcosim::TrialSampler sampler(s, 1, sampling);
  std::vector<double> x(s.inputs.size());
  std::uint64_t trial = 0;
  for (auto _ : state) {
    sampler.sample(trial++, x);
    benchmark::DoNotOptimize(x.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.counters["inputs"] = static_cast<double>(s.inputs.size());
  state.counters["correlated"] = static_cast<double>(s.correlation.slots.size());
}

tcosim::Scenario without_correlations() {
  tcosim::Scenario s = default_scenario();
  s.correlation = {};
  return s;
}

void BM_SampleInputs(benchmark::State& state) {
  sample_inputs_bench(state, default_scenario(), tcosim::Sampling::Random);
}
BENCHMARK(BM_SampleInputs);
BENCHMARK_CAPTURE(sample_inputs_bench, SampleInputsIndependent, without_correlations(), tcosim::Sampling::Random);
BENCHMARK_CAPTURE(sample_inputs_bench, SampleInputsLhs, default_scenario(), tcosim::Sampling::Lhs);

void BM_OneTrial(benchmark::State& state) {
  const auto& s = default_scenario();
  tcosim::TrialSampler sampler(s, 1, tcosim::Sampling::Random);
  std::vector<double> x(s.inputs.size());
  std::vector<tcosim::OptionOutcome> out(s.options.size());
  std::uint64_t trial = 0;
  for (auto _ : state) {
    sampler.sample(trial++, x);
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
