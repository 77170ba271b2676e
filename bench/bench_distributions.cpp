// Cost of one draw per distribution family: one at a time with its own stream (the replay path,
// `draw/...`), and in batches of 4,096 trials as a run draws them (`batch/...`: the batched
// Philox uniforms, then the family's inverse CDF over the column).
#include <benchmark/benchmark.h>

#include <vector>

#include "sim/distribution.hpp"
#include "sim/philox_batch.hpp"

namespace {

using tcosim::Distribution;

constexpr std::size_t kBatch = 4096;

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

void batch(benchmark::State& state, const Distribution& d) {
  std::vector<double> x(kBatch);
  std::uint64_t first = 0;
  for (auto _ : state) {
    tcosim::input_uniforms(1, first, 12345u, kBatch, x.data());
    d.from_uniforms(x.data(), x.data(), kBatch);
    benchmark::DoNotOptimize(x.data());
    first += kBatch;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kBatch));
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

void BM_PhiloxBatch(benchmark::State& state) {
  std::vector<double> x(kBatch);
  std::uint64_t first = 0;
  for (auto _ : state) {
    tcosim::input_uniforms(1, first, 12345u, kBatch, x.data());
    benchmark::DoNotOptimize(x.data());
    first += kBatch;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kBatch));
}
BENCHMARK(BM_PhiloxBatch);

#define TCOSIM_FAMILY(name, dist)      \
  BENCHMARK_CAPTURE(draw, name, dist); \
  BENCHMARK_CAPTURE(batch, name, dist)

TCOSIM_FAMILY(uniform, Distribution::uniform(1, 5));
TCOSIM_FAMILY(triangular, Distribution::triangular(1, 2, 5));
TCOSIM_FAMILY(pert, Distribution::pert(1, 2, 5));
TCOSIM_FAMILY(normal, Distribution::normal(10, 2));
TCOSIM_FAMILY(truncated_normal, Distribution::truncated_normal(10, 2, 8, 20));
TCOSIM_FAMILY(lognormal, Distribution::lognormal_mean_sd(10, 3));
TCOSIM_FAMILY(beta, Distribution::beta(2, 5));
TCOSIM_FAMILY(beta_small_shapes, Distribution::beta(0.5, 0.7));
TCOSIM_FAMILY(discrete4, Distribution::discrete({1, 2, 3, 4}, {1, 2, 3, 4}));
TCOSIM_FAMILY(bernoulli, Distribution::bernoulli(0.3));
TCOSIM_FAMILY(exponential, Distribution::exponential(0.01));

}  // namespace
