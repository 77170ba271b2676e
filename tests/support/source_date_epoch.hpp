#pragma once
// SOURCE_DATE_EPOCH for the length of a scope: reproducible dates in written files.
#include <cstdlib>
#include <optional>
#include <string>

namespace tcosim::test {

/// Sets SOURCE_DATE_EPOCH (or unsets it, for nullopt) while alive, restoring the old value after.
class SourceDateEpoch {
 public:
  explicit SourceDateEpoch(std::optional<std::string> value) {
    if (const char* old = std::getenv("SOURCE_DATE_EPOCH")) old_ = old;
    set(value);
  }
  ~SourceDateEpoch() { set(old_); }
  SourceDateEpoch(const SourceDateEpoch&) = delete;
  SourceDateEpoch& operator=(const SourceDateEpoch&) = delete;

 private:
  static void set(const std::optional<std::string>& v) {
    if (v)
      ::setenv("SOURCE_DATE_EPOCH", v->c_str(), 1);
    else
      ::unsetenv("SOURCE_DATE_EPOCH");
  }
  std::optional<std::string> old_;
};

}  // namespace tcosim::test
