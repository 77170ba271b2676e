#pragma once
// A fixed binary tree over chunk indices for reducing per-chunk accumulators. Chunk c is leaf
// c; a node covers the aligned block [i 2^k, (i + 1) 2^k); the run's total is the fold of the
// root blocks of the binary decomposition of the chunk count. Because the tree depends only
// on chunk indices, any contiguous range of chunks can be reduced on its own (by another
// thread, a resumed process or an MPI rank) into its aligned blocks, and pushing those blocks
// in order gives bit for bit the state that pushing its chunks one by one would have given.
// Pairwise merging also loses less precision than a left-to-right fold.
#include <bit>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace tcosim {

/// One reduced block: leaves [first, first + 2^level).
template <class State>
struct FoldBlock {
  std::uint64_t first = 0;
  unsigned level = 0;
  State state{};

  std::uint64_t size() const noexcept { return std::uint64_t{1} << level; }
  /// The leaves it covers, e.g. "FoldBlock{leaves [4, 8)}".
  std::string to_string() const {
    return "FoldBlock{leaves [" + std::to_string(first) + ", " + std::to_string(first + size()) + ")}";
  }
};

/// The aligned blocks that tile [first, last), in order (the largest aligned block that starts
/// at each position and fits).
inline std::vector<std::pair<std::uint64_t, unsigned>> aligned_blocks(std::uint64_t first, std::uint64_t last) {
  std::vector<std::pair<std::uint64_t, unsigned>> out;
  while (first < last) {
    unsigned k = first == 0 ? 63u : static_cast<unsigned>(std::countr_zero(first));
    while (k > 0 && (std::uint64_t{1} << k) > last - first) --k;
    out.emplace_back(first, k);
    first += std::uint64_t{1} << k;
  }
  return out;
}

/// Reduces consecutive leaves starting at `first_leaf` (State::merge(later) appends `later`).
template <class State>
class PairwiseFold {
 public:
  explicit PairwiseFold(std::uint64_t first_leaf = 0) : first_(first_leaf), next_(first_leaf) {}

  std::uint64_t first_leaf() const noexcept { return first_; }
  /// One past the last leaf pushed.
  std::uint64_t next_leaf() const noexcept { return next_; }
  /// The pending blocks, in leaf order: the aligned tiling of [first_leaf, next_leaf).
  const std::vector<FoldBlock<State>>& blocks() const noexcept { return blocks_; }
  /// The leaves pushed and the pending blocks, e.g. "PairwiseFold{leaves [0, 7), 3 blocks}".
  std::string to_string() const {
    return "PairwiseFold{leaves [" + std::to_string(first_) + ", " + std::to_string(next_) + "), " +
           std::to_string(blocks_.size()) + " blocks}";
  }

  /// Appends one leaf (chunk next_leaf()). States merged away on the way are moved to `spare`
  /// when given, so that their buffers can be used again instead of freed.
  void push(State s, std::vector<State>* spare = nullptr) { push(FoldBlock<State>{next_, 0, std::move(s)}, spare); }

  /// Appends an already reduced aligned block that starts at next_leaf().
  void push(FoldBlock<State> b, std::vector<State>* spare = nullptr) {
    if (b.first != next_ || b.level > 62 || b.first % b.size() != 0)
      throw std::logic_error("PairwiseFold: block out of order or not aligned");
    next_ += b.size();
    blocks_.push_back(std::move(b));
    // Siblings merge: two blocks of the same level whose left one starts on a boundary of the
    // level above. That is exactly when both halves of a parent block are complete.
    while (blocks_.size() >= 2) {
      FoldBlock<State>& left = blocks_[blocks_.size() - 2];
      const FoldBlock<State>& right = blocks_.back();
      if (left.level != right.level || left.first % (left.size() * 2) != 0) break;
      left.state.merge(right.state);
      ++left.level;
      if (spare != nullptr) spare->push_back(std::move(blocks_.back().state));
      blocks_.pop_back();
    }
  }

  /// The total so far: pending blocks folded from the right (later into earlier).
  /// `empty` is returned when nothing was pushed.
  State total(State empty) const {
    if (blocks_.empty()) return empty;
    State acc = blocks_.back().state;
    for (std::size_t i = blocks_.size() - 1; i-- > 0;) {
      State left = blocks_[i].state;
      left.merge(acc);
      acc = std::move(left);
    }
    return acc;
  }

 private:
  std::uint64_t first_;
  std::uint64_t next_;
  std::vector<FoldBlock<State>> blocks_;
};

}  // namespace tcosim
