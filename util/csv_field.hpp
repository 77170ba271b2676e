#pragma once
// RFC 4180 quoting of one CSV field: names such as input paths may hold spaces, commas or quotes.
#include <string>

namespace tcosim {

/// The field as is when it needs no quoting, else in double quotes with inner quotes doubled.
inline std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out(1, '"');
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

}  // namespace tcosim
