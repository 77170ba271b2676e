#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "run/run_plan.hpp"
#include "run/thread_limit.hpp"
#include "run/workers.hpp"
#include "support/printable.hpp"
#include "support/saved_state.hpp"
#include "support/scenario_fixtures.hpp"

using namespace tcosim;
using tcosim::test::default_scenario;
using tcosim::test::saved;

namespace {

constexpr std::uint64_t kTrials = 4 * kChunkTrials + 100;  // five chunks, the last a short one

RunShape shape_of(const Scenario& s, bool exact) {
  RunShape shape;
  shape.options = s.options.size();
  shape.inputs = s.inputs.size();
  shape.metric_count = s.metric_count();
  shape.cash_months = s.cash_months();
  shape.chunks = ChunkPlan{kTrials, kChunkTrials};
  shape.exact = exact;
  shape.sketch_accuracy = kSketchRelativeAccuracy;
  shape.sample_rows = 10;
  shape.sens_rows = kChunkTrials + 7;
  return shape;
}

RunConfig config(const Scenario& s) { return resolve_run_config(s, {.trials = kTrials, .seed = 3}); }

}  // namespace

TEST_CASE("a state does not depend on how its chunks were cut into waves or on the threads") {
  const Scenario s = default_scenario();
  for (const bool exact : {true, false}) {
    RunState one_wave(shape_of(s, exact));
    {
      const ThreadLimit limit(1);
      Workers w(s, config(s), one_wave);
      const std::vector<std::uint64_t> all{0, 1, 2, 3, 4};
      w.run_wave(all);
      w.drain_sketches();
    }
    RunState three_waves(shape_of(s, exact));
    {
      Workers w(s, config(s), three_waves);
      const std::vector<std::uint64_t> late{3, 4}, early{0}, middle{1, 2};
      w.run_wave(late);
      w.run_wave(early);
      w.run_wave(middle);
      w.drain_sketches();
    }
    INFO("exact " << exact);
    CHECK(one_wave.covered() == ChunkRanges{{0, 5}});
    CHECK(three_waves.covered() == ChunkRanges{{0, 5}});
    CHECK(one_wave.total().metrics[kTotalCost].n == kTrials);
    CHECK(saved(three_waves) == saved(one_wave));
  }
}

TEST_CASE("the first kernel can be the stress pilot's: the same state as from kernels made anew", "[analytics]") {
  const Scenario s = default_scenario();
  for (const bool exact : {true, false}) {
    const RunConfig cfg = config(s);
    const RunPlan plan = plan_run(s, cfg);
    REQUIRE(plan.pilot_kernel != nullptr);
    REQUIRE(!plan.shape.analytics.stress.empty());
    RunShape shape = plan.shape;  // exact (it fits); streaming made by hand
    shape.exact = exact;
    shape.analytics.pair_sketches = shape.analytics.stress_sketches = !exact;
    INFO(shape.to_string());
    RunState reused(shape), fresh(shape);
    const std::vector<std::uint64_t> all{0, 1, 2, 3, 4};
    {
      Workers w(s, cfg, reused, plan.pilot_kernel);
      w.run_wave(all);
      w.drain_sketches();
    }
    {
      Workers w(s, cfg, fresh);
      w.run_wave(all);
      w.drain_sketches();
    }
    CHECK(saved(reused) == saved(fresh));
  }
}

TEST_CASE("a stop asked for before a wave lets it finish, a stop during one leaves out what had not begun") {
  const Scenario s = default_scenario();
  std::atomic<int> stop{15};
  RunConfig cfg = config(s);
  cfg.stop = &stop;
  RunState state(shape_of(s, true));
  Workers w(s, cfg, state);
  w.run_wave(std::vector<std::uint64_t>{0, 1});  // the coordinator acts on it after the wave
  CHECK(state.covered() == ChunkRanges{{0, 2}});
  // During a wave: a thread raises the flag while one thread works through 64 chunks in turn;
  // whatever it had begun is kept, nothing after the signal starts, and a later wave (a
  // resumed run) fills the gap to the state of an uninterrupted run.
  stop = 0;
  const ThreadLimit one(1);
  RunState big(shape_of(s, false));
  RunShape shape = shape_of(s, false);
  std::vector<std::uint64_t> chunks{0, 1, 2, 3, 4};
  std::thread signal([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    stop = 15;
  });
  Workers wb(s, cfg, big);
  wb.run_wave(chunks);
  signal.join();
  const auto covered = big.covered();
  INFO("covered after the signal: " << big.to_string());
  CHECK(trials_in(shape.chunks, covered) <= kTrials);
  stop = 0;
  const ChunkRanges gaps = chunk_gaps(covered, 5);
  std::vector<std::uint64_t> missing;
  for (const auto& [a, b] : gaps)
    for (std::uint64_t c = a; c < b; ++c) missing.push_back(c);
  wb.run_wave(missing);
  wb.drain_sketches();
  RunState whole(shape_of(s, false));
  Workers ww(s, config(s), whole);
  ww.run_wave(chunks);
  ww.drain_sketches();
  CHECK(saved(big) == saved(whole));
}

TEST_CASE("draining moves every thread's sketch counts into the state once") {
  const Scenario s = default_scenario();
  RunState state(shape_of(s, false));
  Workers w(s, config(s), state);
  const std::vector<std::uint64_t> chunks{0, 1, 2};
  w.run_wave(chunks);
  CHECK(state.sketches()[0].count() == 0);  // still in the threads' own sketches
  w.drain_sketches();
  for (const QuantileSketch& sk : state.sketches()) CHECK(sk.count() == 3 * kChunkTrials);
  w.drain_sketches();
  CHECK(state.sketches()[0].count() == 3 * kChunkTrials);
}

TEST_CASE("workers print their kernels and the state they fill") {
  const Scenario s = default_scenario();
  RunState state(shape_of(s, true));
  Workers w(s, config(s), state);
  CHECK(w.to_string() == "0 kernels into " + state.to_string());
  const std::vector<std::uint64_t> chunks{0};
  {
    const ThreadLimit limit(1);
    w.run_wave(chunks);
  }
  CHECK(w.to_string() == "1 kernels into " + state.to_string());
}

TEST_CASE("workers refuse a state shaped for another scenario") {
  const Scenario s = default_scenario();  // format 2: 14 metrics and a cash curve per option
  RunShape shape = shape_of(s, true);
  shape.metric_count = kFormat1MetricCount;
  shape.cash_months = 0;
  RunState state(shape);
  CHECK_THROWS_AS(Workers(s, config(s), state), std::logic_error);
}
