#include <catch2/catch.hpp>

#include "run/thread_limit.hpp"

using namespace tcosim;

TEST_CASE("a thread limit caps the threads while it lives, and 0 leaves them alone") {
  const unsigned all = ThreadLimit::current();
  REQUIRE(all >= 1);
  {
    const ThreadLimit one(1);
    CHECK(ThreadLimit::current() == 1);
    {
      const ThreadLimit none(0);
      CHECK(ThreadLimit::current() == 1);
    }
    {
      const ThreadLimit three(3);  // the strictest limit alive wins
      CHECK(ThreadLimit::current() == 1);
    }
  }
  CHECK(ThreadLimit::current() == all);
  {
    const ThreadLimit many(all + 5);  // never more than the cores
    CHECK(ThreadLimit::current() == all);
  }
}
