#pragma once
// The decision analytics' loops over one batch's columns (models/chunk_kernel.cpp): a pair of
// options' cost difference, and a stress input's extreme deciles. No loop branches on each of
// its values (as random as the inputs), and each gives the same numbers in every instruction set.
#include <array>
#include <cstddef>
#include <cstdint>

#include "sim/binned_outcomes.hpp"
#include "sim/moments.hpp"

namespace tcosim {

/// Bins from this one up are an input's highest decile; bins below kLowDecileEnd its lowest.
inline constexpr std::size_t kLowDecileEnd = 2;
inline constexpr std::size_t kHighDecileBin = kValueBins - 2;

/// One batch of a pair of options a, b: the moments of cost_a - cost_b, and how often each is
/// the cheaper.
struct PairTally {
  Moments diff;
  std::uint64_t a_cheaper = 0, b_cheaper = 0;
};

/// diff[t] = a[t] - b[t] over n trials, with their tally. Who is cheaper is read from the
/// difference's sign: for doubles, a - b < 0 exactly when a < b (the rounded difference of two
/// finite values keeps the sign of the exact one, and a NaN counts for neither side either way).
PairTally paired_difference(const double* a, const double* b, std::size_t n, double* diff) noexcept;

/// The places t < n of the trials whose bin (< kValueBins) lies in the lowest decile, into low,
/// and in the highest, into high, in trial order (at most n places each): {how many low, how
/// many high}.
std::array<std::size_t, 2> decile_trials(const std::uint8_t* bin, std::size_t n, std::uint16_t* low,
                                         std::uint16_t* high) noexcept;

}  // namespace tcosim
