#pragma once
// A mergeable quantile sketch with a relative-error guarantee (DDSketch, Masson et al. 2019):
// values fall in buckets whose ends are at most a ratio gamma = (1 + a) / (1 - a) apart, so any
// returned quantile is within relative error a of the true order statistic of that rank. The
// bucket index interpolates log2 between powers of two (no logarithm per value; see the .cpp). Bucket counts
// are integers, so merging is exact and order-independent: results do not depend on threads.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "util/byte_stream.hpp"

namespace tcosim {

/// DDSketch over all real values (positive, negative and a zero bucket for |x| < min_indexable).
class QuantileSketch {
 public:
  /// relative_accuracy a in (0, 1): the documented bound on relative error of quantiles.
  explicit QuantileSketch(double relative_accuracy = 1e-3);

  void add(double x) noexcept;
  /// add() for each of n values: the same buckets, the loop inlined around them (a column of a
  /// chunk's outcomes costs about half the instructions of n calls).
  void add(const double* x, std::size_t n) noexcept;
  void merge(const QuantileSketch& other);
  void clear() noexcept;
  /// The sketch of -x for every x added (the positive and negative stores swap places).
  QuantileSketch negated() const;

  std::uint64_t count() const noexcept;
  double relative_accuracy() const noexcept { return alpha_; }
  /// Quantile at level q in [0, 1]: the bucket value of order statistic rank floor(q (n - 1))
  /// (lower of the type-7 pair); within relative error a of that order statistic. NaN if empty.
  double quantile(double q) const;
  /// Mean of the highest (1 - level) share of values, from bucket representative values
  /// (each within relative error a), with the boundary bucket counted fractionally.
  double upper_cvar(double level) const;
  /// Bytes held by the bucket stores (for --max-memory accounting).
  std::size_t memory_bytes() const noexcept;
  /// Worst-case bytes one sketch can reach for doubles of any magnitude (for budgeting).
  static std::size_t max_memory_bytes(double relative_accuracy);

  /// Writes the accuracy and every non-empty bucket (index and count): exact, so a sketch read
  /// back answers every query as the original does.
  void save(ByteWriter& out) const;
  /// Reads what save() wrote; throws ByteStreamError on truncated or inconsistent data.
  static QuantileSketch load(ByteReader& in);

  /// The accuracy, the count and the values of the lowest and highest occupied buckets.
  std::string to_string() const;

 private:
  // Dense counts over the index window [offset, offset + counts.size()). Growth from add() is
  // geometric in the occupied span, so reallocation is amortised and absent in the steady state;
  // merge() resets the window to a pure function of the occupied index range, so merged sketches
  // are identical in memory as well as in results, whatever the merge order.
  struct Store {
    std::int32_t offset = 0;
    std::vector<std::uint64_t> counts;
    std::uint64_t total = 0;
    // Index range the window may cover: set once from the accuracy, bounds max_memory_bytes().
    std::int32_t min_index = 0;
    std::int32_t max_index = 0;

    // Inline: the hot path of every streaming add is these few instructions; the window
    // grows out of line.
    void add(std::int32_t index, std::uint64_t n) {
      auto pos = static_cast<std::uint64_t>(std::int64_t{index} - offset);
      if (pos >= counts.size()) [[unlikely]] {
        widen_to(index);
        pos = static_cast<std::uint64_t>(std::int64_t{index} - offset);
      }
      counts[pos] += n;
      total += n;
    }
    // Reallocates so that the window covers `index` as well as every occupied bucket.
    [[gnu::noinline]] void widen_to(std::int32_t index);
    void merge(const Store& o);
    void clear() noexcept;
    // Reallocates to the window for occupied range [lo, hi] (inclusive), keeping the counts.
    void reshape(std::int64_t lo, std::int64_t hi);
  };
  [[gnu::always_inline]] inline void add_one(double x) noexcept;
  std::int32_t index_of(double abs_x) const noexcept;
  double value_of(std::int32_t index) const noexcept;

  double alpha_;
  double k_;        // index(x) = ceil(L(x) k): buckets per unit of the log2 stand-in L
  double k_third_;  // k / 3
  double inv_k_;
  double min_indexable_;  // |x| below this goes to the zero bucket
  double max_indexable_;  // |x| above this (and infinities) share the top bucket
  Store positive_;
  Store negative_;
  std::uint64_t zero_count_ = 0;
};

}  // namespace tcosim
