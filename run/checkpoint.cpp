#include "run/checkpoint.hpp"

#include <fmt/format.h>

#include <fstream>
#include <iterator>
#include <sstream>
#include <vector>

#include "util/atomic_file.hpp"
#include "util/sha256.hpp"

namespace tcosim {

namespace {

constexpr std::string_view kMagic = "TCOSIMCK";
// 2: chunk states count no-payback and cash-short trials (format 2), and store cash curves.
constexpr std::uint32_t kFormat = 2;
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

bool read_checkpoint(const std::filesystem::path& file, const RunIdentity& id, RunState& state) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) return false;
  std::ifstream in(file, std::ios::binary);
  if (!in) throw CheckpointError(fmt::format("cannot read checkpoint {}", file.string()));
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw CheckpointError(fmt::format("cannot read checkpoint {}", file.string()));
  const std::string advice = "delete it (or the output folder) to start over";
  auto damaged = [&](std::string_view why) {
    return CheckpointError(fmt::format("checkpoint {} is damaged ({}): {}", file.string(), why, advice));
  };
  if (bytes.size() < kMagic.size() + 8 + kHashHex || bytes.compare(8, kMagic.size(), kMagic) != 0)
    throw damaged("not a tcosim checkpoint, or truncated");
  const std::string_view body(bytes.data(), bytes.size() - kHashHex);
  if (sha256_hex(body) != std::string_view(bytes).substr(body.size()))
    throw damaged("checksum mismatch: truncated or modified");
  try {
    ByteReader r(body);
    if (r.get_string(16) != kMagic) throw damaged("bad header");
    if (const auto format = r.get<std::uint32_t>(); format != kFormat) {
      throw CheckpointError(fmt::format(
          "checkpoint {} was written by another tcosim version (checkpoint layout {}, this tcosim reads {}); {}",
          file.string(), format, kFormat, advice));
    }
    if (r.get<std::uint32_t>() != kByteOrderMark) throw damaged("written on a machine of other byte order");
    const RunIdentity stored = get_identity(r);
    if (const std::string diff = differences(stored, id); !diff.empty())
      throw CheckpointError(fmt::format("checkpoint {} belongs to another run: {}; {}", file.string(), diff, advice));
    state.merge_saved(r);
    if (r.remaining() != 0) throw damaged("trailing data");
  } catch (const ByteStreamError& e) {
    throw damaged(e.what());
  }
  return true;
}

}  // namespace tcosim
