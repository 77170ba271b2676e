#include "input/diagnostic.hpp"

namespace tcosim {

std::string Diagnostic::to_string() const {
  // Compilers' "file:line:column:" shape, so editors and terminals can jump to the spot.
  std::string out = file;
  if (line > 0) {
    out += ':' + std::to_string(line);
    if (column > 0) out += ':' + std::to_string(column);
  }
  if (!out.empty()) out += ": ";
  if (!field.empty()) out += field + ": ";
  out += message;
  return out;
}

}  // namespace tcosim
