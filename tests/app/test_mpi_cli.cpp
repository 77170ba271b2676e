// Distributed runs (docs/distributed.md): `mpirun -np P tcosim ...` must give exactly the
// numbers of one process, for any P, in every statistics mode, and resume across modes.
#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>

#include "run/run_catalogue.hpp"
#include "support/run_binary.hpp"
#include "support/scenario_fixtures.hpp"
#include "support/summary_numbers.hpp"

using namespace tcosim::test;
namespace fs = std::filesystem;

#ifdef TCOSIM_MPIEXEC

namespace {

// Root is allowed (CI runs as root), more ranks than cores are allowed (2-core CI machine),
// ranks are not pinned (each rank's TBB threads may use any core), and the shared-memory
// transport copies through a buffer (containers often forbid cross-process memory access).
std::string mpirun(int ranks, const std::string& args) {
  return "OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_btl_vader_single_copy_mechanism=none " +
         std::string(TCOSIM_MPIEXEC) + " --oversubscribe --bind-to none -np " + std::to_string(ranks) + " " +
         std::string(TCOSIM_BINARY) + " " + args + " 2>&1";
}

/// scenarios/default.yaml as `name`, running `trials` trials (its run: block), into `file`.
void write_default_as(const fs::path& file, const std::string& name, std::uint64_t trials) {
  std::string text = read_file(kScenarios + "default.yaml");
  for (const auto& [from, to] :
       {std::pair<std::string, std::string>{"\nname: smart-speaker\n", "\nname: " + name + "\n"},
        {"\n  trials: 200000 ", "\n  trials: " + std::to_string(trials) + " "}}) {
    const std::size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
  }
  std::ofstream(file) << text;
}

/// The catalogue's runs as the batch has written them so far (none while it cannot be read).
std::vector<tcosim::RunRecord> catalogue_runs(const fs::path& db) {
  try {
    return tcosim::RunCatalogue(db, true).runs();
  } catch (const std::exception&) {
    return {};
  }
}

/// The run of `scenario` in `runs` (the latest), if any.
std::optional<tcosim::RunRecord> run_named(const std::vector<tcosim::RunRecord>& runs, const std::string& scenario) {
  std::optional<tcosim::RunRecord> found;
  for (const tcosim::RunRecord& r : runs)
    if (r.identity.scenario == scenario) found = r;
  return found;
}

}  // namespace

TEST_CASE("mpirun -np 2 and -np 3 give the single-process numbers bit for bit", "[mpi]") {
  TempDir dir("mpi-run");
  struct Mode {
    const char* name;
    const char* args;
  };
  for (const Mode& m :
       {Mode{"exact", "--trials 300000 --samples 50"}, Mode{"streaming", "--trials 300000 --max-memory 48M"},
        Mode{"lhs-precision", "--trials 600000 --sampling lhs --target-precision 0.002"},
        Mode{"sobol-precision", "--trials 600000 --sampling sobol --target-precision 0.001"},
        // 4M trials' outcomes do not fit 320M, the replicate sketches do: streaming sobol.
        Mode{"sobol-streaming", "--trials 4000000 --sampling sobol --target-precision 0.005 --max-memory 320M"},
        Mode{"fewer-chunks-than-ranks", "--trials 5000"}}) {
    INFO(m.name);
    const std::string common = "run " + kFormat1Scenario + " -q --seed 3 " + m.args + " --out ";
    const fs::path one = dir.path() / (std::string(m.name) + "-1");
    REQUIRE(run_tcosim(common + one.string() + " --threads 2").status == 0);
    for (int p : {2, 3}) {
      const fs::path many = dir.path() / (std::string(m.name) + "-" + std::to_string(p));
      const CommandResult r = run_shell(mpirun(p, common + many.string() + " --threads 1"));
      INFO(r.output);
      REQUIRE(r.status == 0);
      CHECK(numbers_of(many) == numbers_of(one));
      CHECK(read_file(many / "percentiles.csv") == read_file(one / "percentiles.csv"));
      if (fs::exists(one / "samples.csv")) CHECK(read_file(many / "samples.csv") == read_file(one / "samples.csv"));
    }
  }
}

TEST_CASE("format 2: mpirun gives the single-process numbers bit for bit, cash series included", "[mpi][format2]") {
  // The ranks ship their no-payback and cash-short counts and their cash-curve series (stored
  // arrays or sketches) to rank 0 in RunState's saved form, as they do the metrics.
  TempDir dir("mpi-format2");
  const std::string scenario = std::string(TCOSIM_SOURCE_DIR) + "/tests/data/format2_memory.yaml";
  for (const char* mode : {"--trials 100000 --samples 20", "--trials 300000 --max-memory 48M",
                           "--trials 300000 --sampling lhs --target-precision 0.003"}) {
    INFO(mode);
    const std::string common = "run " + scenario + " -q --seed 4 " + mode + " --out ";
    const fs::path one = dir.path() / "one";
    REQUIRE(run_tcosim(common + one.string() + " --threads 2").status == 0);
    for (int p : {2, 3}) {
      const fs::path many = dir.path() / ("np" + std::to_string(p));
      const CommandResult r = run_shell(mpirun(p, common + many.string() + " --threads 1"));
      INFO(r.output);
      REQUIRE(r.status == 0);
      CHECK(numbers_of(many) == numbers_of(one));
      CHECK(read_file(many / "percentiles.csv") == read_file(one / "percentiles.csv"));
    }
    fs::remove_all(one);
  }
}

TEST_CASE("a run interrupted on one process resumes under mpirun with the same result", "[mpi]") {
  TempDir dir("mpi-resume");
  const std::string common =
      "run " + kFormat1Scenario + " -q --seed 8 --trials 400000 --max-memory 48M --checkpoint-interval 0 --out ";
  REQUIRE(run_tcosim(common + (dir.path() / "ref").string()).status == 0);
  const fs::path out = dir.path() / "run";
  const CommandResult stopped = run_shell("sh -c '" + std::string(TCOSIM_BINARY) + " " + common + out.string() +
                                          " & pid=$!; sleep 0.8; kill -TERM $pid; wait $pid; exit $?'");
  if (stopped.status == 0) WARN("the run finished before the signal");
  const CommandResult r = run_shell(mpirun(3, common + out.string() + " --resume --threads 1"));
  INFO(r.output);
  REQUIRE(r.status == 0);
  CHECK(numbers_of(out) == numbers_of(dir.path() / "ref"));
}

TEST_CASE("a checkpoint written by three ranks resumes on one process with the same result", "[mpi]") {
  TempDir dir("mpi-ranks-resume");
  const std::string common =
      "run " + kFormat1Scenario + " -q --seed 9 --trials 1500000 --max-memory 48M --checkpoint-interval 0 --out ";
  REQUIRE(run_tcosim(common + (dir.path() / "ref").string()).status == 0);
  const fs::path out = dir.path() / "run";
  // SIGTERM to the ranks themselves (as Slurm's --signal does): they agree to stop at the next
  // wave, rank 0 collects every rank's completed ranges and writes the checkpoint.
  const std::string ranks_pattern = std::string(TCOSIM_BINARY) + " " + common + out.string();
  const CommandResult stopped =
      run_shell("sh -c '(" + mpirun(3, common + out.string() + " --threads 1") + ") >/dev/null & pid=$!; sleep 3; " +
                "pkill -TERM -f \"^" + ranks_pattern + "\"; wait $pid'");
  if (!fs::exists(out / "checkpoint.tcosim")) WARN("the ranks finished or had not started when signalled");
  const CommandResult r = run_tcosim(common + out.string() + " --resume");
  INFO(r.output);
  REQUIRE(r.status == 0);
  CHECK(numbers_of(out) == numbers_of(dir.path() / "ref"));
}

TEST_CASE("batch and sweep under mpirun spread the work and write what one process writes", "[mpi]") {
  TempDir dir("mpi-batch");
  const std::string scenarios = std::string(TCOSIM_SOURCE_DIR) + "/scenarios";
  REQUIRE(run_tcosim("batch " + scenarios + " --trials 20000 --out " + (dir.path() / "one").string()).status == 0);
  const CommandResult b = run_shell(
      mpirun(3, "batch " + scenarios + " --trials 20000 --threads 1 --out " + (dir.path() / "many").string()));
  INFO(b.output);
  REQUIRE(b.status == 0);
  for (const auto& e : fs::directory_iterator(dir.path() / "one"))
    if (fs::exists(e.path() / "summary.json"))
      CHECK(numbers_of(e.path()) == numbers_of(dir.path() / "many" / e.path().filename()));
  const CommandResult runs = run_tcosim("runs --db " + (dir.path() / "many" / "catalogue.sqlite").string());
  CHECK(runs.status == 0);
  CHECK_THAT(runs.output, Catch::Contains("smart-speaker") && !Catch::Contains("running"));
  // A re-run skips everything, under MPI too.
  const CommandResult again =
      run_shell(mpirun(2, "batch " + scenarios + " --trials 20000 --out " + (dir.path() / "many").string()));
  CHECK(again.status == 0);
  CHECK_THAT(again.output, Catch::Contains("skip"));

  const std::string sweep =
      "sweep --param market.demand_units.mode=30000,45000,60000 --trials 20000 --breakeven --out ";
  REQUIRE(run_tcosim(sweep + (dir.path() / "sweep-one").string()).status == 0);
  const CommandResult s = run_shell(mpirun(2, sweep + (dir.path() / "sweep-many").string() + " --threads 1"));
  INFO(s.output);
  REQUIRE(s.status == 0);
  CHECK(read_file(dir.path() / "sweep-many" / "sweep.csv") == read_file(dir.path() / "sweep-one" / "sweep.csv"));
  CHECK(read_file(dir.path() / "sweep-many" / "breakeven.csv") ==
        read_file(dir.path() / "sweep-one" / "breakeven.csv"));
}

TEST_CASE("batch under mpirun: another rank's ending is in the catalogue before the job dies", "[mpi]") {
  // Rank 0 runs a-long (too long to finish), rank 1 b-short. b-short's `ok` row and results
  // must appear while a-long still runs; then the whole job is killed, as a crash or a node
  // loss would end it, and the re-run skips b-short.
  TempDir dir("mpi-endings");
  const fs::path in = dir.path() / "in", out = dir.path() / "out", db = out / "catalogue.sqlite";
  fs::create_directories(in);
  write_default_as(in / "a-long.yaml", "a-long", 2'000'000'000);
  write_default_as(in / "b-short.yaml", "b-short", 20'000);
  const std::string batch = "batch " + in.string() + " --threads 1 --out " + out.string();
  // mpirun and its ranks in a session of their own (its leader writes the session id), so that
  // killing the session kills them all and nothing else.
  const fs::path sid_file = dir.path() / "sid";
  REQUIRE(run_shell("setsid sh -c 'echo $$ > " + sid_file.string() + "; " + mpirun(2, batch) + "' > " +
                    (dir.path() / "log").string() + " 2>&1 < /dev/null &")
              .status == 0);
  std::string sid;
  std::optional<tcosim::RunRecord> short_run, long_run;
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (!short_run && std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    const std::vector<tcosim::RunRecord> runs = catalogue_runs(db);
    if (const auto b = run_named(runs, "b-short"); b && b->status == "ok")
      short_run = b, long_run = run_named(runs, "a-long");
  }
  for (int i = 0; i < 100 && sid.empty(); ++i, std::this_thread::sleep_for(std::chrono::milliseconds(10)))
    sid = read_file(sid_file);
  REQUIRE_FALSE(sid.empty());
  sid.erase(sid.find_last_not_of(" \n") + 1);
  run_shell("pkill -KILL -s " + sid);
  for (int i = 0; i < 200 && run_shell("pgrep -s " + sid + " > /dev/null").status == 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  INFO(read_file(dir.path() / "log"));
  REQUIRE(short_run);
  REQUIRE(long_run);
  CHECK(long_run->status == "running");
  CHECK_FALSE(tcosim::RunCatalogue(db, true).results(short_run->id).empty());

  // The re-run, with a-long made short (a new identity): b-short is skipped, a-long runs anew
  // and the killed a-long row is marked interrupted.
  write_default_as(in / "a-long.yaml", "a-long", 20'000);
  const CommandResult again = run_shell(mpirun(2, batch));
  INFO(again.output);
  REQUIRE(again.status == 0);
  CHECK_THAT(again.output, Catch::Contains("skip b-short") && Catch::Contains("done a-long"));
  const std::vector<tcosim::RunRecord> runs = tcosim::RunCatalogue(db, true).runs();
  REQUIRE(runs.size() == 3);
  CHECK(runs[0].identity.scenario == "a-long");
  CHECK(runs[0].status == "interrupted");
  CHECK(runs[1].id == short_run->id);
  CHECK(runs[1].status == "ok");
  CHECK(runs[1].finished_at == short_run->finished_at);
  CHECK(runs[2].identity.scenario == "a-long");
  CHECK(runs[2].status == "ok");
}

TEST_CASE("a failing scenario under mpirun is reported, not a hang", "[mpi]") {
  TempDir dir("mpi-fail");
  // A checkpoint of another run: every rank learns of the refusal and the job ends with status 1.
  const fs::path out = dir.path() / "run";
  fs::create_directories(out);
  std::ofstream(out / "checkpoint.tcosim") << "not a checkpoint";
  const CommandResult r = run_shell(mpirun(2, "run -q --trials 20000 --resume --out " + out.string()));
  CHECK(r.status != 0);
  CHECK_THAT(r.output, Catch::Contains("is damaged"));
}

#else

TEST_CASE("MPI tests are skipped: tcosim was built without MPI", "[mpi]") {
  WARN("built without MPI (TCOSIM_MPI=OFF or no MPI found); distributed tests not run");
}

#endif
