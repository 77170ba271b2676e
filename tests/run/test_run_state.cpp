#include <catch2/catch.hpp>
#include <cstring>

#include "run/run_state.hpp"
#include "support/saved_state.hpp"

using namespace tcosim;
using tcosim::test::saved;

namespace {

RunShape small_shape(bool exact) {
  RunShape shape;
  shape.options = 2;
  shape.inputs = 3;
  shape.chunks = ChunkPlan{38, 4};  // 10 chunks, the last one of 2 trials
  shape.exact = exact;
  shape.sample_rows = 5;
  shape.sens_rows = 9;
  return shape;
}

double value(std::uint64_t trial, std::size_t k) {
  return 1.0 / static_cast<double>(trial + 1) + static_cast<double>(k);
}

// What a kernel would do for chunk c: per-trial data into the arrays, accumulators returned.
ChunkState fill_chunk(RunState& st, std::uint64_t c) {
  const RunShape& sh = st.shape();
  ChunkState cs;
  cs.reset(sh.options, kFormat1MetricCount);
  for (std::uint64_t t = sh.chunks.begin(c); t < sh.chunks.end(c); ++t) {
    for (std::size_t k = 0; k < sh.series(); ++k) {
      if (sh.exact)
        st.stored()[k][t] = value(t, k);
      else
        st.sketches()[k].add(value(t, k));
      cs.metrics[k].add(value(t, k));
    }
    cs.best[t % 2] += 1;
    if (t < sh.sample_rows)
      for (std::size_t j = 0; j < sh.sample_width(); ++j) st.samples()[t * sh.sample_width() + j] = value(t, j);
    if (t < sh.sens_rows)
      for (std::size_t j = 0; j < sh.sens_width(); ++j) st.sens()[t * sh.sens_width() + j] = -value(t, j);
  }
  return cs;
}

}  // namespace

TEST_CASE("states computed in pieces and merged equal the state computed in one go") {
  for (const bool exact : {true, false}) {
    RunState whole(small_shape(exact));
    for (std::uint64_t c = 0; c < 10; ++c) whole.push_chunk(c, fill_chunk(whole, c));
    REQUIRE(whole.covered() == ChunkRanges{{0, 10}});

    RunState root(small_shape(exact)), other(small_shape(exact));
    for (std::uint64_t c : {0u, 1u, 2u, 3u, 7u, 8u, 9u}) root.push_chunk(c, fill_chunk(root, c));
    CHECK(root.covered() == ChunkRanges{{0, 4}, {7, 10}});
    CHECK(root.prefix_chunks() == 4);
    CHECK_THROWS_AS(root.total(), std::logic_error);  // not one range yet
    for (std::uint64_t c : {4u, 5u, 6u}) other.push_chunk(c, fill_chunk(other, c));
    const std::string bytes = saved(other);
    ByteReader in(bytes);
    root.merge_saved(in);
    CHECK(in.remaining() == 0);
    CHECK(root.covered() == ChunkRanges{{0, 10}});
    // Bit-identical: the same bytes when saved.
    CHECK(saved(root) == saved(whole));
    const ChunkState a = root.total(), b = whole.total();
    CHECK(std::memcmp(&a.metrics[3].mean, &b.metrics[3].mean, sizeof(double)) == 0);
    CHECK(a.best == b.best);
  }
}

TEST_CASE("the states the folds merge away come back for reuse, each once") {
  RunState st(small_shape(true));
  CHECK(st.spare_chunk_state().metrics.empty());  // nothing merged yet
  st.push_chunk(0, fill_chunk(st, 0));
  st.push_chunk(1, fill_chunk(st, 1));  // chunk 1 merges into chunk 0's block
  const ChunkState spare = st.spare_chunk_state();
  CHECK(spare.metrics.size() == st.shape().series());  // its buffers, ready to be reset
  CHECK(st.spare_chunk_state().metrics.empty());
  CHECK(st.total().best[0] + st.total().best[1] == 8);  // both chunks still counted
}

TEST_CASE("a saved state reads back into a fresh one unchanged") {
  RunState a(small_shape(true));
  for (std::uint64_t c = 0; c < 6; ++c) a.push_chunk(c, fill_chunk(a, c));
  const std::string bytes = saved(a);
  RunState b(small_shape(true));
  ByteReader in(bytes);
  b.merge_saved(in);
  CHECK(saved(b) == bytes);
  CHECK(b.stored()[5][17] == value(17, 5));
  CHECK(b.samples()[4 * a.shape().sample_width() + 2] == value(4, 2));
}

TEST_CASE("damaged or overlapping saved states are refused") {
  RunState a(small_shape(false));
  for (std::uint64_t c = 2; c < 5; ++c) a.push_chunk(c, fill_chunk(a, c));
  const std::string bytes = saved(a);
  for (std::size_t cut : {0ul, 9ul, bytes.size() / 2, bytes.size() - 1}) {
    RunState b(small_shape(false));
    ByteReader in(std::string_view(bytes).substr(0, cut));
    CHECK_THROWS_AS(b.merge_saved(in), ByteStreamError);
  }
  RunState overlapping(small_shape(false));
  overlapping.push_chunk(3, fill_chunk(overlapping, 3));
  ByteReader in(bytes);
  CHECK_THROWS_AS(overlapping.merge_saved(in), ByteStreamError);
  RunState other_shape(small_shape(true));  // exact expects stored arrays, not sketches
  ByteReader in2(bytes);
  CHECK_THROWS_AS(other_shape.merge_saved(in2), ByteStreamError);
}

TEST_CASE("the missing chunks are shared among ranks in contiguous, balanced pieces") {
  const ChunkRanges gaps = chunk_gaps({{0, 3}, {5, 6}, {9, 12}}, 15);
  CHECK(gaps == ChunkRanges{{3, 5}, {6, 9}, {12, 15}});
  CHECK(chunk_gaps({}, 4) == ChunkRanges{{0, 4}});
  CHECK(chunk_gaps({{0, 4}}, 4).empty());
  // 8 missing chunks over 3 ranks: 2, 3, 3, in order.
  CHECK(share_of(gaps, 0, 3) == ChunkRanges{{3, 5}});
  CHECK(share_of(gaps, 1, 3) == ChunkRanges{{6, 9}});
  CHECK(share_of(gaps, 2, 3) == ChunkRanges{{12, 15}});
  // More ranks than chunks: some ranks get nothing, every chunk is given exactly once.
  std::uint64_t given = 0;
  for (unsigned r = 0; r < 11; ++r)
    for (const auto& [a, b] : share_of({{0, 2}}, r, 11)) given += b - a;
  CHECK(given == 2);
}

TEST_CASE("a shape prints its sizes, and a state its completed chunk ranges") {
  RunState st(small_shape(true));
  const std::string shape =
      "2 options x 3 inputs, 10 metrics and 0 cash months per option, 38 trials in 10 chunks, exact, 5 sample rows, 9 "
      "sensitivity rows";
  CHECK(st.shape().to_string() == shape);
  CHECK(st.to_string() == shape + "; chunks none");
  for (const std::uint64_t c : {0, 1, 2, 5, 7}) st.push_chunk(c, fill_chunk(st, c));
  CHECK(st.to_string() == shape + "; chunks [0, 3) [5, 6) [7, 8)");
  CHECK(trials_in(st.shape().chunks, st.covered()) == 5 * 4);
  CHECK(trials_in(st.shape().chunks, {{8, 10}}) == 4 + 2);  // the last chunk is a short one
}

TEST_CASE("a format-2 state carries its cash counts and cash-curve series through save and merge") {
  for (const bool exact : {true, false}) {
    INFO("exact " << exact);
    RunShape shape = small_shape(exact);
    shape.metric_count = kMetricCount;
    shape.cash_months = 4;
    CHECK(shape.series() == 2 * (kMetricCount + 4));  // the cash curve is stored or sketched too
    CHECK(shape.metric_series() == 2 * kMetricCount);
    CHECK(shape.sample_width() == 3 + 2 * kMetricCount);  // recorded rows: no cash curve
    auto fill = [&](RunState& st, std::uint64_t c) {
      ChunkState cs;
      cs.reset(2, kMetricCount);
      for (std::uint64_t t = shape.chunks.begin(c); t < shape.chunks.end(c); ++t) {
        for (std::size_t k = 0; k < shape.series(); ++k)
          exact ? void(st.stored()[k][t] = value(t, k)) : st.sketches()[k].add(value(t, k));
        for (std::size_t k = 0; k < shape.metric_series(); ++k) cs.metrics[k].add(value(t, k));
        cs.no_payback[t % 2] += 1;
        cs.cash_short[1] += t % 3 == 0 ? 1 : 0;
      }
      return cs;
    };
    RunState whole(shape), root(shape), other(shape);
    for (std::uint64_t c = 0; c < 10; ++c) whole.push_chunk(c, fill(whole, c));
    for (std::uint64_t c = 0; c < 5; ++c) root.push_chunk(c, fill(root, c));
    for (std::uint64_t c = 5; c < 10; ++c) other.push_chunk(c, fill(other, c));
    const std::string bytes = saved(other);
    ByteReader in(bytes);
    root.merge_saved(in);
    CHECK(saved(root) == saved(whole));
    const ChunkState total = root.total();
    CHECK(total.no_payback == std::vector<std::uint64_t>{19, 19});
    CHECK(total.cash_short == std::vector<std::uint64_t>{0, 13});
    if (exact) {
      const std::size_t last_cash = 2 * (kMetricCount + 4) - 1;  // option 1's last month end
      CHECK(root.stored()[last_cash][37] == value(37, last_cash));
    } else {
      CHECK(root.sketches().back().count() == 38);
    }
  }
}

namespace {

/// small_shape(true) with one binned input that is also the one stress input: each trial's
/// stress mark is kept.
RunShape marked_shape() {
  RunShape shape = small_shape(true);
  shape.analytics.options = shape.options;
  shape.analytics.binned = {0};
  shape.analytics.stress = {0};
  return shape;
}

// fill_chunk, plus the analytics' state: trial t in the low decile when t % 5 == 0, in the
// high one when t % 5 == 1, with the wins to match (option t % 2).
ChunkState fill_marked_chunk(RunState& st, std::uint64_t c) {
  const RunShape& sh = st.shape();
  ChunkState cs = fill_chunk(st, c);
  cs.reset(sh.options, kFormat1MetricCount, sh.analytics.binned.size(), sh.analytics.stress.size());
  const ChunkState plain = fill_chunk(st, c);
  cs.metrics = plain.metrics;
  cs.best = plain.best;
  for (std::uint64_t t = sh.chunks.begin(c); t < sh.chunks.end(c); ++t) {
    for (Moments& m : cs.regret) m.add(0.0);  // a consistent state: every trial's regret too
    if (t < sh.sens_rows) st.sens_bins()[t] = static_cast<std::uint8_t>(t % kValueBins);  // one binned input
    const std::size_t r = t % 5;
    st.stress_marks()[t] = r < 2 ? stress_bit(0, r) : StressMark{0};
    if (r < 2) ++cs.stress_wins[r * sh.options + t % 2];
  }
  return cs;
}

}  // namespace

TEST_CASE("exact mode's stress marks and the subsample's bins travel with the state and are checked", "[analytics]") {
  REQUIRE(marked_shape().stress_marked());
  RunState whole(marked_shape()), root(marked_shape()), other(marked_shape());
  REQUIRE(whole.stress_marks() != nullptr);
  CHECK(RunState(small_shape(true)).stress_marks() == nullptr);
  for (std::uint64_t c = 0; c < 10; ++c) whole.push_chunk(c, fill_marked_chunk(whole, c));
  for (std::uint64_t c = 0; c < 10; ++c) {
    RunState& st = c < 6 ? root : other;
    st.push_chunk(c, fill_marked_chunk(st, c));
  }
  const std::string bytes = saved(other);
  ByteReader in(bytes);
  root.merge_saved(in);
  CHECK(saved(root) == saved(whole));
  CHECK(root.stress_marks()[31] == stress_bit(0, 1));
  CHECK(root.stress_marks()[30] == stress_bit(0, 0));
  REQUIRE(root.sens_bins().size() == 9);  // nine sensitivity rows, one binned input
  CHECK(root.sens_bins()[7] == 7);
  CHECK(state_inconsistency(root).empty());
  CHECK(max_saved_bytes(root.shape()) >= bytes.size());
  // Forged marks: a trial in both deciles, a bit of no stress input, a mark without its win.
  RunState forged(marked_shape());
  const std::string whole_bytes = saved(whole);
  ByteReader again(whole_bytes);
  forged.merge_saved(again);
  forged.stress_marks()[3] = stress_bit(0, 0) | stress_bit(0, 1);
  CHECK_THAT(state_inconsistency(forged), Catch::Contains("trial 3 is in both extreme deciles"));
  forged.stress_marks()[3] = stress_bit(1, 0);
  CHECK_THAT(state_inconsistency(forged), Catch::Contains("trial 3 has mark 0x04 for 1 stress inputs"));
  forged.stress_marks()[3] = stress_bit(0, 1);
  CHECK_THAT(state_inconsistency(forged), Catch::Contains("marked in decile high of stress input 0, 7 counted"));
  forged.stress_marks()[3] = 0;  // trial 3 (3 % 5 == 3) is in neither decile
  REQUIRE(state_inconsistency(forged).empty());
  forged.sens_bins()[2] = kValueBins;
  CHECK_THAT(state_inconsistency(forged), Catch::Contains("sensitivity row 2 has EVPPI bin 20 of 20"));
}

TEST_CASE("a streaming sobol state carries its replicate moments and sketches, and their counts are checked") {
  RunShape sh = small_shape(false);
  sh.replicates = 4;
  // What the kernel adds for chunk c: trial t's metrics into replicate t mod 4 as well.
  const auto fill = [&](RunState& st, std::uint64_t c) {
    ChunkState cs = fill_chunk(st, c);
    cs.replicate_metrics.assign(sh.metric_series() * sh.replicates, Moments{});
    for (std::uint64_t t = sh.chunks.begin(c); t < sh.chunks.end(c); ++t) {
      for (std::size_t o = 0; o < sh.options; ++o) cs.regret[o].add(0.0);
      for (std::size_t j = 0; j < sh.metric_series(); ++j) {
        // Metric j of option o is series o * series_per_option() + m (no cash curve here).
        cs.replicate_metrics[j * sh.replicates + t % sh.replicates].add(value(t, j));
        st.sketches()[sh.replicate_sketch(j, t % sh.replicates)].add(value(t, j));
      }
    }
    return cs;
  };
  RunState whole(sh);
  for (std::uint64_t c = 0; c < 10; ++c) whole.push_chunk(c, fill(whole, c));
  CHECK(whole.sketches().size() == sh.series() + sh.metric_series() * 4);
  CHECK(state_inconsistency(whole).empty());
  RunState root(sh), other(sh);
  for (std::uint64_t c : {0u, 1u, 2u, 8u, 9u}) root.push_chunk(c, fill(root, c));
  for (std::uint64_t c : {3u, 4u, 5u, 6u, 7u}) other.push_chunk(c, fill(other, c));
  const std::string bytes = saved(other);
  ByteReader in(bytes);
  root.merge_saved(in);
  CHECK(saved(root) == saved(whole));
  // 38 trials: replicates 0 and 1 hold 10 each, 2 and 3 hold 9.
  CHECK(root.total().replicate_metrics[5 * 4 + 1].n == 10);
  CHECK(root.total().replicate_metrics[5 * 4 + 3].n == 9);
  CHECK(root.sketches()[sh.replicate_sketch(5, 2)].count() == 9);
  CHECK_THAT(sh.to_string(), Catch::EndsWith(", 4 replicates"));

  RunState extra_value(sh);
  for (std::uint64_t c = 0; c < 10; ++c) extra_value.push_chunk(c, fill(extra_value, c));
  extra_value.sketches()[sh.replicate_sketch(1, 3)].add(1.0);
  CHECK_THAT(state_inconsistency(extra_value),
             Catch::Contains("replicate sketch") && Catch::Contains("holds 10 values for 9 trials"));
  RunState wrong_count(sh);
  ChunkState cs = fill(wrong_count, 0);
  cs.replicate_metrics[2].add(1.0);  // metric 0's replicate 2: two trials in chunk [0, 4) has one
  wrong_count.push_chunk(0, cs);
  CHECK_THAT(state_inconsistency(wrong_count), Catch::Contains("metric 0 replicate 2: count 2 for 1 trials"));
}
