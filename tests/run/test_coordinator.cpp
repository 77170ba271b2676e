#include <atomic>
#include <catch2/catch.hpp>

#include "run/coordinator.hpp"
#include "run/run_plan.hpp"
#include "support/printable.hpp"
#include "support/run_binary.hpp"
#include "support/saved_state.hpp"
#include "support/scenario_fixtures.hpp"

using namespace tcosim;
using tcosim::test::default_scenario;
using tcosim::test::saved;
using tcosim::test::TempDir;

namespace {

/// A three-chunk run of the default scenario, checkpointing into `folder` (none when empty).
struct SmallRun {
  Scenario s = default_scenario();
  RunConfig cfg;
  RunPlan plan;

  explicit SmallRun(const std::filesystem::path& folder) {
    cfg.trials = 3 * kChunkTrials;
    cfg.seed = 5;
    if (!folder.empty()) cfg.checkpoint.file = folder / kCheckpointFileName;
    cfg.checkpoint.interval_s = 1e9;  // never due unless a test says so
    plan = plan_run(s, cfg);
  }
  RunIdentity identity() const { return run_identity(s, cfg, plan); }
};

const std::vector<std::uint64_t> kFirstTwo{0, 1};

}  // namespace

TEST_CASE("a stop flag set before a wave ends the run with a checkpoint of the chunks done") {
  const TempDir dir("coordinator-stop");
  SmallRun run(dir.path());
  std::atomic<int> stop{0};
  run.cfg.stop = &stop;
  RunState state(run.plan.shape);
  Workers workers(run.s, run.cfg, state);
  Coordinator coordinator(Communicator::single(), run.cfg, run.identity());
  workers.run_wave(kFirstTwo);
  stop = 15;  // SIGTERM after the wave
  const WaveControl control = coordinator.exchange(kFirstTwo.size());
  CHECK(control.chunks_done == 2);
  CHECK(control.stop_signal == 15);
  CHECK_FALSE(control.checkpoint_due);
  try {
    coordinator.act_on(control, workers, state);
    FAIL("no RunInterrupted");
  } catch (const RunInterrupted& e) {
    CHECK(e.signal == 15);
    CHECK(e.trials == 2 * kChunkTrials);
    CHECK(e.checkpoint_written);
  }
  RunState restored(run.plan.shape);
  REQUIRE(read_checkpoint(run.cfg.checkpoint.file, run.identity(), restored));
  CHECK(saved(restored) == saved(state));
}

TEST_CASE("a stop without checkpointing says that no checkpoint was written") {
  SmallRun run("");
  std::atomic<int> stop{0};
  run.cfg.stop = &stop;
  RunState state(run.plan.shape);
  Workers workers(run.s, run.cfg, state);
  Coordinator coordinator(Communicator::single(), run.cfg, run.identity());
  CHECK(coordinator.to_string() == "rank 0 of 1, no checkpoints");
  workers.run_wave(kFirstTwo);
  stop = 2;  // SIGINT after the wave
  const WaveControl control = coordinator.exchange(2);
  CHECK(control.to_string() == "2 chunks, signal 2");
  CHECK_THROWS_MATCHES(coordinator.act_on(control, workers, state), RunInterrupted,
                       Catch::Predicate<RunInterrupted>([](const RunInterrupted& e) {
                         return e.signal == 2 && !e.checkpoint_written && e.trials == 2 * kChunkTrials;
                       }));
}

TEST_CASE("a due checkpoint is written, and a resumed run starts from it") {
  const TempDir dir("coordinator-due");
  SmallRun run(dir.path());
  run.cfg.checkpoint.interval_s = 0;  // due after every wave
  RunState state(run.plan.shape);
  Workers workers(run.s, run.cfg, state);
  Coordinator coordinator(Communicator::single(), run.cfg, run.identity());
  CHECK(coordinator.resume(state).empty());  // not resuming: nothing read
  workers.run_wave(kFirstTwo);
  const WaveControl control = coordinator.exchange(2);
  CHECK(control.to_string() == "2 chunks, checkpoint due");
  coordinator.act_on(control, workers, state);  // writes, does not throw
  REQUIRE(std::filesystem::exists(run.cfg.checkpoint.file));

  run.cfg.checkpoint.resume = true;
  RunState resumed(run.plan.shape);
  Coordinator again(Communicator::single(), run.cfg, run.identity());
  CHECK(again.to_string() ==
        fmt::format("rank 0 of 1, checkpoints to {} every 0 s, resuming", run.cfg.checkpoint.file.string()));
  CHECK(again.resume(resumed) == ChunkRanges{{0, 2}});
  CHECK(saved(resumed) == saved(state));

  RunIdentity other = run.identity();
  other.seed += 1;
  RunState refused(run.plan.shape);
  Coordinator mismatched(Communicator::single(), run.cfg, other);
  CHECK_THROWS_AS(mismatched.resume(refused), CheckpointError);
}

TEST_CASE("collect merges the threads' sketches into the state") {
  SmallRun run("");
  RunShape shape = run.plan.shape;
  shape.exact = false;
  RunState state(shape);
  Workers workers(run.s, run.cfg, state);
  Coordinator coordinator(Communicator::single(), run.cfg, run.identity());
  workers.run_wave(kFirstTwo);
  CHECK(state.sketches()[kTotalCost].count() == 0);
  coordinator.collect(workers, state);
  // The series' sketches see every trial; the decision analytics' sketches follow them.
  REQUIRE(state.sketches().size() == shape.series_sketches() + shape.analytics.sketch_count());
  for (std::size_t k = 0; k < shape.series_sketches(); ++k) CHECK(state.sketches()[k].count() == 2 * kChunkTrials);
  std::uint64_t pair_trials = 0;
  for (std::size_t k = 0; k < shape.analytics.pair_sketch_count(); ++k)
    pair_trials += state.sketches()[shape.series_sketches() + k].count();
  CHECK(pair_trials == shape.analytics.pair_sketch_count() * 2 * kChunkTrials);
}

TEST_CASE("on one process, the stop decision is rank 0's own") {
  SmallRun run("");
  Coordinator coordinator(Communicator::single(), run.cfg, run.identity());
  CHECK(coordinator.agree_to_stop(true));
  CHECK_FALSE(coordinator.agree_to_stop(false));
  CHECK(WaveControl{}.to_string() == "0 chunks");
}
