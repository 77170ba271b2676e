// libFuzzer target: the checkpoint reader (run/checkpoint.hpp) against forged files
// (scripts/fuzz.sh).
//
// A forger who knows the format recomputes the checksum, so the target does too: the input
// becomes a checkpoint body and its SHA-256 is appended. Random bytes rarely get past the
// identity, so an input is one of three kinds, chosen by its first byte:
//   'R' + bytes  the body as given;
//   'S' + edits  edits (as below) of a valid checkpoint of a small streaming sobol run (3 chunks
//                done of 10, sketches, 16 replicates' moments and sketches);
//   otherwise    edits of a valid checkpoint of a small run (3 chunks done of 10, exact
//                quantiles, recorded samples): each 3-byte group (offset, offset, value)
//                overwrites one byte, and the input's length modulo 64 cuts that many bytes
//                off the end (0: none), so truncations of every field are reached.
// The contract: only CheckpointError escapes; a state that loads satisfies its invariants
// (state_inconsistency is empty) and can be totalled when it is one range from chunk 0.
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <string>

#include "run/checkpoint.hpp"
#include "sim/sobol_points.hpp"
#include "support/checkpoint_fixture.hpp"
#include "util/sha256.hpp"

namespace {

using namespace tcosim;

RunShape shape(bool streaming_sobol) {
  RunShape s = test::small_checkpointed_shape(2, 3);
  s.sample_rows = 25;
  s.sens_rows = 40;
  if (streaming_sobol) {
    s.exact = false;
    s.replicates = kSobolReplicates;
  }
  return s;
}

RunIdentity identity(bool streaming_sobol) {
  return test::small_checkpointed_identity(shape(streaming_sobol), "fuzz", 'f', 1);
}

/// The body (no checksum) of a checkpoint of chunks [0, 3), filled as a run fills them.
std::string valid_body(bool streaming_sobol) {
  RunState st(shape(streaming_sobol));
  const RunShape& sh = st.shape();
  for (std::uint64_t c = 0; c < 3; ++c) {
    ChunkState cs = sh.empty_chunk_state();
    for (std::uint64_t t = c * 10; t < c * 10 + 10; ++t) {
      for (std::size_t k = 0; k < sh.series(); ++k) {
        if (sh.exact)
          st.stored()[k][t] = static_cast<double>(t + k);
        else
          st.sketches()[k].add(static_cast<double>(t + k));
      }
      for (auto& m : cs.metrics) m.add(static_cast<double>(t));
      for (auto& r : cs.regret) r.add(0.5 * static_cast<double>(t % 3));
      for (std::size_t j = 0; j < sh.metric_series() && sh.replicates > 0; ++j) {
        cs.replicate_metrics[j * sh.replicates + t % sh.replicates].add(static_cast<double>(t));
        st.sketches()[sh.replicate_sketch(j, t % sh.replicates)].add(static_cast<double>(t));
      }
      cs.best[t % 2] += 1;
    }
    st.push_chunk(c, cs);
  }
  const auto dir = std::filesystem::temp_directory_path() / ("tcosim-fuzz-ck-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  write_checkpoint(dir / kCheckpointFileName, identity(streaming_sobol), st);
  std::FILE* f = std::fopen((dir / kCheckpointFileName).c_str(), "rb");
  std::string bytes;
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) bytes.append(buf, n);
  std::fclose(f);
  std::filesystem::remove_all(dir);
  return bytes.substr(0, bytes.size() - 64);
}

void violated(const char* what, const std::string& detail) {
  std::fprintf(stderr, "\ncontract violated: %s: %s\n", what, detail.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string valid[2] = {valid_body(false), valid_body(true)};
  const bool sobol = size > 0 && data[0] == 'S';
  std::string body;
  if (size > 0 && data[0] == 'R') {
    body.assign(reinterpret_cast<const char*>(data) + 1, size - 1);
  } else {
    body = valid[sobol ? 1 : 0];
    const std::size_t skip = sobol ? 1 : 0;
    for (std::size_t i = skip; i + 3 <= size; i += 3) {
      const std::size_t at = (std::size_t{data[i]} << 8 | data[i + 1]) % body.size();
      body[at] = static_cast<char>(data[i + 2]);
    }
    body.resize(body.size() - std::min(body.size(), (size - skip) % 64));
  }
  const std::string bytes = body + sha256_hex(body);
  RunState state(shape(sobol));
  try {
    load_checkpoint_bytes(bytes, "fuzz.tcosim", identity(sobol), state);
  } catch (const CheckpointError&) {
    return 0;
  } catch (const std::exception& e) {
    violated("an exception other than CheckpointError escaped", e.what());
  }
  if (const std::string why = state_inconsistency(state); !why.empty()) violated("a loaded state is inconsistent", why);
  if (state.prefix_chunks() > 0 && state.fragments().size() == 1) (void)state.total();
  return 0;
}
