#pragma once
// Equality of two distributions, for tests that build one two ways (parsed and constructed).
#include "sim/distribution.hpp"

namespace tcosim::test {

/// Whether two distributions are the same: family, parameters and any table.
inline bool same_distribution(const Distribution& a, const Distribution& b) {
  if (a.kind != b.kind || a.p != b.p) return false;
  if (a.table == nullptr || b.table == nullptr) return a.table == b.table;
  return a.table->values == b.table->values && a.table->weights == b.table->weights;
}

}  // namespace tcosim::test
