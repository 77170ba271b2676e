#pragma once
// One table of names per enum, in enum order: to_string reads it and parsing searches it, so
// every spelling of an enum value is written once (and a did-you-mean hint can list them).
#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace tcosim {

/// The names of E's values: names[i] spells E(i). E's values must be 0, 1, ..., N - 1.
template <class E, std::size_t N>
struct EnumNames {
  std::array<std::string_view, N> names;

  /// The name of `e`; "?" for a value outside the table.
  constexpr std::string_view of(E e) const noexcept {
    const auto i = static_cast<std::size_t>(e);
    return i < N ? names[i] : "?";
  }
  /// The value `name` spells, or nullopt.
  constexpr std::optional<E> find(std::string_view name) const noexcept {
    for (std::size_t i = 0; i < N; ++i)
      if (names[i] == name) return static_cast<E>(i);
    return std::nullopt;
  }
};

}  // namespace tcosim
