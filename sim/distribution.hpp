#pragma once
// The closed set of input distributions, dispatched by a switch on DistKind rather than
// virtual calls (the pbrt-v4 way): the per-trial hot path stays branch-cheap and inlinable.
#include <array>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "sim/beta_inverse.hpp"
#include "sim/philox_stream.hpp"
#include "util/enum_names.hpp"

namespace tcosim {

/// Every family tcosim can draw from. The first nine are the user-facing families of
/// MODEL.md section 2; Bernoulli and Exponential are internal (risk events, leak time).
enum class DistKind : std::uint8_t {
  Constant,
  Uniform,
  Triangular,
  Pert,
  Normal,           ///< untruncated normal
  TruncatedNormal,  ///< normal truncated to [min, max] (either bound may be infinite)
  Lognormal,
  Beta,  ///< beta(alpha, beta) scaled to [min, max]; PERT is a Beta too but keeps its own kind
  Discrete,
  Bernoulli,    ///< 1 with probability p, else 0
  Exponential,  ///< rate lambda; lambda == 0 means "never" (+infinity)
};

/// The family's name in snake case, e.g. "truncated_normal".
inline constexpr EnumNames<DistKind, 11> kDistKindNames{{"constant", "uniform", "triangular", "pert", "normal",
                                                         "truncated_normal", "lognormal", "beta", "discrete",
                                                         "bernoulli", "exponential"}};
static_assert(kDistKindNames.names.size() == static_cast<std::size_t>(DistKind::Exponential) + 1,
              "a name for every kind");
constexpr std::string_view to_string(DistKind k) noexcept { return kDistKindNames.of(k); }

/// Values and cumulative weights of a discrete distribution, shared and immutable.
struct DiscreteTable {
  std::vector<double> values;
  std::vector<double> weights;     ///< as given (relative, all > 0)
  std::vector<double> cumulative;  ///< normalised running sum, last element exactly 1
  /// The values and weights as given.
  std::string to_string() const;
};

/// A validated, immutable distribution. Parameters are precomputed at construction
/// (e.g. lognormal mu/sigma, PERT alpha/beta) so sampling does no set-up work.
struct Distribution {
  DistKind kind = DistKind::Constant;
  /// Kind-specific precomputed parameters; layout documented per kind in distribution.cpp.
  std::array<double, 8> p{};
  /// Discrete only.
  std::shared_ptr<const DiscreteTable> table;
  /// Pert (width > 0) and Beta only: the fast inverse CDF of the standard beta, shared and immutable.
  std::shared_ptr<const BetaInverse> beta_inverse;

  /// One draw: from_uniform of the stream's next uniform (every kind but Constant, which draws
  /// nothing, is an inverse CDF of one uniform).
  double sample(PhiloxStream& s) const noexcept { return is_constant() ? p[0] : from_uniform(s.next_u01()); }
  /// The fast inverse CDF at u in (0, 1) that sample() applies: closed forms, Wichura's normal
  /// quantile, and BetaInverse for PERT and beta. Monotone in u; agrees with quantile() to
  /// rounding (PERT and beta: to the table's u-error, 1e-12).
  double from_uniform(double u) const noexcept;
  /// from_uniform over n uniforms (x may alias u): the kind is dispatched once, not per value.
  void from_uniforms(const double* u, double* x, std::size_t n) const noexcept;
  /// Inverse CDF at u in (0, 1) (Boost.Math where no closed form); slower than sample().
  double quantile(double u) const;
  /// CDF at x, from Boost.Math where it has the family (used by tests and copulas).
  double cdf(double x) const;
  double mean() const;
  double variance() const;
  bool is_constant() const noexcept { return kind == DistKind::Constant; }
  /// Human-readable form, e.g. "pert(min=1, mode=2, max=5, lambda=4)".
  std::string describe() const;
  /// describe(): the family and its parameters under the names a scenario gives them.
  std::string to_string() const { return describe(); }

  // Direct constructors for already-validated parameters (tests, internal inputs).
  static Distribution constant(double v);
  static Distribution uniform(double min, double max);
  static Distribution triangular(double min, double mode, double max);
  static Distribution pert(double min, double mode, double max, double lambda = 4.0);
  static Distribution normal(double mean, double sd);
  static Distribution truncated_normal(double mean, double sd, double min, double max);
  static Distribution lognormal_mean_sd(double mean, double sd);
  static Distribution lognormal_median_p90(double median, double p90);
  static Distribution beta(double alpha, double beta, double min = 0.0, double max = 1.0);
  static Distribution discrete(std::vector<double> values, std::vector<double> weights);
  static Distribution bernoulli(double p);
  static Distribution exponential(double rate);
};

/// A parameter problem found while building a distribution from user input.
struct ParamError {
  std::string param;    ///< the offending key, e.g. "mode" (or "dist" for the family)
  std::string message;  ///< what was expected, e.g. "mode 7 must lie within [min, max] = [1, 5]"
  /// "param: message".
  std::string to_string() const { return param + ": " + message; }
};

/// Parameters as read from a scenario's `{dist: ..., ...}` map.
struct DistParams {
  std::map<std::string, double, std::less<>> scalars;  ///< every numeric key but `dist`
  std::vector<double> values;                          ///< discrete: `values`
  std::vector<double> weights;                         ///< discrete: `weights`
  /// Every key with its value, e.g. "DistParams{max=5, min=1, mode=2}".
  std::string to_string() const;
};

/// What keys one user-facing family accepts (for unknown-key and did-you-mean checks).
struct FamilyInfo {
  std::string_view name;
  std::vector<std::string_view> keys;  ///< every accepted key except `dist`
  /// The family and its keys, e.g. "pert(min, mode, max, lambda)".
  std::string to_string() const;
};

/// Standard normal quantile for p in (0, 1) (Wichura's AS241, ~1e-16 relative): the fast
/// transform sample() uses for every normal-based draw; exposed so it can be tested directly.
double standard_normal_quantile(double p) noexcept;
/// z[i] = standard_normal_quantile(p[i]) for i < n, bit for bit, vectorised where it can be;
/// p and z may be the same array.
void standard_normal_quantiles(const double* p, double* z, std::size_t n) noexcept;

/// The user-facing families in MODEL.md order.
std::span<const FamilyInfo> distribution_families();
const FamilyInfo* find_family(std::string_view name);

/// Validates and builds a distribution of a user-facing family. Checks every rule of
/// MODEL.md (missing parameters, min > max, mode outside, sd < 0, p90 <= median, weights
/// not positive, values/weights length mismatch, non-finite numbers, ...).
std::variant<Distribution, ParamError> make_distribution(std::string_view family, const DistParams& params);

}  // namespace tcosim
