// The mergeable per-chunk accumulators (models/chunk_state.hpp).
#include <catch2/catch.hpp>
#include <vector>

#include "models/chunk_state.hpp"
#include "support/printable.hpp"

using namespace tcosim;

namespace {

/// A state of two options whose every accumulator holds something derived from `base`.
ChunkState filled(double base, std::uint64_t count) {
  ChunkState st;
  st.reset(2, kFormat1MetricCount);
  for (std::size_t k = 0; k < st.metrics.size(); ++k)
    for (double x : {base, base + static_cast<double>(k)}) st.metrics[k].add(x);
  for (Moments& m : st.regret) m.add(base);
  for (auto* counts : {&st.best, &st.fastest, &st.never_on_sale, &st.over_budget, &st.late})
    for (std::uint64_t& c : *counts) c = count;
  return st;
}

}  // namespace

TEST_CASE("reset sizes every accumulator for the options and empties it") {
  ChunkState st = filled(1.0, 5);
  st.reset(3, kFormat1MetricCount);
  CHECK(st.metrics.size() == 3 * kFormat1MetricCount);
  CHECK(st.regret.size() == 3);
  for (const Moments& m : st.metrics) CHECK(m.n == 0);
  for (const Moments& m : st.regret) CHECK(m.n == 0);
  for (const auto* counts : {&st.best, &st.fastest, &st.never_on_sale, &st.over_budget, &st.late})
    CHECK(*counts == std::vector<std::uint64_t>(3, 0));
}

TEST_CASE("merge adds the counts and merges the moments of the later chunks") {
  ChunkState a = filled(1.0, 2);
  const ChunkState b = filled(5.0, 3);
  a.merge(b);
  for (const auto* counts : {&a.best, &a.fastest, &a.never_on_sale, &a.over_budget, &a.late})
    CHECK(*counts == std::vector<std::uint64_t>{5, 5});
  // metrics[k] now holds 1, 1 + k, 5, 5 + k.
  for (std::size_t k = 0; k < a.metrics.size(); ++k) {
    const Moments& m = a.metrics[k];
    CHECK(m.n == 4);
    CHECK(m.mean == Approx(3.0 + static_cast<double>(k) / 2));
    CHECK(m.min == 1.0);
    CHECK(m.max == 5.0 + static_cast<double>(k));
  }
  CHECK(a.regret[1].n == 2);
  CHECK(a.regret[1].mean == 3.0);
}

TEST_CASE("merging an empty state changes nothing") {
  ChunkState a = filled(2.0, 4);
  ChunkState empty;
  empty.reset(2, kFormat1MetricCount);
  a.merge(empty);
  CHECK(a.best == std::vector<std::uint64_t>{4, 4});
  CHECK(a.metrics[3].n == 2);
  CHECK(a.metrics[3].mean == 3.5);
  CHECK(a.regret[0].mean == 2.0);
}

TEST_CASE("a chunk state prints its options, trials and decision counts") {
  ChunkState st = filled(1.0, 2);
  st.best = {2, 0};
  CHECK(fmt::format("{}", st) == "ChunkState{2 options, 2 trials, best=[2, 0], fastest=[2, 2]}");
  CHECK(fmt::format("{}", ChunkState{}) == "ChunkState{0 options, 0 trials, best=[], fastest=[]}");
}
