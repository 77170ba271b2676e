#pragma once
// "Did you mean ...?" suggestions for misspelt keys and names in scenario files.
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace tcosim {

/// Optimal-string-alignment distance: Levenshtein (insert, delete, substitute) plus the
/// swap of two adjacent characters, the commonest typing slip (`unit_cots`), as one edit.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `word`, or nothing when none is close enough to be a likely
/// typo. Case is ignored; ties go to the earlier candidate. A word that is a prefix of a
/// candidate (`demand` for `demand_units`) also counts as close.
std::optional<std::string> did_you_mean(std::string_view word, std::span<const std::string_view> candidates);

/// "; did you mean `x`?" when there is a suggestion, else "" (ready to append to a message).
std::string did_you_mean_hint(std::string_view word, std::span<const std::string_view> candidates);

}  // namespace tcosim
