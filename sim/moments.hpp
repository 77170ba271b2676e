#pragma once
// Streaming count/mean/variance/min/max. Merging is Chan et al.'s pairwise update; the
// runner merges chunk accumulators in chunk order, so the floating-point result depends
// only on the (fixed) chunk size, never on threads or scheduling.
#include <algorithm>
#include <cmath>
#include <cstdint>
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
  // error of the mean. Each pass keeps kLanes partial sums in a fixed order, so the compiler
  // can vectorise it and the result is still a function of the values alone.
  constexpr std::size_t kLanes = 8;
  Moments r;
  if (n == 0) return r;
  const std::size_t whole = n - n % kLanes;
  double lane[kLanes] = {};
  for (std::size_t i = 0; i < whole; i += kLanes)
    for (std::size_t j = 0; j < kLanes; ++j) lane[j] += x[i + j];
  double sum = 0.0;
  for (std::size_t j = 0; j < kLanes; ++j) sum += lane[j];
  for (std::size_t i = whole; i < n; ++i) sum += x[i];
  const double mean = sum / static_cast<double>(n);

  double dev[kLanes] = {}, sq[kLanes] = {}, lo[kLanes], hi[kLanes];
  for (std::size_t j = 0; j < kLanes; ++j) {
    lo[j] = std::numeric_limits<double>::infinity();
    hi[j] = -std::numeric_limits<double>::infinity();
  }
  for (std::size_t i = 0; i < whole; i += kLanes)
    for (std::size_t j = 0; j < kLanes; ++j) {
      const double v = x[i + j], d = v - mean;
      dev[j] += d;
      sq[j] += d * d;
      lo[j] = v < lo[j] ? v : lo[j];
      hi[j] = v > hi[j] ? v : hi[j];
    }
  double dsum = 0.0, ssum = 0.0;
  for (std::size_t j = 0; j < kLanes; ++j) {
    dsum += dev[j];
    ssum += sq[j];
    r.min = std::min(r.min, lo[j]);
    r.max = std::max(r.max, hi[j]);
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
