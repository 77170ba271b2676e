#include "run/workers.hpp"

#include <fmt/format.h>

#include <limits>
#include <stdexcept>

#include "run/chunk_schedule.hpp"
#include "sim/chunked_runner.hpp"

namespace tcosim {

namespace {

ChunkSinks sinks_into(const Scenario& s, RunState& state) {
  const RunShape& shape = state.shape();
  // The kernel writes the scenario's series into the state's arrays: a shape made for another
  // format would have them overrun.
  if (shape.options != s.options.size() || shape.inputs != s.inputs.size() || shape.metric_count != s.metric_count() ||
      shape.cash_months != s.cash_months() ||
      (shape.analytics.options != 0 && shape.analytics.options != s.options.size()))
    throw std::logic_error(
        fmt::format("Workers: the run state ({}) does not fit scenario {}", shape.to_string(), s.name));
  ChunkSinks sinks;
  if (shape.exact) sinks.stored = std::span<double* const>(state.stored(), shape.series());
  sinks.stress_marks = state.stress_marks();
  sinks.samples = state.samples().data();
  sinks.sample_rows = shape.sample_rows;
  sinks.sample_width = shape.sample_width();
  sinks.sens = state.sens().data();
  sinks.sens_rows = shape.sens_rows;
  sinks.sens_width = shape.sens_width();
  if (!state.sens_bins().empty()) sinks.sens_bins = state.sens_bins().data();
  sinks.budget = s.targets.budget.value_or(std::numeric_limits<double>::infinity());
  sinks.deadline = s.targets.deadline_months.value_or(std::numeric_limits<double>::infinity());
  return sinks;
}

}  // namespace

Workers::Workers(const Scenario& s, const RunConfig& cfg, RunState& state, std::shared_ptr<ChunkKernel> finished)
    : state_(state),
      finished_(std::move(finished)),
      kernels_([this, &s, seed = cfg.seed, sampling = cfg.sampling, streaming = !state.shape().exact,
                accuracy = state.shape().sketch_accuracy, &analytics = state.shape().analytics] {
        std::shared_ptr<ChunkKernel> reuse;
        {
          const std::lock_guard<std::mutex> lock(lock_);
          reuse.swap(finished_);
        }
        if (reuse != nullptr) return ChunkKernel(std::move(*reuse), streaming, accuracy, analytics);
        return ChunkKernel(s, seed, sampling, streaming, accuracy, analytics);
      }),
      sinks_(sinks_into(s, state)),
      slots_(kWaveChunks),
      status_(kWaveChunks),
      stop_(cfg.stop) {}

void Workers::run_wave(std::span<const std::uint64_t> chunks) {
  const ChunkPlan& plan = state_.shape().chunks;
  // A stop that was already asked for when the wave began lets it finish (the coordinator acts
  // on it after this wave, as before); one that arrives during the wave ends it at the next
  // chunk, so a signal waits for a chunk (milliseconds), not a wave.
  const bool stopped_before = stop_ != nullptr && stop_->load(std::memory_order_relaxed) != 0;
  std::fill_n(status_.begin(), chunks.size(), SlotStatus::pending);
  next_push_ = 0;
  compute_wave(chunks, slots_, [&](std::uint64_t c, ChunkState& st) {
    const auto i = static_cast<std::size_t>(&st - slots_.data());
    const bool compute = stopped_before || stop_ == nullptr || stop_->load(std::memory_order_relaxed) == 0;
    if (compute) {
      if (st.metrics.empty()) {
        // Pushed in an earlier wave (moved out): take a state the folds merged away, whose
        // buffers are mapped, rather than allocate new ones.
        const std::lock_guard<std::mutex> lock(lock_);
        st = state_.spare_chunk_state();
      }
      kernels_.local().run(plan.begin(c), plan.end(c), sinks_, st);
    }
    // Push, in the wave's order, every chunk whose turn has come (the same pushes in the same
    // order as after the wave, so the same state): with one thread, each chunk as soon as it is
    // done, its accumulators still in cache for the merge.
    const std::lock_guard<std::mutex> lock(lock_);
    status_[i] = compute ? SlotStatus::computed : SlotStatus::skipped;
    for (; next_push_ < chunks.size() && status_[next_push_] != SlotStatus::pending; ++next_push_)
      if (status_[next_push_] == SlotStatus::computed)
        state_.push_chunk(chunks[next_push_], std::move(slots_[next_push_]));
  });
}

void Workers::drain_sketches() {
  for (ChunkKernel& k : kernels_)
    for (std::size_t i = 0; i < k.sketches().size(); ++i) {
      state_.sketches()[i].merge(k.sketches()[i]);
      k.sketches()[i].clear();
    }
}

std::string Workers::to_string() const {
  return fmt::format("{} kernels into {}", kernels_.size(), state_.to_string());
}

}  // namespace tcosim
