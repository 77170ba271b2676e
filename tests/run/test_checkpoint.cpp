#include <catch2/catch.hpp>
#include <cstring>
#include <fstream>

#include "run/checkpoint.hpp"
#include "support/run_binary.hpp"
#include "util/sha256.hpp"

using namespace tcosim;
using tcosim::test::TempDir;

namespace {

RunShape shape() {
  RunShape s;
  s.options = 1;
  s.inputs = 2;
  s.chunks = ChunkPlan{100, 10};
  s.exact = true;
  return s;
}

RunIdentity identity() {
  RunIdentity id;
  id.tcosim_version = "0.0-test";
  id.scenario_sha256 = std::string(64, 'a');
  id.seed = 7;
  id.trials = 100;
  id.options = 1;
  id.inputs = 2;
  id.chunk_trials = 10;
  return id;
}

RunState some_progress() {
  RunState st(shape());
  for (std::uint64_t c = 0; c < 3; ++c) {
    ChunkState cs;
    cs.reset(1, kFormat1MetricCount);
    for (std::uint64_t t = c * 10; t < c * 10 + 10; ++t) {
      for (std::size_t k = 0; k < kFormat1MetricCount; ++k) st.stored()[k][t] = static_cast<double>(t * k);
      cs.metrics[0].add(static_cast<double>(t));
    }
    st.push_chunk(c, cs);
  }
  return st;
}

void write_bytes(const std::filesystem::path& p, const std::string& b) { std::ofstream(p, std::ios::binary) << b; }

}  // namespace

TEST_CASE("a checkpoint reads back into the same state") {
  TempDir dir("checkpoint-roundtrip");
  const auto file = dir.path() / kCheckpointFileName;
  RunState fresh(shape());
  CHECK_FALSE(read_checkpoint(file, identity(), fresh));  // none yet: start from the beginning
  write_checkpoint(file, identity(), some_progress());
  RunState back(shape());
  REQUIRE(read_checkpoint(file, identity(), back));
  CHECK(back.covered() == ChunkRanges{{0, 3}});
  CHECK(back.stored()[4][25] == 100.0);
  CHECK(back.total().metrics[0].n == 30);
}

TEST_CASE("a checkpoint of another run is refused with what differs") {
  TempDir dir("checkpoint-other");
  const auto file = dir.path() / kCheckpointFileName;
  write_checkpoint(file, identity(), some_progress());
  RunIdentity other = identity();
  other.seed = 8;
  other.trials = 200;
  RunState st(shape());
  try {
    read_checkpoint(file, other, st);
    FAIL("accepted a checkpoint of another run");
  } catch (const CheckpointError& e) {
    const std::string msg = e.what();
    CHECK_THAT(msg, Catch::Contains("belongs to another run"));
    CHECK_THAT(msg, Catch::Contains("seed 7 (this run: 8)"));
    CHECK_THAT(msg, Catch::Contains("trials 100 (this run: 200)"));
    CHECK_THAT(msg, Catch::Contains(file.string()));
    CHECK(e.to_string() == msg);  // prints as its message
  }
}

TEST_CASE("a corrupted or truncated checkpoint is refused as damaged") {
  TempDir dir("checkpoint-damaged");
  const auto file = dir.path() / kCheckpointFileName;
  write_checkpoint(file, identity(), some_progress());
  const std::string good = tcosim::test::read_file(file);
  std::vector<std::string> bad;
  std::string flipped = good;
  flipped[good.size() / 2] ^= 0x10;
  bad.push_back(flipped);
  bad.push_back(good.substr(0, good.size() / 3));
  bad.push_back(good.substr(0, 5));
  bad.push_back("");
  bad.push_back(std::string(good.size(), 'x'));
  for (const std::string& b : bad) {
    write_bytes(file, b);
    RunState st(shape());
    try {
      read_checkpoint(file, identity(), st);
      FAIL("accepted a damaged checkpoint of " << b.size() << " bytes");
    } catch (const CheckpointError& e) {
      CHECK_THAT(std::string(e.what()), Catch::Contains("is damaged"));
    }
  }
}

TEST_CASE("the scenario name is not part of a checkpoint: the sha256 identifies the scenario") {
  TempDir dir("checkpoint-name");
  const auto file = dir.path() / kCheckpointFileName;
  RunIdentity named = identity();
  named.scenario = "before";
  write_checkpoint(file, named, some_progress());
  named.scenario = "renamed";
  RunState st(shape());
  CHECK(read_checkpoint(file, named, st));
  CHECK(st.covered() == ChunkRanges{{0, 3}});
}

TEST_CASE("a checkpoint of another layout is refused, naming both layouts") {
  TempDir dir("checkpoint-layout");
  const auto file = dir.path() / kCheckpointFileName;
  write_checkpoint(file, identity(), some_progress());
  std::string bytes = tcosim::test::read_file(file);
  // A layout-1 file (tcosim before format 2): the layout number follows the magic, and the
  // checksum is made to match, so only the layout tells the files apart.
  const std::size_t at = bytes.find("TCOSIMCK") + 8;
  const std::uint32_t old_layout = 1;
  std::memcpy(bytes.data() + at, &old_layout, sizeof old_layout);
  const std::string body = bytes.substr(0, bytes.size() - 64);
  write_bytes(file, body + sha256_hex(body));
  RunState st(shape());
  CHECK_THROWS_WITH(read_checkpoint(file, identity(), st),
                    Catch::Contains("checkpoint layout 1, this tcosim reads 3") &&
                        Catch::Contains("written by another tcosim version") && Catch::Contains("start over"));
}
