#pragma once
// A RunState as the bytes it saves: two states hold the same results exactly when these bytes
// are equal, which is how the tests check bit-identity across waves, ranks and checkpoints.
#include <string>

#include "run/run_state.hpp"

namespace tcosim::test {

inline std::string saved(const RunState& st) {
  ByteWriter w;
  st.save(w);
  return w.take();
}

}  // namespace tcosim::test
