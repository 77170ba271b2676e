#pragma once
// Whole-string parsing of a finite number from text (command-line values, sweep grid values).
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <string>

namespace tcosim {

/// The number `s` spells, if all of it is one finite double; nullopt otherwise.
inline std::optional<double> parse_finite_double(const std::string& s) {
  if (s.empty()) return std::nullopt;
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(s.c_str(), &end);
  // ERANGE with a finite result is underflow: the nearest double (subnormal or zero) is the
  // right value. Overflow gives infinity and is refused.
  if (end != s.c_str() + s.size() || !std::isfinite(v) || (errno != 0 && errno != ERANGE)) return std::nullopt;
  return v;
}

}  // namespace tcosim
