// The per-trial decision (models/trial_decision.hpp): one definition for the kernel's columns
// and for replay's outcomes.
#include <catch2/catch.hpp>
#include <vector>

#include "models/trial_decision.hpp"
#include "support/printable.hpp"

namespace tcosim {

namespace {

OptionOutcome outcome(double cost, double ttm) {
  OptionOutcome o{};
  o[kTotalCost] = cost;
  o[kTtmMonths] = ttm;
  return o;
}

}  // namespace

TEST_CASE("decide picks the cheapest and the fastest option separately") {
  const std::vector<OptionOutcome> out = {outcome(300, 4), outcome(100, 9), outcome(200, 2)};
  const TrialDecision d = decide(out);
  CHECK(d.best == 1);
  CHECK(d.fastest == 2);
  CHECK(d.lowest_cost == 100);
}

TEST_CASE("decide keeps the first listed option on ties, for cost and for time") {
  const std::vector<OptionOutcome> out = {outcome(5, 7), outcome(5, 7), outcome(5, 7)};
  const TrialDecision d = decide(out);
  CHECK(d.best == 0);
  CHECK(d.fastest == 0);
  const std::vector<OptionOutcome> later = {outcome(9, 9), outcome(5, 7), outcome(5, 7)};
  CHECK(decide(later).best == 1);
  CHECK(decide(later).fastest == 1);
}

TEST_CASE("decide over columns (the kernel's layout) equals decide over outcomes") {
  // Three options, four trials, metric-major columns as in the chunk kernel.
  constexpr std::size_t kTrials = 4, kOptions = 3;
  const double cost[kOptions][kTrials] = {{1, 5, 3, 2}, {2, 4, 3, 1}, {3, 6, 3, 2}};
  const double ttm[kOptions][kTrials] = {{9, 1, 2, 4}, {8, 1, 3, 4}, {7, 2, 1, 4}};
  for (std::size_t t = 0; t < kTrials; ++t) {
    std::vector<OptionOutcome> row;
    for (std::size_t o = 0; o < kOptions; ++o) row.push_back(outcome(cost[o][t], ttm[o][t]));
    const TrialDecision a = decide(row);
    const TrialDecision b = decide(
        kOptions, [&](std::size_t o) { return cost[o][t]; }, [&](std::size_t o) { return ttm[o][t]; });
    CHECK(a.best == b.best);
    CHECK(a.fastest == b.fastest);
    CHECK(a.lowest_cost == b.lowest_cost);
  }
}

TEST_CASE("a single option is always the cheapest and the fastest") {
  const std::vector<OptionOutcome> one = {outcome(42, 3)};
  const TrialDecision d = decide(one);
  CHECK(d.best == 0);
  CHECK(d.fastest == 0);
  CHECK(d.lowest_cost == 42);
}

TEST_CASE("a decision prints the best and fastest option and the lowest cost") {
  CHECK(fmt::format("{}", TrialDecision{1, 2, 100.5}) == "TrialDecision{best=1, fastest=2, lowest_cost=100.5}");
  CHECK(Catch::Detail::stringify(TrialDecision{}) == "TrialDecision{best=0, fastest=0, lowest_cost=0}");
}

}  // namespace tcosim
