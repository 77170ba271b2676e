#include "util/error_text.hpp"

#include <new>
#include <stdexcept>

namespace tcosim {

std::string error_text(const std::exception& e) {
  if (dynamic_cast<const std::bad_alloc*>(&e) != nullptr)
    return "not enough memory for this run: lower --trials, --samples or --max-memory, or free memory";
  if (dynamic_cast<const std::length_error*>(&e) != nullptr)
    return "a size out of range for this machine: lower --trials or --samples";
  return e.what();
}

}  // namespace tcosim
