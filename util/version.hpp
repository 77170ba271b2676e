#pragma once
// The tcosim version, from project() in CMakeLists.txt; part of every result's provenance.
#include <string_view>

namespace tcosim {

inline constexpr std::string_view kVersion = TCOSIM_VERSION;

}  // namespace tcosim
