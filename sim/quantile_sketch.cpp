#include "sim/quantile_sketch.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <utility>

#include "sim/compensated_sum.hpp"
#include "sim/vector_clones.hpp"

// Definitions (Masson, Rim & Lee 2019, "DDSketch", with an interpolated index as their
// implementations offer, so that adding a value takes no logarithm):
//   gamma = (1 + a) / (1 - a). For x = 2^e (1 + s), s in [0, 1), let L(x) = e + P(s) with
//   P(s) = s (4 - s) / 3: a stand-in for log2 x that is exact at powers of two, continuous and
//   increasing, and whose slope against log2 x, ln2 (1 + s) P'(s) = ln2 (1 + s)(4 - 2 s) / 3,
//   lies in [4 ln2 / 3, 1.5 ln2] (log2 itself: 1). index(x) = ceil(L(x) k) with
//   k = 3 / (4 ln gamma), so bucket i holds (L^-1((i-1)/k), L^-1(i/k)] =: (lo, hi]: it spans
//   1/k in L, hence at most (1/k) / (4 ln2 / 3) = ln(gamma) / ln2 in log2 x, i.e. hi <= gamma lo.
//   Its value 2 lo hi / (lo + hi) is then within (gamma - 1) / (gamma + 1) = a of every value
//   in it, the same guarantee as the logarithmic index ceil(ln x / ln gamma), for 8 % more
//   buckets: an octave holds k = 0.75 / ln gamma of them against ln2 / ln gamma = 0.69 / ln
//   gamma. L^-1(y) = 2^floor(y) (1 + s), s = 2 - sqrt(4 - 3 frac(y)).
//   min_indexable = max(DBL_MIN * gamma, L^-1(-2^30 / k)), max_indexable = min(DBL_MAX /
//   gamma^2, L^-1(2^30 / k)): the DBL_MIN/DBL_MAX terms keep both ends of every bucket finite
//   normal doubles (the top bucket's hi < gamma max_indexable), the 2^30 terms keep indices (and
//   window sizes) inside int32 even for tiny a. Below min_indexable a value counts in the zero
//   bucket (reported as 0, absolute error < min_indexable); above max_indexable, +-inf
//   included, it shares the top bucket (error up to about 5a, only for |x| > DBL_MAX /
//   gamma^2). NaN is not counted: it has no rank.

namespace tcosim {

namespace {

constexpr std::int64_t kIndexLimit = std::int64_t{1} << 30;
// Window granularity: at least kMinBlock buckets, and at least 1/kBlocksPerSpan of the occupied
// span (rounded up to a power of two). Large blocks make growth geometric, so the copying is
// amortised; small ones keep the slack under about 1/16 of the span (a realistic twelve-decade
// metric at a = 1e-3 spans ~13,800 buckets and holds at most ~14,800).
constexpr std::int64_t kMinBlock = 64;
constexpr std::int64_t kBlocksPerSpan = 32;

/// The index mapping for one relative accuracy: index(x) = ceil(L(x) k) (see the top).
struct Mapping {
  double k, k_third, inv_k, min_indexable, max_indexable;
  std::int32_t min_index, max_index;
};

/// L(x) k for a positive normal double x, by its exponent and significand bits. The exponent
/// becomes a double through the bits of 2^52 + e (exact; no 64-bit integer conversion, which
/// x86-64 lacks in vectors below AVX-512), so a loop of these vectorises.
inline double scaled_log(double x, double k, double k_third) noexcept {
  const auto bits = std::bit_cast<std::uint64_t>(x);
  const double e = std::bit_cast<double>((bits >> 52) | 0x4330'0000'0000'0000ull) - 0x1.00000000003ffp52;
  const double s = std::bit_cast<double>((bits & 0x000f'ffff'ffff'ffffull) | 0x3ff0'0000'0000'0000ull) - 1.0;
  return e * k + s * (4.0 - s) * k_third;
}

/// The bucket of a positive a in [min_indexable, max_indexable]: ceil(L(a) k) as a truncation
/// plus one when it fell short (|L(a) k| < 2^31 here, and the x86-64 baseline has no rounding
/// instruction, so std::ceil would be a call), clamped to [lo, hi] because the rounding of
/// L(a) k is not monotone to the last ulp.
inline std::int32_t bucket_index(double a, double k, double k_third, std::int32_t lo, std::int32_t hi) noexcept {
  const double y = scaled_log(a, k, k_third);
  auto i = static_cast<std::int32_t>(y);
  i += static_cast<double>(i) < y ? 1 : 0;
  return std::clamp(i, lo, hi);
}

/// The index mapping as index_values takes it.
struct IndexParams {
  double k, k_third, min_indexable, max_indexable;
  std::int32_t min_index, max_index;
};

/// The bucket index of |x| for n values, in one loop the compiler vectorises; IEEE operations
/// and exact conversions only, so every clone gives the bits of the scalar index_of(). |x| is
/// first put inside [min_indexable, max_indexable] (NaN too: the index of a value that add()
/// does not count is never used), so the conversion to int32 is always in range. Returns how
/// many of the values go to the positive store (x >= min_indexable).
TCOSIM_VECTOR_CLONES std::size_t index_values(const double* x, std::size_t n, IndexParams m,
                                              std::int32_t* index) noexcept {
  std::size_t above = 0;
  for (std::size_t i = 0; i < n; ++i) {
    above += x[i] >= m.min_indexable ? 1 : 0;
    double a = std::fabs(x[i]);
    a = a >= m.min_indexable ? a : m.min_indexable;
    a = a <= m.max_indexable ? a : m.max_indexable;
    index[i] = bucket_index(a, m.k, m.k_third, m.min_index, m.max_index);
  }
  return above;
}

/// L^-1(y): the x with L(x) = y.
double inverse_log(double y) noexcept {
  const double e = std::floor(y);
  const double s = 2.0 - std::sqrt(4.0 - 3.0 * (y - e));
  return std::ldexp(1.0 + s, static_cast<int>(std::clamp(e, -2000.0, 2000.0)));
}

Mapping mapping_for(double a) {
  if (!(a > 0.0 && a < 1.0)) throw std::invalid_argument("QuantileSketch: relative accuracy must be in (0, 1)");
  Mapping m{};
  const double gamma = (1.0 + a) / (1.0 - a);
  // log1p(gamma - 1) keeps full precision of log(gamma) for small a.
  m.k = 0.75 / std::log1p(2.0 * a / (1.0 - a));
  m.k_third = m.k / 3.0;
  m.inv_k = 1.0 / m.k;
  const double lim = static_cast<double>(kIndexLimit);
  m.min_indexable = std::max(std::numeric_limits<double>::min() * gamma, inverse_log(-lim * m.inv_k));
  m.max_indexable = std::min(std::numeric_limits<double>::max() / (gamma * gamma), inverse_log(lim * m.inv_k));
  m.min_index = static_cast<std::int32_t>(std::ceil(scaled_log(m.min_indexable, m.k, m.k_third)));
  m.max_index = static_cast<std::int32_t>(std::ceil(scaled_log(m.max_indexable, m.k, m.k_third)));
  return m;
}

constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  const std::int64_t q = a / b;
  return (a % b != 0 && a < 0) ? q - 1 : q;
}

/// The window [lo, hi) that holds occupied indices [mn, mx]. Monotone: a wider occupied range
/// never gets a narrower window (blocks are powers of two that only grow with the span), so a
/// grown window always contains the old one.
struct Window {
  std::int64_t lo, hi;
};
Window window_for(std::int64_t mn, std::int64_t mx, std::int64_t min_index, std::int64_t max_index) {
  const auto span = static_cast<std::uint64_t>(mx - mn + 1);
  const std::int64_t block = std::max(kMinBlock, static_cast<std::int64_t>(std::bit_ceil(span)) / kBlocksPerSpan);
  return {std::max(floor_div(mn, block) * block, min_index),
          std::min((floor_div(mx, block) + 1) * block, max_index + 1)};
}

/// First and last non-zero positions of a non-empty store's counts.
struct Occupied {
  std::size_t first, last;
};
Occupied occupied(const std::vector<std::uint64_t>& counts) {
  std::size_t first = 0, last = counts.size() - 1;
  while (counts[first] == 0) ++first;
  while (counts[last] == 0) --last;
  return {first, last};
}

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace

// ---- Store ----

void QuantileSketch::Store::widen_to(std::int32_t index) {
  std::int64_t lo = index, hi = index;
  if (total != 0) {
    const Occupied occ = occupied(counts);
    lo = std::min<std::int64_t>(lo, offset + static_cast<std::int64_t>(occ.first));
    hi = std::max<std::int64_t>(hi, offset + static_cast<std::int64_t>(occ.last));
  }
  reshape(lo, hi);
}

void QuantileSketch::Store::reshape(std::int64_t lo, std::int64_t hi) {
  const Window w = window_for(lo, hi, min_index, max_index);
  if (w.lo == offset && static_cast<std::size_t>(w.hi - w.lo) == counts.size()) return;
  // Exactly sized (capacity == size), so memory_bytes() is a function of the window alone.
  std::vector<std::uint64_t> fresh(static_cast<std::size_t>(w.hi - w.lo), 0);
  if (total != 0) {
    const Occupied occ = occupied(counts);
    const std::int64_t shift = offset - w.lo;
    std::copy(counts.begin() + static_cast<std::ptrdiff_t>(occ.first),
              counts.begin() + static_cast<std::ptrdiff_t>(occ.last) + 1,
              fresh.begin() + static_cast<std::ptrdiff_t>(static_cast<std::int64_t>(occ.first) + shift));
  }
  counts.swap(fresh);
  offset = static_cast<std::int32_t>(w.lo);
}

void QuantileSketch::Store::merge(const Store& o) {
  if (total == 0 && o.total == 0) {
    clear();
    return;
  }
  std::int64_t lo = std::numeric_limits<std::int64_t>::max(), hi = std::numeric_limits<std::int64_t>::min();
  if (total != 0) {
    const Occupied occ = occupied(counts);
    lo = offset + static_cast<std::int64_t>(occ.first);
    hi = offset + static_cast<std::int64_t>(occ.last);
  }
  if (o.total != 0) {
    const Occupied occ = occupied(o.counts);
    lo = std::min(lo, o.offset + static_cast<std::int64_t>(occ.first));
    hi = std::max(hi, o.offset + static_cast<std::int64_t>(occ.last));
  }
  reshape(lo, hi);
  if (o.total == 0) return;
  const std::int64_t shift = std::int64_t{o.offset} - offset;
  for (std::size_t j = 0; j < o.counts.size(); ++j)
    if (o.counts[j] != 0) counts[static_cast<std::size_t>(static_cast<std::int64_t>(j) + shift)] += o.counts[j];
  total += o.total;
}

void QuantileSketch::Store::clear() noexcept {
  std::vector<std::uint64_t>().swap(counts);  // releases, so a cleared sketch equals a fresh one
  offset = 0;
  total = 0;
}

// ---- QuantileSketch ----

QuantileSketch::QuantileSketch(double relative_accuracy) : alpha_(relative_accuracy) {
  const Mapping m = mapping_for(relative_accuracy);
  k_ = m.k;
  k_third_ = m.k_third;
  inv_k_ = m.inv_k;
  min_indexable_ = m.min_indexable;
  max_indexable_ = m.max_indexable;
  for (Store* s : {&positive_, &negative_}) {
    s->min_index = m.min_index;
    s->max_index = m.max_index;
  }
}

std::int32_t QuantileSketch::index_of(double abs_x) const noexcept {
  return bucket_index(std::min(abs_x, max_indexable_), k_, k_third_, positive_.min_index, positive_.max_index);
}

double QuantileSketch::value_of(std::int32_t index) const noexcept {
  const double lo = inverse_log((static_cast<double>(index) - 1.0) * inv_k_);
  const double hi = inverse_log(static_cast<double>(index) * inv_k_);
  return lo * (2.0 / (1.0 + lo / hi));  // 2 lo hi / (lo + hi), without overflow
}

void QuantileSketch::add_one(double x) noexcept {
  // Store::add allocates only when the window grows; std::bad_alloc there ends the program,
  // which is what a noexcept hot path must do.
  if (x >= min_indexable_) {
    positive_.add(index_of(x), 1);
  } else if (x <= -min_indexable_) {
    negative_.add(index_of(-x), 1);
  } else if (x == x) {
    ++zero_count_;
  }
}

void QuantileSketch::add(double x) noexcept { add_one(x); }

void QuantileSketch::add(const double* x, std::size_t n) noexcept {
  // The indices a block at a time in vectors, then the counts value by value as add_one()
  // does, each store's window held in registers (the stores grow exactly as they would from
  // single adds: the same sketch to the byte).
  struct Cursor {
    Store& store;
    std::int64_t offset = 0;
    std::uint64_t* counts = nullptr;
    std::uint64_t size = 0, added = 0;
    explicit Cursor(Store& s) : store(s) { load(); }
    void load() noexcept {
      offset = store.offset;
      counts = store.counts.data();
      size = store.counts.size();
    }
    void add(std::int32_t index) noexcept {
      auto pos = static_cast<std::uint64_t>(std::int64_t{index} - offset);
      if (pos >= size) [[unlikely]] {
        store.total += std::exchange(added, 0);  // widen_to reads the occupied range from the counts and total
        store.widen_to(index);
        load();
        pos = static_cast<std::uint64_t>(std::int64_t{index} - offset);
      }
      ++counts[pos];
      ++added;
    }
    ~Cursor() { store.total += added; }
  };
  constexpr std::size_t kBlock = 256;
  std::array<std::int32_t, kBlock> index;
  const IndexParams m{k_, k_third_, min_indexable_, max_indexable_, positive_.min_index, positive_.max_index};
  const double lo = min_indexable_;
  Cursor positive(positive_), negative(negative_);
  std::uint64_t zeros = 0;
  for (std::size_t i0 = 0; i0 < n; i0 += kBlock) {
    const std::size_t len = std::min(kBlock, n - i0);
    const double* v = x + i0;
    const std::size_t above = index_values(v, len, m, index.data());
    // A block of one sign (a cost column: the usual case) goes straight to its store. A mixed
    // block (a paired difference of two options changes sign at random, which a branch per
    // value would mispredict about every other time) is first split without branches into
    // its positive and its negative indices, each store's in their order (so each store
    // grows as from single adds), then each list is added.
    if (above == len) {
      for (std::size_t i = 0; i < len; ++i) positive.add(index[i]);
      continue;
    }
    std::array<std::int32_t, kBlock> up, down;
    std::size_t n_up = 0, n_down = 0;
    for (std::size_t i = 0; i < len; ++i) {
      const bool is_up = v[i] >= lo, is_down = v[i] <= -lo;
      up[n_up] = index[i];
      down[n_down] = index[i];
      n_up += is_up ? 1 : 0;
      n_down += is_down ? 1 : 0;
      zeros += !is_up && !is_down && v[i] == v[i] ? 1 : 0;  // the zero bucket; a NaN counts nowhere
    }
    for (std::size_t i = 0; i < n_up; ++i) positive.add(up[i]);
    for (std::size_t i = 0; i < n_down; ++i) negative.add(down[i]);
  }
  zero_count_ += zeros;
}

void QuantileSketch::merge(const QuantileSketch& other) {
  if (&other == this) {
    const QuantileSketch copy(other);
    merge(copy);
    return;
  }
  if (other.alpha_ != alpha_) throw std::invalid_argument("QuantileSketch::merge: relative accuracies differ");
  positive_.merge(other.positive_);
  negative_.merge(other.negative_);
  zero_count_ += other.zero_count_;
}

void QuantileSketch::clear() noexcept {
  positive_.clear();
  negative_.clear();
  zero_count_ = 0;
}

QuantileSketch QuantileSketch::negated() const {
  QuantileSketch n = *this;
  std::swap(n.positive_, n.negative_);
  return n;
}

std::uint64_t QuantileSketch::count() const noexcept { return positive_.total + negative_.total + zero_count_; }

double QuantileSketch::quantile(double q) const {
  const std::uint64_t n = count();
  if (n == 0 || std::isnan(q)) return kNaN;
  q = std::clamp(q, 0.0, 1.0);
  // Same floating-point expression as type 7's h = (n - 1) q, so the rank matches exactly.
  const auto rank = static_cast<std::uint64_t>(std::floor(static_cast<double>(n - 1) * q));
  std::uint64_t seen = 0;
  const std::vector<std::uint64_t>& neg = negative_.counts;
  for (std::size_t j = neg.size(); j-- > 0;) {
    seen += neg[j];
    if (seen > rank) return -value_of(negative_.offset + static_cast<std::int32_t>(j));
  }
  seen += zero_count_;
  if (seen > rank) return 0.0;
  const std::vector<std::uint64_t>& pos = positive_.counts;
  for (std::size_t j = 0; j < pos.size(); ++j) {
    seen += pos[j];
    if (seen > rank) return value_of(positive_.offset + static_cast<std::int32_t>(j));
  }
  return kNaN;  // unreachable: the counts sum to n > rank
}

double QuantileSketch::upper_cvar(double level) const {
  const std::uint64_t n = count();
  if (n == 0 || std::isnan(level)) return kNaN;
  level = std::clamp(level, 0.0, 1.0);
  const double nd = static_cast<double>(n);
  // Tail mass as exact_upper_cvar defines it; n - level n (not (1 - level) n) so that e.g.
  // 0.95 * 100 gives exactly 5. Subtracting whole counts from it below is exact.
  const double t = nd - level * nd;
  double remaining = t;
  CompensatedSum sum;
  // Returns true when the tail mass is used up.
  auto take = [&](double value, std::uint64_t c) {
    const double w = std::min(static_cast<double>(c), remaining);
    sum.add(w * value);
    remaining -= w;
    return remaining <= 0.0;
  };
  const std::vector<std::uint64_t>& pos = positive_.counts;
  for (std::size_t j = pos.size(); j-- > 0;) {
    if (pos[j] == 0) continue;
    const double v = value_of(positive_.offset + static_cast<std::int32_t>(j));
    if (t < 1.0) return v;  // less than one value of tail: the largest
    if (take(v, pos[j])) return sum.value() / t;
  }
  if (zero_count_ != 0) {
    if (t < 1.0) return 0.0;
    if (take(0.0, zero_count_)) return sum.value() / t;
  }
  const std::vector<std::uint64_t>& neg = negative_.counts;
  for (std::size_t j = 0; j < neg.size(); ++j) {
    if (neg[j] == 0) continue;
    const double v = -value_of(negative_.offset + static_cast<std::int32_t>(j));
    if (t < 1.0) return v;
    if (take(v, neg[j])) return sum.value() / t;
  }
  return sum.value() / t;  // level 0: the whole sample
}

std::size_t QuantileSketch::memory_bytes() const noexcept {
  return (positive_.counts.capacity() + negative_.counts.capacity()) * sizeof(std::uint64_t);
}

std::size_t QuantileSketch::max_memory_bytes(double relative_accuracy) {
  const Mapping m = mapping_for(relative_accuracy);
  const auto buckets = static_cast<std::size_t>(std::int64_t{m.max_index} - m.min_index + 1);
  return 2 * buckets * sizeof(std::uint64_t);
}

namespace {

void save_store(ByteWriter& out, const std::vector<std::uint64_t>& counts, std::int32_t offset) {
  std::uint64_t nonzero = 0;
  for (std::uint64_t c : counts) nonzero += c != 0 ? 1 : 0;
  out.put(nonzero);
  for (std::size_t i = 0; i < counts.size(); ++i)
    if (counts[i] != 0) {
      out.put(static_cast<std::int32_t>(offset + static_cast<std::int32_t>(i)));
      out.put(counts[i]);
    }
}

}  // namespace

void QuantileSketch::save(ByteWriter& out) const {
  out.put(alpha_);
  out.put(zero_count_);
  save_store(out, positive_.counts, positive_.offset);
  save_store(out, negative_.counts, negative_.offset);
}

QuantileSketch QuantileSketch::load(ByteReader& in) {
  const auto alpha = in.get<double>();
  if (!(alpha > 0.0 && alpha < 1.0)) throw ByteStreamError("sketch accuracy out of range");
  QuantileSketch sk(alpha);
  sk.zero_count_ = in.get<std::uint64_t>();
  for (Store* store : {&sk.positive_, &sk.negative_}) {
    const auto n = in.get<std::uint64_t>();
    if (n > static_cast<std::uint64_t>(std::int64_t{store->max_index} - store->min_index) + 1)
      throw ByteStreamError("sketch bucket count out of range");
    for (std::uint64_t i = 0; i < n; ++i) {
      const auto index = in.get<std::int32_t>();
      const auto count = in.get<std::uint64_t>();
      if (index < store->min_index || index > store->max_index || count == 0)
        throw ByteStreamError("sketch bucket out of range");
      store->add(index, count);
    }
  }
  return sk;
}

std::string QuantileSketch::to_string() const {
  if (count() == 0) return fmt::format("QuantileSketch{{accuracy={}, empty}}", alpha_);
  return fmt::format("QuantileSketch{{accuracy={}, {} values, buckets from {} to {}}}", alpha_, count(), quantile(0.0),
                     quantile(1.0));
}

}  // namespace tcosim
