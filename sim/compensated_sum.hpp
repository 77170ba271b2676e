#pragma once
// Neumaier-compensated summation: a CVaR tail can hold millions of terms of mixed
// magnitude, and a plain running sum would lose digits the report prints.
#include <cmath>
#include <string>

namespace tcosim {

/// Running sum with a compensation term for the low-order bits lost at each addition.
struct CompensatedSum {
  double sum = 0.0, comp = 0.0;
  void add(double x) noexcept {
    const double t = sum + x;
    comp += std::abs(sum) >= std::abs(x) ? (sum - t) + x : (x - t) + sum;
    sum = t;
  }
  double value() const noexcept { return sum + comp; }
  /// The value and its two parts.
  std::string to_string() const;
};

}  // namespace tcosim
