#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "run/output_lock.hpp"
#include "support/printable.hpp"
#include "support/run_binary.hpp"

using tcosim::test::TempDir;

TEST_CASE("claiming an output folder creates and locks it, a second claim is refused") {
  TempDir dir("output-lock");
  const auto out = dir.path() / "a" / "b";
  auto& comm = tcosim::Communicator::single();
  const auto lock = tcosim::lock_output_folder(comm, out);
  REQUIRE(lock != nullptr);
  CHECK(std::filesystem::is_directory(out));
  CHECK_THROWS_AS(tcosim::lock_output_folder(comm, out), tcosim::OutputFolderRefused);
}

TEST_CASE("an output folder that cannot be created is refused with the system's reason") {
  TempDir dir("output-lock-file");
  std::ofstream(dir.path() / "file") << "x";
  CHECK_THROWS_WITH(tcosim::lock_output_folder(tcosim::Communicator::single(), dir.path() / "file" / "sub"),
                    Catch::Contains("cannot create output folder") && Catch::Contains("file/sub"));
  CHECK_NOTHROW(tcosim::refuse_on_every_rank(tcosim::Communicator::single(), ""));
  CHECK_THROWS_WITH(tcosim::refuse_on_every_rank(tcosim::Communicator::single(), "no"), "no");
}
