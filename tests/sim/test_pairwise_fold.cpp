#include <catch2/catch.hpp>
#include <cstring>
#include <string>
#include <vector>

#include "sim/moments.hpp"
#include "sim/pairwise_fold.hpp"
#include "support/printable.hpp"

using namespace tcosim;

namespace {

// Records the shape of the reduction tree, so tests see exactly which merges happened.
struct Tree {
  std::string s;
  void merge(const Tree& later) { s = "(" + s + " " + later.s + ")"; }
};

std::string leaves_one_by_one(std::uint64_t n) {
  PairwiseFold<Tree> f;
  for (std::uint64_t c = 0; c < n; ++c) f.push(Tree{std::to_string(c)});
  return f.total(Tree{}).s;
}

// Reduces [first, last) on its own, as another rank or thread would.
PairwiseFold<Tree> fragment(std::uint64_t first, std::uint64_t last) {
  PairwiseFold<Tree> f(first);
  for (std::uint64_t c = first; c < last; ++c) f.push(Tree{std::to_string(c)});
  return f;
}

}  // namespace

TEST_CASE("the pairwise tree is balanced and folds the remainder from the right") {
  CHECK(leaves_one_by_one(1) == "0");
  CHECK(leaves_one_by_one(4) == "((0 1) (2 3))");
  CHECK(leaves_one_by_one(6) == "(((0 1) (2 3)) (4 5))");
  CHECK(leaves_one_by_one(7) == "(((0 1) (2 3)) ((4 5) 6))");
}

TEST_CASE("states merged away are handed over to be reused, and the tree is the same") {
  PairwiseFold<Tree> f;
  std::vector<Tree> spare;
  for (std::uint64_t c = 0; c < 7; ++c) f.push(Tree{std::to_string(c)}, &spare);
  CHECK(f.total(Tree{}).s == leaves_one_by_one(7));
  // Seven leaves in blocks of 4, 2 and 1: four merges, each leaves one state spare.
  REQUIRE(spare.size() == 4);
  CHECK(spare[0].s == "1");
  CHECK(spare[2].s == "(2 3)");
  CHECK(spare[3].s == "5");
}

TEST_CASE("a fragment holds exactly the aligned blocks of its range") {
  const auto f = fragment(3, 13);
  const auto expected = aligned_blocks(3, 13);
  REQUIRE(f.blocks().size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CHECK(f.blocks()[i].first == expected[i].first);
    CHECK(f.blocks()[i].level == expected[i].second);
  }
  CHECK(expected == std::vector<std::pair<std::uint64_t, unsigned>>{{3, 0}, {4, 2}, {8, 2}, {12, 0}});
}

TEST_CASE("any split into consecutive fragments reduces to the same tree as leaf by leaf") {
  for (std::uint64_t n : {1u, 2u, 5u, 8u, 13u, 64u, 100u}) {
    const std::string expected = leaves_one_by_one(n);
    // Every split into three consecutive pieces [0, a), [a, b), [b, n).
    for (std::uint64_t a = 0; a <= n; ++a)
      for (std::uint64_t b = a; b <= n; ++b) {
        PairwiseFold<Tree> total;
        for (const auto& [lo, hi] : {std::pair{std::uint64_t{0}, a}, std::pair{a, b}, std::pair{b, n}}) {
          const PairwiseFold<Tree> piece = fragment(lo, hi);
          for (const auto& block : piece.blocks()) total.push(block);
        }
        INFO("n=" << n << " a=" << a << " b=" << b);
        REQUIRE(total.total(Tree{}).s == expected);
      }
  }
}

TEST_CASE("floating-point moments are bit-identical however the chunks were split") {
  auto chunk = [](std::uint64_t c) {
    Moments m;
    for (int i = 0; i < 7; ++i) m.add(1.0 / static_cast<double>(c * 7 + static_cast<std::uint64_t>(i) + 1));
    return m;
  };
  PairwiseFold<Moments> whole;
  for (std::uint64_t c = 0; c < 37; ++c) whole.push(chunk(c));
  PairwiseFold<Moments> a(0), b(11), joined;
  for (std::uint64_t c = 0; c < 11; ++c) a.push(chunk(c));
  for (std::uint64_t c = 11; c < 37; ++c) b.push(chunk(c));
  for (const auto& blk : a.blocks()) joined.push(blk);
  for (const auto& blk : b.blocks()) joined.push(blk);
  const Moments x = whole.total(Moments{}), y = joined.total(Moments{});
  CHECK(x.n == y.n);
  CHECK(std::memcmp(&x.mean, &y.mean, sizeof(double)) == 0);
  CHECK(std::memcmp(&x.m2, &y.m2, sizeof(double)) == 0);
}

TEST_CASE("blocks out of order or misaligned are refused") {
  PairwiseFold<Tree> f;
  f.push(Tree{"0"});
  CHECK_THROWS_AS(f.push(FoldBlock<Tree>{2, 0, Tree{"2"}}), std::logic_error);  // gap
  CHECK_THROWS_AS(f.push(FoldBlock<Tree>{1, 1, Tree{"1"}}), std::logic_error);  // 1 is not 2-aligned
}

TEST_CASE("a fold and its blocks print the leaves they cover") {
  const PairwiseFold<Tree> f = fragment(0, 7);
  CHECK(fmt::format("{}", f) == "PairwiseFold{leaves [0, 7), 3 blocks}");
  CHECK(fmt::format("{}", f.blocks()[0]) == "FoldBlock{leaves [0, 4)}");
  CHECK(fmt::format("{}", f.blocks()[2]) == "FoldBlock{leaves [6, 7)}");
  CHECK(fmt::format("{}", fragment(5, 5)) == "PairwiseFold{leaves [5, 5), 0 blocks}");
}
