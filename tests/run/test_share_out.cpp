// The share-out of batch and sweep items over ranks (run/share_out.hpp), on one process; the
// distributed path is tested through the binary under mpirun (tests/app/test_mpi_cli.cpp).
#include <catch2/catch.hpp>
#include <vector>

#include "run/share_out.hpp"

using namespace tcosim;

TEST_CASE("one process runs every item in order and needs no encoding") {
  std::vector<std::size_t> ran;
  int encoded = 0, decoded = 0;
  const bool root = share_out(
      Communicator::single(), 5, [&](std::size_t k) { ran.push_back(k); },
      [&](std::size_t k) {
        ++encoded;
        return nlohmann::json(k);
      },
      [&](std::size_t, const nlohmann::json&) { ++decoded; });
  CHECK(root);
  CHECK(ran == std::vector<std::size_t>{0, 1, 2, 3, 4});
  CHECK(encoded == 0);
  CHECK(decoded == 0);
}

TEST_CASE("no items: nothing runs, and the process is still rank 0") {
  int ran = 0;
  CHECK(share_out(
      Communicator::single(), 0, [&](std::size_t) { ++ran; }, [](std::size_t) { return nlohmann::json(); },
      [](std::size_t, const nlohmann::json&) {}));
  CHECK(ran == 0);
}
