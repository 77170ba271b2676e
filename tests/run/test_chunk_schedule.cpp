#include <catch2/catch.hpp>

#include "run/chunk_schedule.hpp"
#include "support/printable.hpp"

using namespace tcosim;

TEST_CASE("rounds end after 16 chunks, then at each doubling, and at the total") {
  CHECK(round_ends(100, true) == std::vector<std::uint64_t>{16, 32, 64, 100});
  CHECK(round_ends(64, true) == std::vector<std::uint64_t>{16, 32, 64});
  CHECK(round_ends(10, true) == std::vector<std::uint64_t>{10});
  CHECK(round_ends(100, false) == std::vector<std::uint64_t>{100});
}

TEST_CASE("a round's missing chunks are shared by the ranks in the same number of waves") {
  const ChunkRanges covered{{0, 10}, {50, 60}};
  const std::uint64_t end = 400;  // 380 missing: shares of 126 or 127, two waves of up to 64
  std::vector<std::uint64_t> all;
  for (unsigned rank = 0; rank < 3; ++rank) {
    const WaveSchedule sched = schedule_round(covered, end, rank, 3);
    CHECK(sched.waves == 2);
    std::size_t in_waves = 0;
    for (std::uint64_t w = 0; w < sched.waves; ++w) {
      CHECK(sched.wave(w).size() <= kWaveChunks);
      in_waves += sched.wave(w).size();
    }
    CHECK(in_waves == sched.count);
    for (std::uint64_t w = 0; w < sched.waves; ++w) {
      const auto wave = sched.wave(w);
      all.insert(all.end(), wave.begin(), wave.end());
    }
  }
  // Together, in rank order, every missing chunk once and in order.
  std::vector<std::uint64_t> expected;
  for (std::uint64_t c = 10; c < 50; ++c) expected.push_back(c);
  for (std::uint64_t c = 60; c < end; ++c) expected.push_back(c);
  CHECK(all == expected);
}

TEST_CASE("a rank whose share ran out gets empty waves, and a complete round has none") {
  const WaveSchedule sched = schedule_round({}, 65, 0, 1);
  REQUIRE(sched.waves == 2);
  CHECK(sched.wave(0).size() == 64);
  CHECK(sched.wave(1).size() == 1);
  CHECK(sched.wave(1)[0] == 64);
  CHECK(sched.wave(2).empty());
  const WaveSchedule done = schedule_round({{0, 65}}, 65, 0, 2);
  CHECK(done.waves == 0);
  CHECK(done.count == 0);
}

TEST_CASE("a wave schedule prints its chunks and waves") {
  CHECK(fmt::format("{}", schedule_round({}, 65, 0, 1)) == "65 chunks [0, 64] in 2 waves");
  CHECK(fmt::format("{}", schedule_round({{0, 65}}, 65, 0, 1)) == "no chunks in 0 waves");
}

TEST_CASE("a round's schedule is ranges: flat in the trial count, waves found in them") {
  // 10^12 trials are 2.4e8 chunks: a list of them would take 2 GB before the first trial.
  const std::uint64_t chunks = 1'000'000'000'000ull / 4096 + 1;
  const WaveSchedule sched = schedule_round({{0, 10}}, chunks, 1, 2);
  CHECK(sched.share.size() <= 2);
  CHECK(sched.count == (chunks - 10) - (chunks - 10) / 2);  // rank 1 of 2 takes the upper half
  const auto last = sched.wave(sched.waves - 1);
  REQUIRE_FALSE(last.empty());
  CHECK(last.back() == sched.share.back().second - 1);
  CHECK(sched.wave(0).front() == sched.share.front().first);
  CHECK(sched.wave(1).front() == sched.share.front().first + kWaveChunks);
}
