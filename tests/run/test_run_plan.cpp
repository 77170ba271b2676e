#include <catch2/catch.hpp>

#include "run/run_plan.hpp"
#include "run/thread_limit.hpp"
#include "sim/sobol_points.hpp"
#include "support/printable.hpp"
#include "support/scenario_fixtures.hpp"
#include "util/version.hpp"

using namespace tcosim;
using tcosim::test::default_scenario;
using tcosim::test::format1_scenario;

namespace {

RunConfig config(std::uint64_t trials) {
  RunConfig cfg;
  cfg.trials = trials;
  cfg.seed = 42;
  return cfg;
}

}  // namespace

TEST_CASE("a run without trials or with a precision target that is not positive is refused") {
  const Scenario s = format1_scenario();
  CHECK_THROWS_WITH(plan_run(s, config(0)), Catch::Contains("at least 1"));
  RunConfig cfg = config(100);
  cfg.target_precision = 0.0;
  CHECK_THROWS_WITH(plan_run(s, cfg), Catch::Contains("--target-precision must be a positive fraction"));
  cfg.target_precision = -0.1;
  CHECK_THROWS_WITH(plan_run(s, cfg), Catch::Contains("--target-precision"));
}

TEST_CASE("a sobol run whose outcomes do not fit streams, with moments and a sketch per replicate of every metric") {
  const Scenario s = format1_scenario();
  RunConfig cfg = config(1000000);
  cfg.sampling = Sampling::Sobol;
  cfg.max_memory_bytes = 192ull << 20;
  const ThreadLimit one(1);
  const RunPlan streaming = plan_run(s, cfg);
  REQUIRE_FALSE(streaming.exact());
  const RunShape& sh = streaming.shape;
  CHECK(sh.replicates == kSobolReplicates);
  CHECK(sh.first_replicate_sketch() == sh.series() + sh.analytics.sketch_count());
  CHECK(sh.sketch_count() == sh.first_replicate_sketch() + kSobolReplicates * sh.metric_series());
  CHECK(sh.replicate_sketch(2, 3) == sh.first_replicate_sketch() + 2 * kSobolReplicates + 3);
  CHECK(sh.empty_chunk_state().replicate_metrics.size() == kSobolReplicates * sh.metric_series());
  // Every replicate sketch is planned for: the random run of the same shape plans less.
  cfg.sampling = Sampling::Random;
  const RunPlan random = plan_run(s, cfg);
  CHECK(random.shape.replicates == 0);
  CHECK(random.shape.sketch_count() == random.shape.first_replicate_sketch());
  CHECK(streaming.memory.sketch_bytes > random.memory.sketch_bytes);
  // Too little memory even for the sketches: refused, as any run.
  cfg.sampling = Sampling::Sobol;
  cfg.max_memory_bytes = 48ull << 20;
  CHECK_THROWS_WITH(plan_run(s, cfg), Catch::Contains("too small for this run"));
  cfg.max_memory_bytes = 4ull << 30;
  const RunPlan exact = plan_run(s, cfg);
  CHECK(exact.exact());
  CHECK(exact.shape.replicates == 0);  // exact runs take the replicates from the stored outcomes
}

TEST_CASE("the memory plan stores outcomes while they fit the budget, then falls back to the sketch") {
  const Scenario s = format1_scenario();
  const std::uint64_t series = s.options.size() * kFormat1MetricCount;
  RunConfig cfg = config(100000);
  const MemoryPlan roomy = plan_memory(s, cfg, 4);
  CHECK(roomy.method == QuantileMethod::Exact);
  // Every series of every trial, and each trial's stress mark (one byte).
  const std::uint64_t binned = AnalyticsShape::of(s, false).binned.size();
  REQUIRE(binned > 0);
  CHECK(roomy.exact_bytes == 100000 * (series * sizeof(double) + sizeof(StressMark)));
  // The sketches are counted once per thread, plus rank 0's own.
  CHECK(plan_memory(s, cfg, 9).sketch_bytes == 2 * roomy.sketch_bytes);
  // The sensitivity rows with their EVPPI bins, a byte per binned input.
  CHECK(roomy.sample_bytes ==
        kSensitivityTrials * ((s.inputs.size() + 2 * s.options.size()) * sizeof(double) + binned));

  cfg.max_memory_bytes = roomy.planned_bytes;  // exactly enough
  CHECK(plan_memory(s, cfg, 4).method == QuantileMethod::Exact);
  cfg.max_memory_bytes = roomy.planned_bytes - 1;
  const MemoryPlan tight = plan_memory(s, cfg, 4);
  CHECK(tight.method == QuantileMethod::Sketch);
  CHECK(tight.planned_bytes == roomy.planned_bytes - roomy.exact_bytes + roomy.sketch_bytes);

  cfg.max_memory_bytes = 1024;
  CHECK_THROWS_WITH(plan_memory(s, cfg, 4), Catch::Contains("--max-memory 1.0 KiB is too small"));
}

TEST_CASE("the plan counts the threads alive, clips the recorded rows and fixes the rounds") {
  const Scenario s = format1_scenario();
  RunConfig cfg = config(100 * kChunkTrials);
  cfg.sample_rows = 50;
  cfg.target_precision = 0.01;
  const ThreadLimit limit(1);
  const RunPlan plan = plan_run(s, cfg);
  CHECK(plan.threads == 1);
  CHECK(plan.exact());
  CHECK(plan.shape.options == s.options.size());
  CHECK(plan.shape.inputs == s.inputs.size());
  CHECK(plan.shape.chunks.chunks() == 100);
  CHECK(plan.shape.sample_rows == 50);
  CHECK(plan.shape.sens_rows == kSensitivityTrials);
  CHECK(plan.rounds == std::vector<std::uint64_t>{16, 32, 64, 100});

  RunConfig few = config(20);
  few.sample_rows = 50;
  const RunPlan small = plan_run(s, few);
  CHECK(small.shape.sample_rows == 20);
  CHECK(small.shape.sens_rows == 20);
  CHECK(small.rounds == std::vector<std::uint64_t>{1});
}

TEST_CASE("a checkpoint's identity names the run's version, settings and shape") {
  const Scenario s = format1_scenario();
  RunConfig cfg = config(20);
  cfg.sample_rows = 50;
  cfg.sampling = Sampling::Lhs;
  cfg.target_precision = 0.02;
  const RunIdentity id = run_identity(s, cfg, plan_run(s, cfg));
  CHECK(id.tcosim_version == kVersion);
  CHECK(id.scenario == s.name);
  CHECK(id.scenario_sha256 == s.sha256);
  CHECK(id.seed == 42);
  CHECK(id.trials == 20);
  CHECK(id.sample_rows == 20);  // the rows actually recorded
  CHECK(id.sampling == Sampling::Lhs);
  CHECK(id.target_precision == 0.02);
  CHECK(id.exact_quantiles);
  CHECK(id.options == s.options.size());
  CHECK(id.inputs == s.inputs.size());
  CHECK(id.chunk_trials == kChunkTrials);
}

TEST_CASE("memory plans and run plans print their decisions") {
  MemoryPlan m;
  m.method = QuantileMethod::Sketch;
  m.exact_bytes = 3ull << 30;
  m.sketch_bytes = 2ull << 20;
  m.sample_bytes = 1024;
  m.planned_bytes = (10ull << 20) + 1024;
  CHECK(fmt::format("{}", m) == "sketch, 10.0 MiB planned (exact 3.0 GiB, sketch 2.0 MiB, samples 1.0 KiB)");
  RunPlan p;
  p.threads = 2;
  p.memory = m;
  p.shape.options = 3;
  p.shape.inputs = 4;
  p.shape.chunks = ChunkPlan{10000, kChunkTrials};
  p.shape.exact = false;
  p.rounds = {3};
  CHECK(fmt::format("{}", p) ==
        "2 threads, sketch, 10.0 MiB planned (exact 3.0 GiB, sketch 2.0 MiB, samples 1.0 KiB); 3 options x 4 inputs, "
        "10 metrics and 0 cash months per option, 10000 trials in 3 chunks, sketch, 0 sample rows, 0 sensitivity rows; "
        "1 rounds");
}

TEST_CASE("a format-2 memory plan stays exact only while the metrics and the cash curve both fit") {
  Scenario s = format1_scenario();
  s.format = 2;
  s.horizon_months = 36;
  const std::uint64_t metrics = s.options.size() * kMetricCount;
  const std::uint64_t cash = s.options.size() * 36;
  const ThreadLimit limit(2);
  RunConfig cfg = config(1000000);  // the exact arrays dwarf two threads' sketches
  const MemoryPlan roomy = plan_memory(s, cfg, 2);
  CHECK(roomy.method == QuantileMethod::Exact);
  CHECK(roomy.exact_bytes == 1000000 * ((metrics + cash) * sizeof(double) + sizeof(StressMark)));
  // Recorded rows hold the metrics only; the sketches cover the cash series as well.
  const std::uint64_t binned = AnalyticsShape::of(s, false).binned.size();
  CHECK(roomy.sample_bytes ==
        kSensitivityTrials * ((s.inputs.size() + 2 * s.options.size()) * sizeof(double) + binned));
  Scenario f1 = s;
  f1.format = 1;
  CHECK(roomy.sketch_bytes * kFormat1MetricCount == plan_memory(f1, cfg, 2).sketch_bytes * (kMetricCount + 36));
  // Room for the metrics alone is not enough: the cash curve would have no exact quantiles.
  cfg.max_memory_bytes = roomy.planned_bytes - cash * 1000000 * sizeof(double);
  const MemoryPlan tight = plan_memory(s, cfg, 2);
  CHECK(tight.method == QuantileMethod::Sketch);
  const RunPlan plan = plan_run(s, cfg);
  CHECK(plan.shape.cash_months == 36);
  CHECK(plan.shape.metric_count == kMetricCount);
  CHECK_FALSE(plan.exact());
}
