#pragma once
// Streaming count/mean/variance/min/max. Merging is Chan et al.'s pairwise update; the
// runner merges chunk accumulators in chunk order, so the floating-point result depends
// only on the (fixed) chunk size, never on threads or scheduling.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

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
};

}  // namespace tcosim
