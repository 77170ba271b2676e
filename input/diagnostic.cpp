#include "input/diagnostic.hpp"

#include "util/visible_text.hpp"

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
  // The file name and the quoted text come from the user's files: nothing in them may act on a terminal.
  return visible_text(out, true);
}

}  // namespace tcosim
