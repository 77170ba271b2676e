#include <catch2/catch.hpp>

#include "run/run_config.hpp"
#include "support/printable.hpp"

using namespace tcosim;

namespace {

Scenario with_run_block() {
  Scenario s;
  s.run.trials = 500;
  s.run.seed = 3;
  s.run.sampling = Sampling::Lhs;
  return s;
}

}  // namespace

TEST_CASE("unset flags take the scenario's run: block") {
  const RunConfig cfg = resolve_run_config(with_run_block(), {});
  CHECK(cfg.trials == 500);
  CHECK(cfg.seed == 3);
  CHECK(cfg.sampling == Sampling::Lhs);
  CHECK(cfg.max_memory_bytes == RunConfig{}.max_memory_bytes);  // the rest at their defaults
  CHECK_FALSE(cfg.target_precision);
}

TEST_CASE("flags win over the run: block, each on its own") {
  const Scenario s = with_run_block();
  const RunConfig all = resolve_run_config(s, {.trials = 7, .seed = 11, .sampling = Sampling::Random});
  CHECK(all.trials == 7);
  CHECK(all.seed == 11);
  CHECK(all.sampling == Sampling::Random);
  const RunConfig seed_only = resolve_run_config(s, {.seed = 0});
  CHECK(seed_only.seed == 0);
  CHECK(seed_only.trials == 500);
  CHECK(seed_only.sampling == Sampling::Lhs);
}

TEST_CASE("run settings, flags and an interruption print as one line") {
  RunConfig cfg;
  cfg.trials = 1000;
  cfg.seed = 7;
  cfg.max_memory_bytes = 512ull << 20;
  CHECK(fmt::format("{}", cfg) == "1000 trials, seed 7, random, max memory 512.0 MiB");
  cfg.sample_rows = 10;
  cfg.target_precision = 0.005;
  cfg.checkpoint.file = "out/checkpoint.tcosim";
  cfg.checkpoint.resume = true;
  CHECK(fmt::format("{}", cfg) ==
        "1000 trials, seed 7, random, max memory 512.0 MiB, 10 sample rows, target precision 0.005, checkpoint "
        "out/checkpoint.tcosim every 60 s, resume");
  CHECK(fmt::format("{}", RunFlags{}) == "no flags");
  CHECK(fmt::format("{}", RunFlags{.trials = 5, .sampling = Sampling::Lhs}) == "--trials 5 --sampling lhs");
  CHECK(fmt::format("{}", RunInterrupted(2, 8192, true)) ==
        "interrupted by signal 2 after 8192 trials, checkpoint written");
  CHECK(RunInterrupted(15, 0, false).to_string() == "interrupted by signal 15 after 0 trials, no checkpoint");
  CHECK(RunConfig::Checkpointing{}.to_string() == "no checkpoint");
}
