#include <catch2/catch.hpp>

#include "models/decision_analytics.hpp"
#include "support/printable.hpp"

using namespace tcosim;

TEST_CASE("decision analytics results print their headline numbers", "[analytics]") {
  const DifferenceDriver d{3, 0.5, -100.0, 150.0};
  CHECK(d.swing() == 250.0);
  CHECK(d.to_string() == "DifferenceDriver{input=slot 3, spearman=0.5, swing=250}");
  PairedDifference p;
  p.a = 0, p.b = 2, p.p_a_cheaper = 0.7, p.drivers = {d};
  p.difference.mean = -1000.0;
  CHECK(p.to_string() == "PairedDifference{0 - 2, mean=-1000, p_a_cheaper=0.7, 1 drivers}");
  ValueOfInformation v;
  v.evpi = 30000.0;
  v.evppi = {{1, {100.0, 10.0, 1.0}}};
  CHECK(v.to_string() == "ValueOfInformation{evpi=30000, 1 inputs}");
  CHECK(v.evppi[0].to_string() == "InputInformation{input=slot 1, InformationEstimate{value=100, stderr=10, bias=1}}");
  StressCase c;
  c.input = 0, c.high = true, c.choice = 2, c.flips = true;
  CHECK(c.to_string() == "StressCase{input=slot 0, high, choice=2, flips}");
}
