#pragma once
// Content hash of scenario files (provenance in summary.json, skip-if-done in batches).
#include <string>
#include <string_view>

namespace tcosim {

/// Lower-case hex SHA-256 of `bytes` (OpenSSL's EVP digest).
std::string sha256_hex(std::string_view bytes);

}  // namespace tcosim
