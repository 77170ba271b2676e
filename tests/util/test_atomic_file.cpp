#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "support/printable.hpp"
#include "support/run_binary.hpp"
#include "util/atomic_file.hpp"

using tcosim::AtomicFile;
using tcosim::test::read_file;
using tcosim::test::TempDir;

TEST_CASE("an atomic file appears only on commit and replaces the old one whole") {
  TempDir dir("atomic");
  const auto target = dir.path() / "summary.json";
  tcosim::write_file_atomically(target, "old");
  {
    AtomicFile f(target);
    f.write("new, half");
    CHECK(read_file(target) == "old");  // the old file is untouched until commit
  }                                     // abandoned without commit: the temporary file is removed
  CHECK(read_file(target) == "old");
  std::size_t entries = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) entries += e.exists() ? 1 : 0;
  CHECK(entries == 1);
  tcosim::write_file_atomically(target, "new");
  CHECK(read_file(target) == "new");
}

TEST_CASE("an atomic file in a missing folder fails with the path in the message") {
  TempDir dir("atomic-missing");
  CHECK_THROWS_WITH(tcosim::write_file_atomically(dir.path() / "no" / "such" / "file", "x"),
                    Catch::Contains("no/such/file"));
}

TEST_CASE("an atomic file prints its target, open until commit and closed after") {
  TempDir dir("atomic-print");
  const auto target = dir.path() / "out.csv";
  AtomicFile f(target);
  CHECK(fmt::format("{}", f) == "AtomicFile{" + target.string() + ", open}");
  f.commit();
  CHECK(fmt::format("{}", f) == "AtomicFile{" + target.string() + ", closed}");
}

TEST_CASE("an atomic file's temporary name parses back into its target and writer") {
  const auto t = tcosim::parse_temp_file_name("report.md.tmp.4242");
  REQUIRE(t);
  CHECK(t->target == "report.md");
  CHECK(t->pid == 4242);
  CHECK(fmt::format("{}", *t) == "report.md, written by process 4242");
  CHECK(tcosim::parse_temp_file_name("a.tmp.b.tmp.7")->target == "a.tmp.b");
  const auto random = tcosim::parse_temp_file_name("report.md.tmp.4242.0123456789abcdef");
  REQUIRE(random);
  CHECK(random->target == "report.md");
  CHECK(random->pid == 4242);
  for (const char* other :
       {"budget.tmp.xlsx", "report.md", "report.md.tmp.", "report.md.tmp.12x", ".tmp.5", "report.md.tmp.-3",
        "report.md.tmp.0", "report.md.tmp.42.0123", "report.md.tmp.42.0123456789ABCDEF", "report.md.tmp.42.xlsx"})
    CHECK_FALSE(tcosim::parse_temp_file_name(other));
}

TEST_CASE("only the stale temporary files of the named targets are removed") {
  tcosim::test::TempDir dir("atomic-stale");
  const std::string dead = "99999999";  // above Linux's pid limit: no such process
  const std::string mine = std::to_string(::getpid());
  for (const std::string& name : {"a.csv.tmp." + dead, "a.csv.tmp." + mine, "b.csv.tmp." + dead, std::string("a.csv")})
    std::ofstream(dir.path() / name) << "x";
  const std::string_view targets[] = {"a.csv"};
  tcosim::remove_stale_temp_files(dir.path(), targets);
  CHECK_FALSE(std::filesystem::exists(dir.path() / ("a.csv.tmp." + dead)));
  CHECK(std::filesystem::exists(dir.path() / ("a.csv.tmp." + mine)));  // its writer runs
  CHECK(std::filesystem::exists(dir.path() / ("b.csv.tmp." + dead)));  // not a named target
  CHECK(std::filesystem::exists(dir.path() / "a.csv"));
}

TEST_CASE("an atomic file never follows a link planted at a temporary name") {
  TempDir dir("atomic-link");
  const auto victim = dir.path() / "victim.txt";
  std::ofstream(victim) << "precious";
  const auto target = dir.path() / "summary.json";
  // 0.3.0's name for this process's temporary file, and the same with every suffix this
  // process could not predict: the write must go elsewhere and leave the victim alone.
  const std::string pid = std::to_string(::getpid());
  std::filesystem::create_symlink(victim, dir.path() / ("summary.json.tmp." + pid));
  tcosim::write_file_atomically(target, "result");
  CHECK(read_file(victim) == "precious");
  CHECK(read_file(target) == "result");
}

TEST_CASE("two atomic files of one target in one process get different temporary names") {
  TempDir dir("atomic-twice");
  const auto target = dir.path() / "out.csv";
  AtomicFile a(target);
  AtomicFile b(target);  // 0.3.0 opened the same "<target>.tmp.<pid>" twice
  a.write("a");
  b.write("b");
  std::size_t temps = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir.path()))
    temps += tcosim::parse_temp_file_name(e.path().filename().string()) ? 1 : 0;
  CHECK(temps == 2);
  b.commit();
  a.commit();
  CHECK(read_file(target) == "a");
}
