#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "support/printable.hpp"
#include "support/run_binary.hpp"
#include "util/folder_lock.hpp"

using tcosim::FolderLock;
using tcosim::test::read_file;
using tcosim::test::TempDir;

TEST_CASE("a folder lock refuses a second holder at once, naming the folder and the holder") {
  TempDir dir("lock");
  {
    const FolderLock first(dir.path());
    CHECK(fmt::format("{}", first) == "lock on " + dir.str());
    CHECK(read_file(dir.path() / tcosim::kFolderLockFileName) == std::to_string(::getpid()) + "\n");
    CHECK_THROWS_AS(FolderLock(dir.path()), tcosim::FolderLocked);
    CHECK_THROWS_WITH(FolderLock(dir.path()),
                      Catch::Contains(dir.str()) && Catch::Contains("process " + std::to_string(::getpid())));
  }
  CHECK_NOTHROW(FolderLock(dir.path()));  // released with its holder
}

TEST_CASE("a folder lock does not follow a link planted at its name") {
  TempDir dir("lock-link");
  const auto victim = dir.path() / "victim.txt";
  std::ofstream(victim) << "precious";
  std::filesystem::create_symlink(victim, dir.path() / tcosim::kFolderLockFileName);
  CHECK_THROWS_WITH(FolderLock(dir.path()), Catch::Contains("cannot lock output folder"));
  CHECK(read_file(victim) == "precious");
}
