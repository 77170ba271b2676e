#pragma once
// Human byte sizes for --max-memory ("2G", "512M", "1.5GiB", "100000").
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tcosim {

/// Parses a size with an optional K/M/G/T suffix (powers of 1024; "B", "iB" accepted).
/// Returns nullopt for anything else, including zero, negatives and overflow.
std::optional<std::uint64_t> parse_byte_size(std::string_view text);
/// "1.5 GiB"-style rendering for messages and reports.
std::string format_byte_size(std::uint64_t bytes);

}  // namespace tcosim
