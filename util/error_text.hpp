#pragma once
// What a user reads for an exception: its message, except for the standard library's own
// exceptions whose what() is a C++ type name ("std::bad_alloc", "std::bad_array_new_length",
// "vector::_M_default_append"), which say nothing to someone running a simulation.
#include <exception>
#include <string>

namespace tcosim {

/// e.what(), or a sentence in place of a standard library type name: "not enough memory ..."
/// for std::bad_alloc (and bad_array_new_length), "a size out of range ..." for
/// std::length_error.
std::string error_text(const std::exception& e);

}  // namespace tcosim
