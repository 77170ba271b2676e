// Checkpoint and resume as users meet them: signals, kill -9 at random moments, damaged or
// foreign checkpoints, and output folders that cannot be written.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>

#include "support/run_binary.hpp"
#include "support/sanitized.hpp"
#include "support/scenario_fixtures.hpp"
#include "support/summary_numbers.hpp"
#include "util/folder_lock.hpp"

using namespace tcosim::test;
namespace fs = std::filesystem;

namespace {

// Starts tcosim in the background, waits `seconds`, sends `sig`; returns the exit status.
int run_and_signal(const std::string& args, double seconds, const char* sig) {
  const std::string cmd = "sh -c '" + std::string(TCOSIM_BINARY) + " " + args + " >/dev/null 2>&1 & pid=$!; sleep " +
                          std::to_string(seconds) + "; kill -" + sig + " $pid 2>/dev/null; wait $pid; exit $?'";
  return run_shell(cmd).status;
}

bool no_temporary_files(const fs::path& dir) {
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().filename().string().find(".tmp.") != std::string::npos) return false;
  return true;
}

}  // namespace

TEST_CASE("SIGTERM stops a run cleanly with a checkpoint, and --resume finishes it identically", "[resume]") {
  TempDir dir("resume-term");
  const std::string common = kFormat1Scenario + " --trials " + std::to_string(behaviour_trials(1500000)) +
                             " --seed 5 --max-memory 48M -q --threads 2 --checkpoint-interval 0";
  REQUIRE(run_tcosim("run " + common + " --out " + (dir.path() / "ref").string()).status == 0);
  const fs::path out = dir.path() / "run";
  const std::string args = "run " + common + " --out " + out.string();
  const int status = run_and_signal(args, 0.8, "TERM");
  if (status == 0) {
    WARN("the run finished before the signal; nothing to resume on this machine");
  } else {
    CHECK(status == 128 + 15);
    CHECK(fs::exists(out / "checkpoint.tcosim"));
    CHECK_FALSE(fs::exists(out / "summary.json"));  // nothing claims to be complete
  }
  const CommandResult resumed = run_tcosim(args + " --resume");
  REQUIRE(resumed.status == 0);
  CHECK(numbers_of(out) == numbers_of(dir.path() / "ref"));
  CHECK_FALSE(fs::exists(out / "checkpoint.tcosim"));  // removed once the results are written
}

TEST_CASE("kill -9 at random moments, resumed each time, gives the uninterrupted result", "[resume]") {
  // Streaming statistics, and exact LHS (fewer trials: exact checkpoints hold every outcome).
  for (const std::string& mode :
       {"--trials " + std::to_string(behaviour_trials(1000000)) + " --max-memory 48M",
        "--trials " + std::to_string(behaviour_trials(300000)) + " --max-memory 2G --sampling lhs"}) {
    INFO(mode);
    TempDir dir("resume-kill");
    const std::string common = kFormat1Scenario + " --seed 11 -q --threads 2 --checkpoint-interval 0 " + mode;
    REQUIRE(run_tcosim("run " + common + " --out " + (dir.path() / "ref").string()).status == 0);
    const fs::path out = dir.path() / "run";
    const std::string args = "run " + common + " --out " + out.string() + " --resume";
    std::mt19937 rng(20261124);
    std::uniform_real_distribution<double> delay(0.05, 0.6);
    int killed = 0;
    for (int i = 0; i < 5 && !fs::exists(out / "summary.json"); ++i)
      if (run_and_signal(args, delay(rng), "KILL") != 0) ++killed;
    INFO("killed " << killed << " times");
    REQUIRE(run_tcosim(args).status == 0);
    CHECK(numbers_of(out) == numbers_of(dir.path() / "ref"));
    CHECK(no_temporary_files(out));
  }
}

TEST_CASE("a checkpoint from another seed or trial count is refused, and nothing is written", "[resume]") {
  TempDir dir("resume-foreign");
  const fs::path out = dir.path() / "run";
  const std::string base =
      "run " + kFormat1Scenario + " -q --max-memory 48M --checkpoint-interval 0 --out " + out.string();
  const int status = run_and_signal(base + " --trials 1500000 --seed 1", 0.8, "INT");
  if (status == 0) {
    WARN("the run finished before the signal");
    return;
  }
  REQUIRE(fs::exists(out / "checkpoint.tcosim"));
  const CommandResult r = run_tcosim(base + " --trials 1500000 --seed 2 --resume");
  CHECK(r.status == 1);
  CHECK_THAT(r.output, Catch::Contains("belongs to another run") && Catch::Contains("seed 1 (this run: 2)"));
  CHECK_FALSE(fs::exists(out / "summary.json"));
  const CommandResult t = run_tcosim(base + " --seed 1 --trials 500000 --resume");
  CHECK(t.status == 1);
  CHECK_THAT(t.output, Catch::Contains("trials 1500000 (this run: 500000)"));
}

TEST_CASE("a corrupted or truncated checkpoint is refused cleanly", "[resume]") {
  TempDir dir("resume-corrupt");
  const fs::path out = dir.path() / "run";
  const std::string args =
      "run " + kFormat1Scenario + " --trials 1500000 -q --max-memory 48M --checkpoint-interval 0 --out " + out.string();
  if (run_and_signal(args, 0.8, "TERM") == 0) {
    WARN("the run finished before the signal");
    return;
  }
  const fs::path ck = out / "checkpoint.tcosim";
  const std::string good = read_file(ck);
  for (const std::string& bad : {good.substr(0, good.size() / 2), std::string(good).replace(100, 8, "garbage!")}) {
    std::ofstream(ck, std::ios::binary | std::ios::trunc) << bad;
    const CommandResult r = run_tcosim(args + " --resume");
    CHECK(r.status == 1);
    CHECK_THAT(r.output, Catch::Contains("is damaged") && Catch::Contains(ck.string()));
    CHECK_FALSE(fs::exists(out / "summary.json"));
  }
}

TEST_CASE("an unwritable output folder or a full disk gives a clear error and no partial summary", "[resume]") {
  TempDir dir("resume-disk");
  const fs::path file = dir.path() / "a-file";
  std::ofstream(file) << "not a folder";
  const CommandResult r = run_tcosim("run --trials 1000 -q --out " + (file / "sub").string());
  CHECK(r.status == 1);
  CHECK_THAT(r.output, Catch::Contains("cannot create output folder") && Catch::Contains((file / "sub").string()));

  // A full disk, as a process sees it: writes beyond the file size limit fail with EFBIG.
  const fs::path out = dir.path() / "full";
  const CommandResult full = run_shell("sh -c \"trap '' XFSZ; ulimit -f 64; exec " + std::string(TCOSIM_BINARY) +
                                       " run --trials 20000 -q --out " + out.string() + "\" 2>&1");
  CHECK(full.status == 1);
  CHECK_THAT(full.output, Catch::Contains("cannot write") && Catch::Contains("File too large"));
  CHECK_FALSE(fs::exists(out / "summary.json"));
  CHECK(no_temporary_files(out));
}

TEST_CASE("a checkpoint left without --resume is refused, --force starts over", "[resume]") {
  TempDir dir("resume-keep");
  const fs::path out = dir.path() / "run";
  fs::create_directories(out);
  const fs::path ck = out / "checkpoint.tcosim";
  std::ofstream(ck, std::ios::binary) << "hours of work";
  const std::string args = "run --trials 2000 -q --out " + out.string();
  const CommandResult r = run_tcosim(args);
  CHECK(r.status == 1);
  CHECK_THAT(r.output, Catch::Contains(ck.string()) && Catch::Contains("--resume") && Catch::Contains("--force"));
  CHECK(read_file(ck) == "hours of work");  // nothing thrown away
  CHECK_FALSE(fs::exists(out / "summary.json"));
  CHECK(run_tcosim(args + " --resume --force").status == 2);  // one or the other
  const CommandResult forced = run_tcosim(args + " --force");
  CHECK(forced.status == 0);
  CHECK(fs::exists(out / "summary.json"));
  CHECK_FALSE(fs::exists(ck));
}

TEST_CASE("a second run into a locked output folder is refused at once, naming the folder and the holder", "[resume]") {
  TempDir dir("resume-lock");
  const fs::path out = dir.path() / "run";
  fs::create_directories(out);
  {
    const tcosim::FolderLock held(out);  // as another tcosim run would hold it
    const CommandResult r = run_tcosim("run --trials 2000 -q --out " + out.string());
    CHECK(r.status == 1);
    CHECK_THAT(r.output, Catch::Contains(out.string()) && Catch::Contains("process " + std::to_string(::getpid())));
    CHECK_FALSE(fs::exists(out / "summary.json"));
    const CommandResult sweep = run_tcosim("sweep --param run.seed=1,2 --trials 500 --out " + out.string());
    CHECK(sweep.status == 1);
    CHECK_THAT(sweep.output, Catch::Contains("in use by another tcosim run"));
    const CommandResult batch = run_tcosim("batch " + std::string(TCOSIM_SOURCE_DIR) +
                                           "/scenarios/default.yaml --trials 500 --out " + out.string());
    CHECK(batch.status == 1);
    CHECK_THAT(batch.output, Catch::Contains("in use by another tcosim run"));
  }
  CHECK(run_tcosim("run --trials 2000 -q --out " + out.string()).status == 0);  // released with its holder
}

TEST_CASE("a run of 10^12 trials starts at once and stops within a second or two of SIGTERM", "[resume]") {
  // 0.3.0 listed every chunk before the first trial: 2 GB and 9 s before a signal was seen.
  TempDir dir("resume-huge");
  const fs::path out = dir.path() / "run";
  const auto start = std::chrono::steady_clock::now();
  const int status = run_and_signal(
      "run --trials 1000000000000 --max-memory 80M -q --threads 2 "
      "--checkpoint-interval 3600 --out " +
          out.string(),
      1.0, "TERM");
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(status == 128 + 15);
  CHECK(wall < 1.0 + 2.5);  // a wave of 64 chunks is well under a second; the margin is for a loaded machine
  CHECK(fs::exists(out / "checkpoint.tcosim"));
  CHECK(fs::file_size(out / "checkpoint.tcosim") < (80u << 20));
}
