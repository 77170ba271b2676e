// Cost of a run's end-of-run exact statistics for one series: summarize_exact (every
// percentile, its confidence interval, the chart curve and CVaR95) over 10^6 outcomes, the
// size of a 10^6-trial run. The copy of the outcomes into the work array is inside the timing
// and is reported separately by `copy/...` so it can be subtracted. Also the streaming side:
// a chunk's column added to a sketch, for a cost (one sign, a narrow range of buckets) and for
// a paired difference of two costs (either sign at random, a wide range). And a chunk's EVPPI
// bins (BinnedOutcomes::add_all) for the format-1 twin's shape: 70 varying inputs, 3 options.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "sim/binned_outcomes.hpp"
#include "sim/metric_summary.hpp"
#include "sim/moments.hpp"
#include "sim/quantile_sketch.hpp"

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

/// Arg 0: costs; arg 1: differences of two costs (mean 0, either sign).
void sketch_add_column(benchmark::State& state) {
  constexpr std::size_t kColumn = 4096;  // a chunk
  std::vector<double> v = outcomes(64 * kColumn);
  if (state.range(0) == 1)
    for (std::size_t i = 0; i + 1 < v.size(); i += 2) v[i / 2] = v[i] - v[i + 1];
  tcosim::QuantileSketch sketch(1e-3);
  std::size_t at = 0;
  for (auto _ : state) {
    sketch.add(v.data() + at, kColumn);
    at = (at + kColumn) % (32 * kColumn);
  }
  benchmark::DoNotOptimize(sketch.count());
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * kColumn);
}
BENCHMARK(sketch_add_column)->ArgName("difference")->Arg(0)->Arg(1);

/// One chunk of 4,096 trials into the bins of `inputs` inputs (arg), 3 options.
void binned_add_all(benchmark::State& state) {
  constexpr std::size_t kChunk = 4096, kOptions = 3;
  const auto inputs = static_cast<std::size_t>(state.range(0));
  tcosim::BinnedOutcomes bins(inputs, kOptions);
  std::mt19937_64 rng(3);
  std::vector<std::uint8_t> bin(inputs * kChunk);
  for (auto& b : bin) b = static_cast<std::uint8_t>(rng() % tcosim::kValueBins);
  const std::vector<double> costs = outcomes(kChunk * kOptions);
  std::vector<double> rows(kChunk * bins.width());
  bins.trial_rows(costs.data(), kOptions, 1, kChunk, rows.data());
  tcosim::BinnedOutcomes::Workspace ws = bins.workspace();
  for (auto _ : state) {
    bins.add_all(bin.data(), kChunk, rows.data(), kChunk, ws, tcosim::BinnedOutcomes::Write::replace);
    benchmark::DoNotOptimize(bins.sums().data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kChunk * inputs));
}
BENCHMARK(binned_add_all)->ArgName("inputs")->Arg(70);

}  // namespace
