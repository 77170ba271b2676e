// Chunk plans and waves (sim/chunked_runner.hpp): boundaries depend on the trial count alone.
#include <catch2/catch.hpp>
#include <cstdint>
#include <vector>

#include "sim/chunked_runner.hpp"
#include "support/printable.hpp"

using namespace tcosim;

TEST_CASE("a chunk plan cuts trials into whole chunks and one shorter last chunk") {
  const ChunkPlan plan{10000, 4096};
  CHECK(plan.chunks() == 3);
  CHECK(plan.begin(0) == 0);
  CHECK(plan.end(0) == 4096);
  CHECK(plan.begin(2) == 8192);
  CHECK(plan.end(2) == 10000);
  CHECK(ChunkPlan{.trials = 8192}.chunks() == 2);
  CHECK(ChunkPlan{.trials = 8192}.end(1) == 8192);
  CHECK(ChunkPlan{.trials = 1}.chunks() == 1);
  CHECK(ChunkPlan{.trials = 0}.chunks() == 0);
  CHECK(ChunkPlan{}.chunk_trials == kChunkTrials);
}

TEST_CASE("a wave computes every listed chunk into its own slot") {
  const std::vector<std::uint64_t> ids = {5, 2, 9};
  std::vector<std::uint64_t> slots(4, 777);
  compute_wave(std::span<const std::uint64_t>(ids), slots,
               [](std::uint64_t chunk, std::uint64_t& slot) { slot = chunk * 10; });
  CHECK(slots == std::vector<std::uint64_t>{50, 20, 90, 777});
}

TEST_CASE("a chunk plan prints its trials and chunks") {
  CHECK(fmt::format("{}", ChunkPlan{.trials = 10000}) == "ChunkPlan{10000 trials in 3 chunks of 4096}");
  CHECK(fmt::format("{}", ChunkPlan{0, 8}) == "ChunkPlan{0 trials in 0 chunks of 8}");
}
