// One trial of the default scenario (draw every input, evaluate every option), and the whole
// run (statistics included) in trials/s at 1 and 2 threads.
#include <benchmark/benchmark.h>

#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "input/scenario_parser.hpp"
#include "models/chunk_kernel.hpp"
#include "models/trial.hpp"
#include "models/trial_decision.hpp"
#include "models/trial_sampler.hpp"
#include "run/simulate.hpp"
#include "run/stress_pilot.hpp"
#include "run/thread_limit.hpp"

namespace {

tcosim::Scenario scenario_file(const std::string& relative) {
  std::ifstream in(std::string(TCOSIM_SOURCE_DIR) + "/" + relative);
  std::stringstream ss;
  ss << in.rdbuf();
  auto r = tcosim::parse_scenario_text(ss.str(), relative);
  if (!r.scenario) throw std::runtime_error(relative + " does not parse");
  return *r.scenario;
}

/// The shipped default: format 2 (money over time).
const tcosim::Scenario& default_scenario() {
  static const tcosim::Scenario s = scenario_file("scenarios/default.yaml");
  return s;
}

/// The same product as a format-1 file: the cost of the monthly model is the difference.
const tcosim::Scenario& format1_scenario() {
  static const tcosim::Scenario s = scenario_file("scenarios/smart-speaker-format1.yaml");
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

// The sampling floor of the goal 2: one chunk of the default scenario's draws, input by
// input as a run draws them, summed and nothing else; per trial.
void BM_SamplingFloor(benchmark::State& state) {
  const auto& s = default_scenario();
  tcosim::TrialSampler sampler(s, 1, tcosim::Sampling::Random);
  constexpr std::size_t kN = tcosim::kChunkTrials;
  std::vector<double> x(s.inputs.size() * kN);
  std::uint64_t first = 0;
  double sink = 0.0;
  for (auto _ : state) {
    sampler.sample_columns(first, kN, x.data(), kN);
    for (double v : x) sink += v;
    first += kN;
  }
  benchmark::DoNotOptimize(sink);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kN));
}
BENCHMARK(BM_SamplingFloor);

// A full chunk as a run's worker does it: draws, model, moments and counts, the exact-quantile
// store (streaming = 1: the sketches instead); per trial. Everything but the end-of-run statistics.
// analytics = 1: with the decision analytics a run keeps (EVPPI bins, pair counts, the stress
// sketches of the pilot's inputs, pair sketches when streaming); 0: without, to measure their cost.
void chunk_kernel_bench(benchmark::State& state, const tcosim::Scenario& s) {
  const bool streaming = state.range(0) != 0;
  const bool analytics = state.range(1) != 0;
  constexpr std::size_t kN = tcosim::kChunkTrials;
  constexpr std::uint64_t kTrials = 64 * kN;  // the stored series wrap around after this many
  const std::size_t series = s.options.size() * s.series_per_option();
  tcosim::AnalyticsShape shape = tcosim::AnalyticsShape::of(s, streaming);
  shape.stress = tcosim::stress_pilot(s, 1, tcosim::Sampling::Random, shape, tcosim::kStressPilotTrials).stress;
  tcosim::ChunkKernel kernel = analytics ? tcosim::ChunkKernel(s, 1, tcosim::Sampling::Random, streaming, 1e-3, shape)
                                         : tcosim::ChunkKernel(s, 1, tcosim::Sampling::Random, streaming, 1e-3);
  std::vector<std::vector<double>> stored(streaming ? 0 : series, std::vector<double>(kTrials));
  std::vector<double*> columns;
  for (auto& c : stored) columns.push_back(c.data());
  // Exact mode marks each trial's stress deciles, as a run does.
  std::vector<tcosim::StressMark> marks(!streaming && analytics ? kTrials : 0);
  tcosim::ChunkSinks sinks;
  sinks.stored = columns;
  sinks.stress_marks = marks.empty() ? nullptr : marks.data();
  sinks.budget = sinks.deadline = std::numeric_limits<double>::infinity();
  tcosim::ChunkState st;
  std::uint64_t first = 0;
  for (auto _ : state) {
    kernel.run(first, first + kN, sinks, st);
    benchmark::DoNotOptimize(st.metrics.data());
    first = (first + kN) % kTrials;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kN));
}
void BM_ChunkKernel(benchmark::State& state) { chunk_kernel_bench(state, default_scenario()); }
void BM_ChunkKernelFormat1(benchmark::State& state) { chunk_kernel_bench(state, format1_scenario()); }
BENCHMARK(BM_ChunkKernel)->ArgNames({"streaming", "analytics"})->ArgsProduct({{0, 1}, {0, 1}});
BENCHMARK(BM_ChunkKernelFormat1)->ArgNames({"streaming", "analytics"})->ArgsProduct({{0, 1}, {0, 1}});

void BM_EndToEnd(benchmark::State& state) {
  const auto& s = default_scenario();
  const tcosim::ThreadLimit limit(static_cast<unsigned>(state.range(0)));
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
