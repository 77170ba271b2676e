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

TEST_CASE("a thread limit prints its cap") {
  CHECK(ThreadLimit(3).to_string() == "at most 3 threads");
  CHECK(ThreadLimit(0).to_string() == "no thread limit");
}
