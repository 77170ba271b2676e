#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <cstring>
#include <fstream>
#include <functional>

#include "run/checkpoint.hpp"
#include "support/checkpoint_fixture.hpp"
#include "support/run_binary.hpp"
#include "support/saved_state.hpp"
#include "util/sha256.hpp"

using namespace tcosim;
using tcosim::test::TempDir;

namespace {

RunShape shape() { return test::small_checkpointed_shape(1, 2); }

RunIdentity checkpoint_identity() { return test::small_checkpointed_identity(shape(), "0.0-test", 'a', 7); }

RunState some_progress() {
  RunState st(shape());
  for (std::uint64_t c = 0; c < 3; ++c) {
    ChunkState cs;
    cs.reset(1, kFormat1MetricCount);
    // As a run fills them: every metric's and the regret's moments count every trial.
    for (std::uint64_t t = c * 10; t < c * 10 + 10; ++t) {
      for (std::size_t k = 0; k < kFormat1MetricCount; ++k) {
        st.stored()[k][t] = static_cast<double>(t * k);
        cs.metrics[k].add(static_cast<double>(t * k));
      }
      cs.regret[0].add(0.0);
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
  CHECK_FALSE(read_checkpoint(file, checkpoint_identity(), fresh));  // none yet: start from the beginning
  write_checkpoint(file, checkpoint_identity(), some_progress());
  RunState back(shape());
  REQUIRE(read_checkpoint(file, checkpoint_identity(), back));
  CHECK(back.covered() == ChunkRanges{{0, 3}});
  CHECK(back.stored()[4][25] == 100.0);
  CHECK(back.total().metrics[0].n == 30);
}

TEST_CASE("a checkpoint of another run is refused with what differs") {
  TempDir dir("checkpoint-other");
  const auto file = dir.path() / kCheckpointFileName;
  write_checkpoint(file, checkpoint_identity(), some_progress());
  RunIdentity other = checkpoint_identity();
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
  write_checkpoint(file, checkpoint_identity(), some_progress());
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
      read_checkpoint(file, checkpoint_identity(), st);
      FAIL("accepted a damaged checkpoint of " << b.size() << " bytes");
    } catch (const CheckpointError& e) {
      CHECK_THAT(std::string(e.what()), Catch::Contains("is damaged"));
    }
  }
}

TEST_CASE("the scenario name is not part of a checkpoint: the sha256 identifies the scenario") {
  TempDir dir("checkpoint-name");
  const auto file = dir.path() / kCheckpointFileName;
  RunIdentity named = checkpoint_identity();
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
  write_checkpoint(file, checkpoint_identity(), some_progress());
  std::string bytes = tcosim::test::read_file(file);
  // A layout-1 file (tcosim before format 2): the layout number follows the magic, and the
  // checksum is made to match, so only the layout tells the files apart.
  const std::size_t at = bytes.find("TCOSIMCK") + 8;
  const std::uint32_t old_layout = 1;
  std::memcpy(bytes.data() + at, &old_layout, sizeof old_layout);
  const std::string body = bytes.substr(0, bytes.size() - 64);
  write_bytes(file, body + sha256_hex(body));
  RunState st(shape());
  CHECK_THROWS_WITH(read_checkpoint(file, checkpoint_identity(), st),
                    Catch::Contains("checkpoint layout 1, this tcosim reads 6") &&
                        Catch::Contains("written by another tcosim version") && Catch::Contains("start over"));
}

namespace {

/// The checkpoint's bytes with the state part edited by `edit` and the checksum recomputed, as
/// a forger who read the format would write them.
std::string forged(const std::string& good, const std::function<void(std::string&)>& edit) {
  std::string body = good.substr(0, good.size() - 64);
  edit(body);
  return body + sha256_hex(body);
}

/// Offset in a checkpoint of some_progress() of the first block's first metric moments: the
/// state's bytes end the body; in them, the fragment count, its range and block count, the
/// block's first leaf and level, then the metrics' length prefix.
std::size_t first_moments_offset(const std::string& good) {
  const std::size_t state_at = good.size() - 64 - test::saved(some_progress()).size();
  return state_at + 4 * 8 + 8 + 4 + 8;
}

}  // namespace

TEST_CASE("a checkpoint that is a link, a FIFO or a folder is refused before any read") {
  TempDir dir("checkpoint-kind");
  const auto file = dir.path() / kCheckpointFileName;
  RunState st(shape());
  std::filesystem::create_symlink("/dev/zero", file);  // 0.3.0 read it until memory ran out
  CHECK_THROWS_WITH(read_checkpoint(file, checkpoint_identity(), st),
                    Catch::Contains(file.string()) && Catch::Contains("symbolic link"));
  std::filesystem::remove(file);
  REQUIRE(::mkfifo(file.c_str(), 0600) == 0);  // 0.3.0 blocked here for ever
  CHECK_THROWS_WITH(read_checkpoint(file, checkpoint_identity(), st),
                    Catch::Contains(file.string()) && Catch::Contains("FIFO"));
  std::filesystem::remove(file);
  std::filesystem::create_directory(file);
  CHECK_THROWS_WITH(read_checkpoint(file, checkpoint_identity(), st), Catch::Contains("a folder"));
}

TEST_CASE("a checkpoint larger than its run can write is refused from its size, unread") {
  TempDir dir("checkpoint-size");
  const auto file = dir.path() / kCheckpointFileName;
  write_checkpoint(file, checkpoint_identity(), some_progress());
  // A 1 GB sparse file behind a valid header: 0.3.0 read it whole (and copied it).
  std::filesystem::resize_file(file, 1ull << 30);
  RunState st(shape());
  CHECK(max_saved_bytes(shape()) < (1ull << 20));
  CHECK_THROWS_WITH(read_checkpoint(file, checkpoint_identity(), st),
                    Catch::Contains(file.string()) && Catch::Contains("more than a checkpoint of this run can hold"));
  write_bytes(file, "not a checkpoint at all, but long enough to have a checksum...................................");
  CHECK_THROWS_WITH(read_checkpoint(file, checkpoint_identity(), st), Catch::Contains("not a tcosim checkpoint"));
}

TEST_CASE("a saved state is never larger than max_saved_bytes") {
  ByteWriter w;
  some_progress().save(w);
  CHECK(w.bytes().size() <= max_saved_bytes(shape()));
  RunShape streaming = shape();
  streaming.exact = false;
  RunState st(streaming);
  ByteWriter ws;
  st.save(ws);
  CHECK(ws.bytes().size() <= max_saved_bytes(streaming));
}

TEST_CASE("a forged checkpoint with a recomputed checksum is refused when its statistics are impossible") {
  TempDir dir("checkpoint-forged");
  const auto file = dir.path() / kCheckpointFileName;
  write_checkpoint(file, checkpoint_identity(), some_progress());
  const std::string good = test::read_file(file);
  const std::size_t at = first_moments_offset(good);
  Moments first;
  std::memcpy(&first, good.data() + at, sizeof first);
  REQUIRE(first.n == 20);  // the block of chunks [0, 2), as pushed
  auto moments_at = [&](std::string& body) {
    Moments m;
    std::memcpy(&m, body.data() + at, sizeof m);
    return m;
  };
  auto put = [&](std::string& body, const Moments& m) { std::memcpy(body.data() + at, &m, sizeof m); };
  {
    RunState st(shape());
    REQUIRE(read_checkpoint(file, checkpoint_identity(), st));  // the untouched file reads
  }
  const std::vector<std::pair<std::string, std::function<void(Moments&)>>> forgeries = {
      {"outside [min", [](Moments& m) { m.mean = m.max + 1e6; }},
      {"count", [](Moments& m) { m.n += 1; }},
      {"negative sum of squares", [](Moments& m) { m.m2 = -1; }},
  };
  for (const auto& [what, change] : forgeries) {
    INFO(what);
    write_bytes(file, forged(good, [&](std::string& body) {
                  Moments m = moments_at(body);
                  change(m);
                  put(body, m);
                }));
    RunState st(shape());
    CHECK_THROWS_WITH(read_checkpoint(file, checkpoint_identity(), st), Catch::Contains(file.string()) &&
                                                                            Catch::Contains("impossible statistics") &&
                                                                            Catch::Contains(what));
  }
}

TEST_CASE("state_inconsistency accepts a run's state and names what a forged one breaks") {
  RunState st = some_progress();
  CHECK(state_inconsistency(st).empty());
  RunShape streaming = shape();
  streaming.exact = false;
  RunState sk(streaming);
  ChunkState cs;
  cs.reset(1, kFormat1MetricCount);
  for (int t = 0; t < 10; ++t) {
    for (auto& m : cs.metrics) m.add(1.0);
    cs.regret[0].add(0.0);
  }
  cs.best[0] = 11;  // more best-cost trials than trials
  sk.push_chunk(0, cs);
  CHECK_THAT(state_inconsistency(sk), Catch::Contains("decision count of 11 for 10 trials"));
}

TEST_CASE("state_inconsistency accepts the rounded mean of equal values, which may fall an ulp outside [min, max]") {
  // A metric that is the same in every trial (a constant cost) has min = max = x, and its mean
  // is x only up to the rounding of the sum: a resumed run must not be refused for that.
  Moments rounded;
  double x = 0.1;
  for (; x < 100.0; x += 0.37) {
    std::vector<double> same(10, x);
    rounded = Moments::of(same.data(), same.size());
    if (rounded.mean < x || rounded.mean > x) break;
  }
  REQUIRE((rounded.mean < rounded.min || rounded.mean > rounded.max));
  RunShape streaming = shape();
  streaming.exact = false;
  RunState sk(streaming);
  ChunkState cs;
  cs.reset(1, kFormat1MetricCount);
  for (auto& m : cs.metrics) m = rounded;
  for (int t = 0; t < 10; ++t) cs.regret[0].add(0.0);
  sk.push_chunk(0, cs);
  for (std::size_t k = 0; k < sk.sketches().size(); ++k)
    for (int t = 0; t < 10; ++t) sk.sketches()[k].add(x);
  CHECK(state_inconsistency(sk).empty());
  cs.metrics[0].mean = x * (1 + 1e-6);  // beyond what summation can do: forged
  RunState forged_state(streaming);
  forged_state.push_chunk(0, cs);
  CHECK_THAT(state_inconsistency(forged_state), Catch::Contains("outside [min"));
}
