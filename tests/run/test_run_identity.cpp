// What identifies a run's numbers (run/run_identity.hpp).
#include <catch2/catch.hpp>

#include "run/run_identity.hpp"
#include "sim/chunked_runner.hpp"
#include "support/printable.hpp"
#include "support/scenario_fixtures.hpp"
#include "util/version.hpp"

using namespace tcosim;

TEST_CASE("run_identity takes the scenario, the resolved run and this build") {
  const Scenario s = test::default_scenario();
  RunConfig cfg = resolve_run_config(s, {.trials = 1234, .seed = 99, .sampling = Sampling::Lhs});
  cfg.sample_rows = 5;
  cfg.target_precision = 0.01;
  const RunIdentity id = run_identity(s, cfg);
  CHECK(id.scenario == s.name);
  CHECK(id.scenario_sha256 == s.sha256);
  CHECK(id.tcosim_version == kVersion);
  CHECK(id.seed == 99);
  CHECK(id.trials == 1234);
  CHECK(id.sampling == Sampling::Lhs);
  CHECK(id.sample_rows == 5);
  CHECK(id.target_precision == 0.01);
  CHECK(id.options == s.options.size());
  CHECK(id.inputs == s.inputs.size());
  CHECK(id.chunk_trials == kChunkTrials);
  CHECK(id.exact_quantiles);  // the memory plan decides; simulate sets it
}

TEST_CASE("a run identity prints every field on one line") {
  RunIdentity id;
  id.scenario = "demo";
  id.scenario_sha256 = "0123456789abcdef";
  id.seed = 7;
  id.trials = 1000;
  id.sampling = Sampling::Lhs;
  id.exact_quantiles = false;
  id.options = 2;
  id.inputs = 9;
  id.chunk_trials = 4096;
  id.tcosim_version = "0.1.0";
  CHECK(fmt::format("{}", id) ==
        "demo (sha256 0123456789ab) seed 7, 1000 trials, lhs, 0 sample rows, target precision none, streaming "
        "quantiles, 2 options, 9 inputs, chunks of 4096, tcosim 0.1.0");
  id.target_precision = 0.02;
  CHECK_THAT(id.to_string(), Catch::Contains("target precision 0.02"));
}
