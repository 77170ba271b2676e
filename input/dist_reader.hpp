#pragma once
// Reading the values of scenario fields: `<dist>` (a constant or a `{dist: family, ...}`
// mapping, MODEL.md section 2) and range-checked plain numbers.
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "input/yaml_reader.hpp"
#include "sim/distribution.hpp"

namespace tcosim {

/// What a constant may be for a field. Draws of a distribution may stray outside and are
/// clamped by the engine (MODEL.md section 3), but a constant outside is a mistake in the file.
struct Range {
  double lo = 0.0;
  double hi = std::numeric_limits<double>::infinity();

  /// "[0, 1]", "[0, inf]".
  std::string to_string() const;
};
inline constexpr Range kNonNegative{0.0, std::numeric_limits<double>::infinity()};
inline constexpr Range kFraction{0.0, 1.0};

/// The most values a distribution's `values` or `weights` list may hold (docs/scenario-format.md):
/// a discrete distribution of more is better written as a continuous one, and the limit keeps
/// the sampler's tables small.
inline constexpr std::size_t kMaxListValues = 10000;

/// Shortest text that reads back as `v` ("0.1", "-5", "1e+20").
std::string format_number(double v);

/// A finite number within `range`; reports otherwise.
std::optional<double> read_in_range(yaml_reader::Reporter& r, const yaml_reader::Located& at, Range range);

/// A `<dist>`: a number (a constant, checked against `range`) or a `{dist: ...}` mapping whose
/// keys, numbers and parameters are all checked; reports every problem and returns nothing.
std::optional<Distribution> read_dist(yaml_reader::Reporter& r, const yaml_reader::Located& at, Range range);

/// An optional `<dist>` field of `m`: `fallback` when absent, nothing (reported) when invalid.
std::optional<Distribution> dist_field(yaml_reader::Reporter& r, const yaml_reader::Mapping& m, std::string_view key,
                                       Range range, std::optional<Distribution> fallback);

/// A required `<dist>` field of `m`; `why` explains the field in the "missing" message.
std::optional<Distribution> required_dist(yaml_reader::Reporter& r, const yaml_reader::Mapping& m, std::string_view key,
                                          Range range, std::string_view why = {});

}  // namespace tcosim
