// Neumaier-compensated summation (sim/compensated_sum.hpp) keeps the digits a plain sum loses.
#include <catch2/catch.hpp>

#include "sim/compensated_sum.hpp"
#include "support/printable.hpp"

using tcosim::CompensatedSum;

TEST_CASE("a small term between two huge ones of opposite sign survives") {
  CompensatedSum s;
  double plain = 0.0;
  for (double x : {1e100, 1.0, -1e100}) {
    s.add(x);
    plain += x;
  }
  CHECK(plain == 0.0);
  CHECK(s.value() == 1.0);
  CHECK(fmt::format("{}", s) == "CompensatedSum{value=1, sum=0, comp=1}");
}

TEST_CASE("ten tenths sum to the correctly rounded 1") {
  CompensatedSum s;
  double plain = 0.0;
  for (int i = 0; i < 10; ++i) {
    s.add(0.1);
    plain += 0.1;
  }
  CHECK(plain != 1.0);  // 0.9999999999999999
  CHECK(s.value() == 1.0);
  CHECK(CompensatedSum{}.value() == 0.0);
}
