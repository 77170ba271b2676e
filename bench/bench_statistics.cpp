// Cost of a run's end-of-run exact statistics for one series: summarize_exact (every
// percentile, its confidence interval, the chart curve and CVaR95) over 10^6 outcomes, the
// size of a 10^6-trial run. The copy of the outcomes into the work array is inside the timing
// and is reported separately by `copy/...` so it can be subtracted.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "sim/metric_summary.hpp"
#include "sim/moments.hpp"

namespace {

std::vector<double> outcomes(std::size_t n) {
  std::mt19937_64 rng(7);
  std::lognormal_distribution<double> d(13.0, 0.4);  // a total cost in dollars
  std::vector<double> v(n);
  for (double& x : v) x = d(rng);
  return v;
}

void copy(benchmark::State& state) {
  const std::vector<double> v = outcomes(static_cast<std::size_t>(state.range(0)));
  std::vector<double> work(v.size());
  for (auto _ : state) {
    std::copy(v.begin(), v.end(), work.begin());
    benchmark::DoNotOptimize(work.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(copy)->Arg(1 << 20);

void summarize_exact(benchmark::State& state) {
  const std::vector<double> v = outcomes(static_cast<std::size_t>(state.range(0)));
  const tcosim::Moments m = tcosim::Moments::of(v.data(), v.size());
  const tcosim::PercentileCiRanks ci = tcosim::percentile_ci_ranks(v.size());
  std::vector<double> work(v.size());
  for (auto _ : state) {
    std::copy(v.begin(), v.end(), work.begin());
    const tcosim::MetricSummary s = tcosim::summarize_exact(m, work, ci);
    benchmark::DoNotOptimize(s.cvar95);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(summarize_exact)->Arg(1 << 20)->Unit(benchmark::kMillisecond);

}  // namespace
