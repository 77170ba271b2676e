#include <catch2/catch.hpp>

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
