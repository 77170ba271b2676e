#pragma once
// Catch2 shows a tcosim value in a failing assertion by its to_string (util/printable.hpp),
// e.g. `Sampling::Lhs` as "lhs" and a Scenario by name, horizon, inputs and options, instead
// of "{?}". Include it in a test file that compares tcosim types.
#include <catch2/catch.hpp>
#include <string>

#include "util/printable.hpp"

namespace Catch {

template <tcosim::Printable T>
struct StringMaker<T> {
  static std::string convert(const T& value) { return std::string(tcosim::text_of(value)); }
};

}  // namespace Catch
