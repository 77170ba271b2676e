#include "util/byte_size.hpp"

#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <cmath>

namespace tcosim {

std::optional<std::uint64_t> parse_byte_size(std::string_view text) {
  double number = 0.0;
  const char* first = text.data();
  const char* last = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(first, last, number);
  if (ec != std::errc() || ptr == first || !std::isfinite(number) || number <= 0.0) return std::nullopt;
  std::string suffix;
  for (const char* c = ptr; c != last; ++c) suffix += static_cast<char>(std::toupper(static_cast<unsigned char>(*c)));
  double scale = 1.0;
  if (suffix.empty() || suffix == "B") {
    scale = 1.0;
  } else {
    const char unit = suffix[0];
    const std::string rest = suffix.substr(1);
    if (!(rest.empty() || rest == "B" || rest == "IB")) return std::nullopt;
    switch (unit) {
      case 'K': scale = 1024.0; break;
      case 'M': scale = 1024.0 * 1024; break;
      case 'G': scale = 1024.0 * 1024 * 1024; break;
      case 'T': scale = 1024.0 * 1024 * 1024 * 1024; break;
      default: return std::nullopt;
    }
  }
  const double bytes = std::floor(number * scale);
  if (bytes < 1.0 || bytes >= 1.8e19) return std::nullopt;
  return static_cast<std::uint64_t>(bytes);
}

std::string format_byte_size(std::uint64_t bytes) {
  static constexpr const char* kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double v = static_cast<double>(bytes);
  int u = 0;
  while (v >= 1024.0 && u < 4) {
    v /= 1024.0;
    ++u;
  }
  return u == 0 ? fmt::format("{} B", bytes) : fmt::format("{:.1f} {}", v, kUnits[u]);
}

}  // namespace tcosim
