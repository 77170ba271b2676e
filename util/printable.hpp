#pragma once
// Every public type of tcosim can print itself, as pbrt-v4's types do: a class has a member
// `std::string to_string() const`, an enum a free `to_string(E)` beside it (found by
// argument-dependent lookup). Either makes the type Printable; then `fmt::format("{}", value)`
// prints it, and so does Catch2 in a failing test (tests/support/printable.hpp). Write
// to_string for a person debugging: one line for a small value, the fields that identify a
// large one.
#include <fmt/format.h>

#include <concepts>
#include <string_view>
#include <type_traits>

namespace tcosim {

/// A class with `to_string() const`, or an enum with `to_string(E)` beside it.
template <class T>
concept Printable = requires(const T& value) {
  { value.to_string() } -> std::convertible_to<std::string_view>;
}
|| (std::is_enum_v<T> && requires(const T& value) {
  { to_string(value) } -> std::convertible_to<std::string_view>;
});

/// The text of a Printable value.
template <Printable T>
auto text_of(const T& value) {
  if constexpr (std::is_enum_v<T>)
    return to_string(value);
  else
    return value.to_string();
}

}  // namespace tcosim

/// fmt prints every Printable type through its to_string (format specs as for a string).
template <tcosim::Printable T>
struct fmt::formatter<T> : fmt::formatter<std::string_view> {
  auto format(const T& value, fmt::format_context& ctx) const {
    const auto text = tcosim::text_of(value);
    return fmt::formatter<std::string_view>::format(std::string_view(text), ctx);
  }
};
