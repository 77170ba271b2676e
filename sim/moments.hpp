#pragma once
// Streaming count/mean/variance/min/max. Merging is Chan et al.'s pairwise update; the
// runner merges chunk accumulators in chunk order, so the floating-point result depends
// only on the (fixed) chunk size, never on threads or scheduling.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>

namespace tcosim {

/// Count, mean, sum of squared deviations, min and max of a stream of values.
struct Moments {
  std::uint64_t n = 0;
  double mean = 0.0;
  double m2 = 0.0;
  double min = std::numeric_limits<double>::infinity();
  double max = -std::numeric_limits<double>::infinity();

  void add(double x) noexcept {
    ++n;
    const double d = x - mean;
    mean += d / static_cast<double>(n);
    m2 += d * (x - mean);
    min = std::min(min, x);
    max = std::max(max, x);
  }

  /// The moments of x[0, n), to merge into a running total: a whole column at a time is
  /// cheaper than n calls of add (no division per value) and more accurate (two passes).
  /// Always inlined, so that a caller compiled for wider vectors (TCOSIM_VECTOR_CLONES) runs
  /// its loops in them.
  [[gnu::always_inline]] static Moments of(const double* x, std::size_t n) noexcept;

  void merge(const Moments& o) noexcept {
    if (o.n == 0) return;
    if (n == 0) {
      *this = o;
      return;
    }
    const double na = static_cast<double>(n), nb = static_cast<double>(o.n);
    const double nt = na + nb;
    const double d = o.mean - mean;
    mean += d * (nb / nt);
    m2 += o.m2 + d * d * (na * nb / nt);
    n += o.n;
    min = std::min(min, o.min);
    max = std::max(max, o.max);
  }

  /// Sample variance (n - 1 denominator); 0 for fewer than two values.
  double variance() const noexcept { return n > 1 ? std::max(0.0, m2 / static_cast<double>(n - 1)) : 0.0; }
  double sd() const noexcept { return std::sqrt(variance()); }
  /// Standard error of the mean.
  double stderr_of_mean() const noexcept { return n > 0 ? sd() / std::sqrt(static_cast<double>(n)) : 0.0; }

  /// e.g. "Moments{n=3, mean=2, sd=1, min=1, max=3}"; "Moments{n=0}" when empty.
  std::string to_string() const;
};

inline Moments Moments::of(const double* x, std::size_t n) noexcept {
  // Corrected two-pass algorithm (Chan, Golub and LeVeque 1983): the mean first, then the
  // squared deviations from it, less the square of their sum over n, which removes most of the
  // error of the mean. Each pass keeps 8 partial sums (lanes) in a fixed order, so the result is
  // a function of the values alone. The lanes are four vectors of two doubles (GCC's vector
  // extension, the baseline's SSE2 width), each a variable of its own so that it stays in a
  // register: the compiler made scalar code of lane loops over arrays.
  using Two = double __attribute__((vector_size(2 * sizeof(double))));
  constexpr std::size_t kLanes = 8;
  const auto two_at = [x](std::size_t i) {
    Two v;
    std::memcpy(&v, x + i, sizeof v);  // x need not be aligned to the vector
    return v;
  };
  Moments r;
  if (n == 0) return r;
  const std::size_t whole = n - n % kLanes;
  Two s0 = {}, s1 = {}, s2 = {}, s3 = {};
  for (std::size_t i = 0; i < whole; i += kLanes) {
    s0 += two_at(i);
    s1 += two_at(i + 2);
    s2 += two_at(i + 4);
    s3 += two_at(i + 6);
  }
  double sum = 0.0;
  for (const Two& s : {s0, s1, s2, s3}) sum = sum + s[0] + s[1];
  for (std::size_t i = whole; i < n; ++i) sum += x[i];
  const double mean = sum / static_cast<double>(n);

  // Lane by lane: the deviations' sum and squares, the lowest and highest value.
  struct Lanes {
    Two dev = {}, sq = {};
    Two lo = {std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity()};
    Two hi = -lo;
    void add(Two v, double mean) noexcept {
      const Two d = v - mean;
      dev += d;
      sq += d * d;
      lo = v < lo ? v : lo;
      hi = v > hi ? v : hi;
    }
  };
  Lanes l0, l1, l2, l3;
  for (std::size_t i = 0; i < whole; i += kLanes) {
    l0.add(two_at(i), mean);
    l1.add(two_at(i + 2), mean);
    l2.add(two_at(i + 4), mean);
    l3.add(two_at(i + 6), mean);
  }
  double dsum = 0.0, ssum = 0.0;
  for (const Lanes& l : {l0, l1, l2, l3})
    for (int j = 0; j < 2; ++j) {
      dsum += l.dev[j];
      ssum += l.sq[j];
      r.min = std::min(r.min, l.lo[j]);
      r.max = std::max(r.max, l.hi[j]);
    }
  for (std::size_t i = whole; i < n; ++i) {
    const double d = x[i] - mean;
    dsum += d;
    ssum += d * d;
    r.min = std::min(r.min, x[i]);
    r.max = std::max(r.max, x[i]);
  }
  r.n = n;
  r.mean = mean;
  r.m2 = std::max(0.0, ssum - dsum * dsum / static_cast<double>(n));
  return r;
}

}  // namespace tcosim
