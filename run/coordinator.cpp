#include "run/coordinator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <exception>
#include <span>
#include <utility>
#include <vector>

#include "sim/chunked_runner.hpp"
#include "util/byte_stream.hpp"

namespace tcosim {

namespace {

/// The ranges as bytes on rank 0, on every rank.
ChunkRanges broadcast_ranges(Communicator& comm, const ChunkRanges& ranges) {
  ByteWriter w;
  for (const auto& [a, b] : ranges) w.put(a), w.put(b);
  std::string bytes = w.take();
  comm.broadcast(bytes);
  ByteReader r(bytes);
  ChunkRanges out;
  while (r.remaining() != 0) {
    const auto a = r.get<std::uint64_t>();
    out.emplace_back(a, r.get<std::uint64_t>());
  }
  return out;
}

}  // namespace

std::string WaveControl::to_string() const {
  std::string out = fmt::format("{} chunks", chunks_done);
  if (stop_signal != 0) out += fmt::format(", signal {}", stop_signal);
  if (checkpoint_due) out += ", checkpoint due";
  return out;
}

Coordinator::Coordinator(Communicator& comm, const RunConfig& cfg, RunIdentity identity)
    : comm_(comm), cfg_(cfg), identity_(std::move(identity)), last_checkpoint_(std::chrono::steady_clock::now()) {}

ChunkRanges Coordinator::resume(RunState& state) {
  if (!checkpointing() || !cfg_.checkpoint.resume) return {};
  std::string message;
  ChunkRanges covered;
  if (comm_.is_root()) {
    try {
      read_checkpoint(cfg_.checkpoint.file, identity_, state);
      covered = state.covered();
    } catch (const std::exception& e) {
      message = e.what();
    }
  }
  comm_.broadcast(message);
  if (!message.empty()) throw CheckpointError(message);
  // The interval counts from the state just read, as from one just written.
  last_checkpoint_ = std::chrono::steady_clock::now();
  return broadcast_ranges(comm_, covered);
}

WaveControl Coordinator::exchange(std::uint64_t wave_chunks) {
  const bool due = checkpointing() && comm_.is_root() &&
                   std::chrono::duration<double>(std::chrono::steady_clock::now() - last_checkpoint_).count() >=
                       cfg_.checkpoint.interval_s;
  std::array<std::uint64_t, 3> control{
      wave_chunks, cfg_.stop != nullptr ? static_cast<std::uint64_t>(cfg_.stop->load()) : 0, due ? 1u : 0u};
  comm_.allreduce(std::span(control).first(1), Communicator::Op::Sum);
  comm_.allreduce(std::span(control).subspan(1), Communicator::Op::Max);
  return {control[0], static_cast<int>(control[1]), control[2] != 0};
}

void Coordinator::report_progress(std::uint64_t chunks) {
  if (cfg_.progress && comm_.is_root()) cfg_.progress->update(std::min(cfg_.trials, chunks * kChunkTrials));
}

void Coordinator::act_on(const WaveControl& control, Workers& workers, RunState& state) {
  if (control.stop_signal == 0 && !control.checkpoint_due) return;
  collect(workers, state);
  if (checkpointing()) save_checkpoint(state);
  if (control.stop_signal != 0)
    throw RunInterrupted(control.stop_signal, trials_in(state.shape().chunks, state.covered()), checkpointing());
}

void Coordinator::collect(Workers& workers, RunState& state) {
  workers.drain_sketches();
  if (!comm_.distributed()) return;
  std::string mine;
  if (!comm_.is_root()) {
    ByteWriter w;
    state.save(w);
    mine = w.take();
    state.clear_accumulated();
  }
  const std::vector<std::string> all = comm_.gather(mine);
  for (std::size_t r = 1; r < all.size(); ++r) {
    ByteReader in(all[r]);
    state.merge_saved(in);
  }
}

bool Coordinator::agree_to_stop(bool precise) {
  std::array<std::uint64_t, 1> stop{comm_.is_root() && precise ? 1u : 0u};
  comm_.allreduce(stop, Communicator::Op::Max);
  return stop[0] != 0;
}

void Coordinator::finish_progress(std::uint64_t trials) {
  if (cfg_.progress && comm_.is_root()) cfg_.progress->finish(trials);
}

void Coordinator::save_checkpoint(const RunState& state) {
  if (!comm_.is_root()) return;
  write_checkpoint(cfg_.checkpoint.file, identity_, state);
  last_checkpoint_ = std::chrono::steady_clock::now();
}

std::string Coordinator::to_string() const {
  const std::string where = fmt::format("rank {} of {}", comm_.rank(), comm_.size());
  if (!checkpointing()) return where + ", no checkpoints";
  return fmt::format("{}, checkpoints to {} every {} s{}", where, cfg_.checkpoint.file.string(),
                     cfg_.checkpoint.interval_s, cfg_.checkpoint.resume ? ", resuming" : "");
}

}  // namespace tcosim
