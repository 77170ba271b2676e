// The single-process Communicator (sim/communicator.hpp): every collective is the identity and
// moves no bytes, so a run without mpirun takes the distributed code path unchanged.
#include <catch2/catch.hpp>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/communicator.hpp"
#include "support/printable.hpp"

using namespace tcosim;

TEST_CASE("the single communicator is rank 0 of 1, the root, and not distributed") {
  Communicator& c = Communicator::single();
  CHECK(c.rank() == 0);
  CHECK(c.size() == 1);
  CHECK(c.is_root());
  CHECK_FALSE(c.distributed());
  CHECK(&Communicator::single() == &c);
  // No MpiSession started MPI in this process, so the world is the single communicator.
  CHECK(&Communicator::world() == &c);
}

TEST_CASE("single-process collectives are identities and move no bytes") {
  Communicator& c = Communicator::single();
  const std::uint64_t moved = c.bytes_moved();
  std::vector<std::uint64_t> values = {3, 0, 18446744073709551615ull};
  const std::vector<std::uint64_t> before = values;
  c.allreduce(values, Communicator::Op::Sum);
  CHECK(values == before);
  c.allreduce(values, Communicator::Op::Max);
  CHECK(values == before);
  const std::string payload("chunk\0states", 12);
  CHECK(c.gather(payload) == std::vector<std::string>{payload});
  std::string bytes = payload;
  c.broadcast(bytes);
  CHECK(bytes == payload);
  CHECK(c.bytes_moved() == moved);
}

TEST_CASE("a single process has no other rank: send refuses, try_receive finds nothing") {
  Communicator& c = Communicator::single();
  const std::uint64_t moved = c.bytes_moved();
  CHECK_THROWS_AS(c.send(0, "ending"), std::logic_error);
  CHECK_THROWS_WITH(c.send(1, "ending"), "send to rank 1 from rank 0 of 1: no such other rank");
  CHECK_FALSE(c.try_receive());
  CHECK(c.bytes_moved() == moved);
}

TEST_CASE("communicators, their reduction ops and MPI sessions print themselves") {
  CHECK(fmt::format("{}", Communicator::Message{2, "abc"}) == "Message{3 bytes from rank 2}");
  CHECK(fmt::format("{}", Communicator::single()) == "Communicator{rank 0 of 1, 0 bytes moved}");
  CHECK(fmt::format("{} {}", Communicator::Op::Max, Communicator::Op::Sum) == "max sum");
  // Only where no launcher asked for MPI: a session then starts nothing.
  bool launched = false;
  for (const char* var : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK", "MPI_LOCALNRANKS"})
    launched = launched || std::getenv(var) != nullptr;
  if (!launched) {
    const MpiSession session(nullptr, nullptr);
    CHECK(fmt::format("{}", session) == (MpiSession::compiled_in()
                                             ? "MpiSession{single process, MPI compiled in}"
                                             : "MpiSession{single process, no MPI in this build}"));
  }
}
