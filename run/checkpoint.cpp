#include "run/checkpoint.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "util/atomic_file.hpp"
#include "util/sha256.hpp"

namespace tcosim {

namespace {

constexpr std::string_view kMagic = "TCOSIMCK";
// 2: chunk states count no-payback and cash-short trials (format 2), and store cash curves.
// 3: chunk states carry the decision analytics (pair counts, EVPPI bins); analytics sketches.
// 4: exact mode saves each trial's stress mark instead of stress sketches, and sketch buckets
//    follow the logarithm-free index (a bucket number of layout 3 means another range).
// 5: the same bytes, but the EVPPI bin sums are added through joint bins of input pairs, which
//    rounds differently: a layout-4 state resumed by this tcosim would end in neither version's bits.
// 6: chunk states carry per-replicate moments (empty but for streaming sobol runs), and streaming
//    sobol runs keep per-replicate sketches after the analytics' sketches.
constexpr std::uint32_t kFormat = 6;
// Written as a native integer: a file from a machine of other byte order reads differently.
constexpr std::uint32_t kByteOrderMark = 0x01020304;
constexpr std::size_t kHashHex = 64;

void put_identity(ByteWriter& w, const RunIdentity& id) {
  w.put_string(id.tcosim_version);
  w.put_string(id.scenario_sha256);
  w.put(id.seed);
  w.put(id.trials);
  w.put(id.sample_rows);
  w.put(static_cast<std::uint8_t>(id.sampling));  // 0 random, 1 lhs, 2 sobol
  w.put<std::uint8_t>(id.target_precision ? 1 : 0);
  w.put(id.target_precision.value_or(0.0));
  w.put<std::uint8_t>(id.exact_quantiles ? 1 : 0);
  w.put(id.options);
  w.put(id.inputs);
  w.put(id.chunk_trials);
}

RunIdentity get_identity(ByteReader& r) {
  RunIdentity id;
  id.tcosim_version = r.get_string(64);
  id.scenario_sha256 = r.get_string(64);
  id.seed = r.get<std::uint64_t>();
  id.trials = r.get<std::uint64_t>();
  id.sample_rows = r.get<std::uint64_t>();
  const auto sampling = r.get<std::uint8_t>();
  id.sampling = sampling < kSamplingNames.names.size() ? static_cast<Sampling>(sampling) : Sampling::Random;
  const bool has_precision = r.get<std::uint8_t>() == 1;
  const auto precision = r.get<double>();
  if (has_precision) id.target_precision = precision;
  id.exact_quantiles = r.get<std::uint8_t>() == 1;
  id.options = r.get<std::uint64_t>();
  id.inputs = r.get<std::uint64_t>();
  id.chunk_trials = r.get<std::uint64_t>();
  return id;
}

std::string precision_text(const std::optional<double>& p) { return p ? fmt::format("{}", *p) : "none"; }

/// "seed 7 (this run: 8), trials ..." for every field that differs; empty when none does.
std::string differences(const RunIdentity& file, const RunIdentity& run) {
  std::vector<std::string> d;
  auto cmp = [&](const char* what, const std::string& a, const std::string& b) {
    if (a != b) d.push_back(fmt::format("{} {} (this run: {})", what, a, b));
  };
  cmp("tcosim version", file.tcosim_version, run.tcosim_version);
  cmp("scenario sha256", file.scenario_sha256, run.scenario_sha256);
  cmp("seed", std::to_string(file.seed), std::to_string(run.seed));
  cmp("trials", std::to_string(file.trials), std::to_string(run.trials));
  cmp("--samples", std::to_string(file.sample_rows), std::to_string(run.sample_rows));
  cmp("sampling", std::string(to_string(file.sampling)), std::string(to_string(run.sampling)));
  cmp("--target-precision", precision_text(file.target_precision), precision_text(run.target_precision));
  cmp("quantiles", file.exact_quantiles ? "exact" : "streaming", run.exact_quantiles ? "exact" : "streaming");
  cmp("options", std::to_string(file.options), std::to_string(run.options));
  cmp("inputs", std::to_string(file.inputs), std::to_string(run.inputs));
  cmp("chunk size", std::to_string(file.chunk_trials), std::to_string(run.chunk_trials));
  return fmt::format("{}", fmt::join(d, ", "));
}

}  // namespace

void write_checkpoint(const std::filesystem::path& file, const RunIdentity& id, const RunState& state) {
  ByteWriter w;
  w.put_string(kMagic);
  w.put(kFormat);
  w.put(kByteOrderMark);
  put_identity(w, id);
  state.save(w);
  std::string bytes = w.take();
  bytes += sha256_hex(bytes);
  write_file_atomically(file, bytes);
}

namespace {

constexpr std::string_view kAdvice = "delete it (or the output folder) to start over";

CheckpointError damaged_checkpoint(const std::filesystem::path& file, std::string_view why) {
  return CheckpointError(fmt::format("checkpoint {} is damaged ({}): {}", file.string(), why, kAdvice));
}

/// A checkpoint's file descriptor, closed on every way out.
struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

const char* file_kind(mode_t mode) {
  if (S_ISDIR(mode)) return "a folder";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

/// Up to `n` bytes from the descriptor's current position; fewer only at its end.
std::string read_up_to(int fd, std::size_t n, const std::filesystem::path& file) {
  std::string out(n, '\0');
  std::size_t got = 0;
  while (got < n) {
    const ssize_t r = ::read(fd, out.data() + got, n - got);
    if (r == 0) break;
    if (r < 0) {
      if (errno == EINTR) continue;
      throw CheckpointError(fmt::format("cannot read checkpoint {}: {}", file.string(), std::strerror(errno)));
    }
    got += static_cast<std::size_t>(r);
  }
  out.resize(got);
  return out;
}

}  // namespace

void load_checkpoint_bytes(std::string_view bytes, const std::filesystem::path& file, const RunIdentity& id,
                           RunState& state) {
  auto damaged = [&](std::string_view why) { return damaged_checkpoint(file, why); };
  if (bytes.size() < 8 + kMagic.size() + kHashHex || bytes.substr(8, kMagic.size()) != kMagic)
    throw damaged("not a tcosim checkpoint, or truncated");
  const std::string_view body(bytes.data(), bytes.size() - kHashHex);
  if (sha256_hex(body) != bytes.substr(body.size())) throw damaged("checksum mismatch: truncated or modified");
  try {
    ByteReader r(body);
    if (r.get_string(16) != kMagic) throw damaged("bad header");
    if (const auto format = r.get<std::uint32_t>(); format != kFormat) {
      throw CheckpointError(fmt::format(
          "checkpoint {} was written by another tcosim version (checkpoint layout {}, this tcosim reads {}); {}",
          file.string(), format, kFormat, kAdvice));
    }
    if (r.get<std::uint32_t>() != kByteOrderMark) throw damaged("written on a machine of other byte order");
    const RunIdentity stored = get_identity(r);
    if (const std::string diff = differences(stored, id); !diff.empty())
      throw CheckpointError(fmt::format("checkpoint {} belongs to another run: {}; {}", file.string(), diff, kAdvice));
    state.merge_saved(r);
    if (r.remaining() != 0) throw damaged("trailing data");
    // A checksum proves only that the file is whole: one edited with a recomputed checksum must
    // still hold accumulators a run could have produced.
    if (const std::string why = state_inconsistency(state); !why.empty())
      throw damaged("impossible statistics: " + why);
  } catch (const ByteStreamError& e) {
    throw damaged(e.what());
  }
}

bool read_checkpoint(const std::filesystem::path& file, const RunIdentity& id, RunState& state) {
  // Never follow a link, never block (a FIFO), and check what it is before reading: a link to
  // /dev/zero or a huge sparse file must cost nothing.
  Fd f{::open(file.c_str(), O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC)};
  if (f.fd < 0) {
    if (errno == ENOENT) return false;
    if (errno == ELOOP)
      throw CheckpointError(
          fmt::format("checkpoint {} is a symbolic link; tcosim reads only the file it wrote there: "
                      "delete it to start over",
                      file.string()));
    throw CheckpointError(fmt::format("cannot read checkpoint {}: {}", file.string(), std::strerror(errno)));
  }
  struct stat st {};
  if (::fstat(f.fd, &st) != 0)
    throw CheckpointError(fmt::format("cannot read checkpoint {}: {}", file.string(), std::strerror(errno)));
  if (!S_ISREG(st.st_mode))
    throw CheckpointError(fmt::format("checkpoint {} is {}, not a file tcosim wrote: delete it to start over",
                                      file.string(), file_kind(st.st_mode)));
  const auto size = static_cast<std::uint64_t>(st.st_size);
  auto damaged = [&](std::string_view why) { return damaged_checkpoint(file, why); };
  constexpr std::size_t kHead = 8 + kMagic.size();
  std::string bytes = read_up_to(f.fd, kHead, file);
  if (bytes.size() < kHead || size < kHead + kHashHex || bytes.compare(8, kMagic.size(), kMagic) != 0)
    throw damaged("not a tcosim checkpoint, or truncated");
  // The largest state this run can save, plus its header and checksum.
  const std::uint64_t limit = max_saved_bytes(state.shape()) + 4096 + kHashHex;
  if (size > limit) {
    // Most likely a checkpoint of a larger run: say so when its header reads as one.
    bytes += read_up_to(f.fd, 4096, file);
    try {
      ByteReader r(bytes);
      r.get_string(16);
      r.get<std::uint32_t>();
      r.get<std::uint32_t>();
      if (const std::string diff = differences(get_identity(r), id); !diff.empty())
        throw CheckpointError(
            fmt::format("checkpoint {} belongs to another run: {}; {}", file.string(), diff, kAdvice));
    } catch (const ByteStreamError&) {
    }
    throw damaged(fmt::format("{} bytes, more than a checkpoint of this run can hold ({} bytes at most)", size, limit));
  }
  bytes += read_up_to(f.fd, static_cast<std::size_t>(size - kHead) + 1, file);
  if (bytes.size() != size) throw damaged("its size changed while it was read");
  load_checkpoint_bytes(bytes, file, id, state);
  return true;
}

}  // namespace tcosim
