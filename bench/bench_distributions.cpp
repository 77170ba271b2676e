// Cost of one draw per distribution family, stream set-up included (as in a trial).
#include <benchmark/benchmark.h>

#include "sim/distribution.hpp"

namespace {

using tcosim::Distribution;

void draw(benchmark::State& state, const Distribution& d) {
  std::uint64_t trial = 0;
  double sink = 0.0;
  for (auto _ : state) {
    tcosim::PhiloxStream s(1, trial++, 12345u);
    sink += d.sample(s);
  }
  benchmark::DoNotOptimize(sink);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void BM_PhiloxUniform(benchmark::State& state) {
  std::uint64_t trial = 0;
  double sink = 0.0;
  for (auto _ : state) {
    tcosim::PhiloxStream s(1, trial++, 12345u);
    sink += s.next_u01();
  }
  benchmark::DoNotOptimize(sink);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_PhiloxUniform);

BENCHMARK_CAPTURE(draw, uniform, Distribution::uniform(1, 5));
BENCHMARK_CAPTURE(draw, triangular, Distribution::triangular(1, 2, 5));
BENCHMARK_CAPTURE(draw, pert, Distribution::pert(1, 2, 5));
BENCHMARK_CAPTURE(draw, normal, Distribution::normal(10, 2));
BENCHMARK_CAPTURE(draw, truncated_normal, Distribution::truncated_normal(10, 2, 8, 20));
BENCHMARK_CAPTURE(draw, lognormal, Distribution::lognormal_mean_sd(10, 3));
BENCHMARK_CAPTURE(draw, beta, Distribution::beta(2, 5));
BENCHMARK_CAPTURE(draw, beta_small_shapes, Distribution::beta(0.5, 0.7));
BENCHMARK_CAPTURE(draw, discrete4, Distribution::discrete({1, 2, 3, 4}, {1, 2, 3, 4}));
BENCHMARK_CAPTURE(draw, bernoulli, Distribution::bernoulli(0.3));
BENCHMARK_CAPTURE(draw, exponential, Distribution::exponential(0.01));

}  // namespace
