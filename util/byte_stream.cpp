#include "util/byte_stream.hpp"

#include <fmt/format.h>

namespace tcosim {

std::string ByteStreamError::to_string() const { return fmt::format("ByteStreamError: {}", what()); }

std::string ByteWriter::to_string() const { return fmt::format("ByteWriter{{{} bytes}}", buf_.size()); }

std::string ByteReader::to_string() const { return fmt::format("ByteReader{{{} bytes left}}", rest_.size()); }

}  // namespace tcosim
