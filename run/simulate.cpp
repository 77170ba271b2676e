#include "run/simulate.hpp"

#include <chrono>
#include <vector>

#include "run/chunk_schedule.hpp"
#include "run/coordinator.hpp"
#include "run/run_plan.hpp"
#include "run/run_state.hpp"
#include "run/summarize.hpp"
#include "run/workers.hpp"
#include "sim/communicator.hpp"

namespace tcosim {

namespace {

/// What the result says about the run's settings, before any trial.
SimulationResult result_of_plan(const RunConfig& cfg, const RunPlan& plan, const Communicator& comm) {
  SimulationResult result;
  result.seed = cfg.seed;
  result.sampling = cfg.sampling;
  result.target_precision = cfg.target_precision;
  result.quantile_method = plan.memory.method;
  result.sketch_accuracy = plan.shape.sketch_accuracy;
  result.planned_memory_bytes = plan.memory.planned_bytes;
  result.ranks = comm.size();
  result.is_root = comm.is_root();
  return result;
}

/// Computes this rank's share of a round wave by wave, coordinating after each wave; at the
/// end, rank 0's state holds every chunk of the round. `prefix`: chunks [0, prefix) were done.
void run_round(const WaveSchedule& schedule, std::uint64_t prefix, Workers& workers, Coordinator& coordinator,
               RunState& state) {
  std::uint64_t round_done = 0;
  for (std::uint64_t w = 0; w < schedule.waves; ++w) {
    const std::vector<std::uint64_t> wave = schedule.wave(w);
    workers.run_wave(wave);
    const WaveControl control = coordinator.exchange(wave.size());
    round_done += control.chunks_done;
    coordinator.report_progress(prefix + round_done);
    coordinator.act_on(control, workers, state);
  }
  coordinator.collect(workers, state);
}

}  // namespace

SimulationResult simulate(const Scenario& s, const RunConfig& cfg) {
  const auto started = std::chrono::steady_clock::now();
  Communicator& comm = cfg.comm != nullptr ? *cfg.comm : Communicator::single();
  const RunPlan plan = plan_run(s, cfg);
  const ChunkPlan& chunks = plan.shape.chunks;
  // On rank 0 this is the run's state; on other ranks it holds what the rank computed since it
  // last shipped its results to rank 0.
  RunState state(plan.shape);
  Coordinator coordinator(comm, cfg, run_identity(s, cfg, plan));
  SimulationResult result = result_of_plan(cfg, plan, comm);
  ChunkRanges covered = coordinator.resume(state);  // which chunks are done
  result.resumed_trials = trials_in(chunks, covered);
  Workers workers(s, cfg, state, plan.pilot_kernel);

  std::uint64_t done_chunks = 0;  // chunks [0, done_chunks) are complete on all ranks together
  for (const std::uint64_t end : plan.rounds) {
    const std::uint64_t prefix = !covered.empty() && covered.front().first == 0 ? covered.front().second : 0;
    if (end < prefix) continue;  // a round the resumed run already passed without stopping
    run_round(schedule_round(covered, end, comm.rank(), comm.size()), prefix, workers, coordinator, state);
    covered = {{0, end}};
    done_chunks = end;
    const bool precise = comm.is_root() && cfg.target_precision &&
                         precise_enough(state, chunks.end(end - 1), *cfg.target_precision, cfg.sampling);
    if (coordinator.agree_to_stop(precise)) {
      result.stopped_reason = StopReason::Precision;
      break;
    }
  }
  const std::uint64_t trials = chunks.end(done_chunks - 1);
  result.trials = trials;
  result.comm_bytes = comm.bytes_moved();
  if (comm.is_root()) {
    coordinator.finish_progress(trials);
    summarize(s, state, trials, result, cfg.compare);
  }
  result.elapsed_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace tcosim
