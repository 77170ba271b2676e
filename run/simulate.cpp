#include "run/simulate.hpp"

#include <fmt/format.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <memory>
#include <stdexcept>

#include "models/chunk_kernel.hpp"
#include "run/checkpoint.hpp"
#include "run/run_state.hpp"
#include "run/thread_limit.hpp"
#include "sim/chunked_runner.hpp"
#include "sim/moments.hpp"
#include "sim/quantile_sketch.hpp"
#include "sim/rank_correlation.hpp"
#include "util/byte_size.hpp"
#include "util/version.hpp"

namespace tcosim {

namespace {

// Chunks per wave: bounds the per-chunk accumulators alive at once. Fixed, so it cannot
// influence results (merging is in chunk order regardless), only memory and progress cadence.
constexpr std::size_t kWaveChunks = 64;
// A sketch's realistic footprint: a metric spanning twelve decades at a = 1e-3 needs about
// 14,000 buckets of 8 bytes. Used for planning only; actual use is reported after the run.
constexpr std::uint64_t kSketchPlanningBytes = 14000 * 8;
// Per-thread scratch, chunk accumulators and the scenario itself: small but not nothing.
constexpr std::uint64_t kBaseBytes = 8ull << 20;

/// Rows kept for the sensitivity analysis: every input, then total_cost and ttm per option.
std::size_t sensitivity_width(const Scenario& s) { return s.inputs.size() + 2 * s.options.size(); }

/// z for a two-sided 95 % interval.
constexpr double kZ95 = 1.959963984540054;

/// True when |value| bounds the half-width to within `rel` of the value.
bool within(double half_width, double value, double rel) { return half_width <= rel * std::fabs(value); }

/// Spearman sensitivities of one output column against the inputs that belong to option `o`
/// (and the market), strongest first.
std::vector<SensitivityEntry> sensitivities(const Scenario& s, std::size_t o, std::span<const double> output_ranks,
                                            const std::vector<std::vector<double>>& input_ranks) {
  std::vector<SensitivityEntry> out;
  const std::string prefix = s.options[o].name + ".";
  for (Slot k = 0; k < s.inputs.size(); ++k) {
    const std::string& path = s.inputs[k].path;
    if (input_ranks[k].empty() || !(path.starts_with("market.") || path.starts_with(prefix))) continue;
    const double r = pearson_correlation(input_ranks[k], output_ranks);
    if (std::isnan(r)) continue;  // constant in the subsample: no information
    out.push_back({k, r, r * r});
  }
  double total = 0.0;
  for (const auto& e : out) total += e.contribution;
  for (auto& e : out) e.contribution = total > 0 ? e.contribution / total : 0.0;
  std::stable_sort(out.begin(), out.end(), [](const SensitivityEntry& a, const SensitivityEntry& b) {
    return std::fabs(a.spearman) > std::fabs(b.spearman);
  });
  return out;
}

/// Trials in the chunk ranges.
std::uint64_t trials_in(const ChunkPlan& chunks, const ChunkRanges& ranges) {
  std::uint64_t n = 0;
  for (const auto& [a, b] : ranges) n += chunks.end(b - 1) - chunks.begin(a);
  return n;
}

/// Rank 0 reads the checkpoint into `state` (if there is one); every rank learns the completed
/// chunk ranges, or the reason the checkpoint was refused (then every rank throws).
ChunkRanges restore_checkpoint(Communicator& comm, const std::filesystem::path& file, const RunIdentity& id,
                               RunState& state) {
  std::string message;
  ChunkRanges covered;
  if (comm.is_root()) {
    try {
      read_checkpoint(file, id, state);
      covered = state.covered();
    } catch (const std::exception& e) {
      message = e.what();
    }
  }
  comm.broadcast(message);
  if (!message.empty()) throw CheckpointError(message);
  ByteWriter w;
  for (const auto& [a, b] : covered) w.put(a), w.put(b);
  std::string bytes = w.take();
  comm.broadcast(bytes);
  ByteReader r(bytes);
  covered.clear();
  while (r.remaining() != 0) {
    const auto a = r.get<std::uint64_t>();
    covered.emplace_back(a, r.get<std::uint64_t>());
  }
  return covered;
}

/// The statistics of a finished run (rank 0): every metric's summary, the decision
/// probabilities, the recorded rows and the sensitivities.
void summarize(const Scenario& s, RunState& state, std::uint64_t n_done, SimulationResult& result) {
  const std::size_t n_opt = s.options.size();
  const std::size_t n_in = s.inputs.size();
  const std::size_t series = n_opt * kMetricCount;
  const bool exact = state.shape().exact;
  const RunShape& shape = state.shape();
  const ChunkState total = state.total();
  const PercentileCiRanks ci = percentile_ci_ranks(n_done);
  result.options.resize(n_opt);
  tbb::parallel_for(std::size_t{0}, series, [&](std::size_t k) {
    MetricSummary& out = result.options[k / kMetricCount].metrics[k % kMetricCount];
    out = exact ? summarize_exact(total.metrics[k], std::span(state.stored()[k], n_done), ci)
                : summarize_sketch(total.metrics[k], state.sketches()[k], ci);
  });
  const double n = static_cast<double>(n_done);
  for (std::size_t o = 0; o < n_opt; ++o) {
    OptionResult& r = result.options[o];
    r.p_best_cost = static_cast<double>(total.best[o]) / n;
    r.p_fastest = static_cast<double>(total.fastest[o]) / n;
    r.p_never_on_sale = static_cast<double>(total.never_on_sale[o]) / n;
    r.mean_regret = total.regret[o].mean;
    if (s.targets.budget) r.p_over_budget = static_cast<double>(total.over_budget[o]) / n;
    if (s.targets.deadline_months) r.p_late = static_cast<double>(total.late[o]) / n;
  }

  result.samples.rows = static_cast<std::size_t>(state.shape().sample_rows);
  result.samples.width = shape.sample_width();
  result.samples.values = std::move(state.samples());
  result.samples.values.resize(std::min<std::size_t>(result.samples.rows, n_done) * result.samples.width);
  result.samples.rows = std::min<std::size_t>(result.samples.rows, n_done);

  // Sensitivity on the first trials: rank every column once, correlate per option.
  const std::vector<double>& sens = state.sens();
  const std::size_t sens_width = shape.sens_width();
  const std::size_t rows = std::min<std::size_t>(state.shape().sens_rows, n_done);
  result.sensitivity_trials = rows;
  std::vector<std::vector<double>> ranks(sens_width);
  tbb::parallel_for(std::size_t{0}, sens_width, [&](std::size_t c) {
    if (c < n_in && s.inputs[c].dist.is_constant()) return;
    std::vector<double> column(rows);
    for (std::size_t t = 0; t < rows; ++t) column[t] = sens[t * sens_width + c];
    ranks[c].resize(rows);
    average_ranks(column, ranks[c]);
  });
  const std::vector<std::vector<double>> input_ranks(ranks.begin(), ranks.begin() + static_cast<std::ptrdiff_t>(n_in));
  tbb::parallel_for(std::size_t{0}, n_opt, [&](std::size_t o) {
    result.options[o].sensitivity_total_cost = sensitivities(s, o, ranks[n_in + 2 * o], input_ranks);
    result.options[o].sensitivity_ttm = sensitivities(s, o, ranks[n_in + 2 * o + 1], input_ranks);
  });
}

}  // namespace

MemoryPlan plan_memory(const Scenario& s, const RunConfig& cfg, unsigned threads) {
  const std::uint64_t series = s.options.size() * kMetricCount;
  const std::uint64_t width = s.inputs.size() + series;
  MemoryPlan p;
  p.exact_bytes = cfg.trials * series * sizeof(double);
  p.sketch_bytes = static_cast<std::uint64_t>(threads + 1) * series * kSketchPlanningBytes;
  p.sample_bytes = std::min(cfg.sample_rows, cfg.trials) * width * sizeof(double) +
                   std::min(kSensitivityTrials, cfg.trials) * sensitivity_width(s) * sizeof(double);
  const std::uint64_t fixed = kBaseBytes + p.sample_bytes;
  if (fixed + p.exact_bytes <= cfg.max_memory_bytes) {
    p.method = QuantileMethod::Exact;
    p.planned_bytes = fixed + p.exact_bytes;
  } else if (fixed + p.sketch_bytes <= cfg.max_memory_bytes) {
    p.method = QuantileMethod::Sketch;
    p.planned_bytes = fixed + p.sketch_bytes;
  } else {
    throw std::runtime_error(fmt::format(
        "--max-memory {} is too small for this run: streaming statistics need about {} ({} of it for recorded "
        "trials: --samples {} and the sensitivity subsample)",
        format_byte_size(cfg.max_memory_bytes), format_byte_size(fixed + p.sketch_bytes),
        format_byte_size(p.sample_bytes), cfg.sample_rows));
  }
  return p;
}

std::vector<std::uint64_t> round_ends(std::uint64_t total_chunks, bool rounds) {
  std::vector<std::uint64_t> ends;
  if (rounds)
    for (std::uint64_t c = kFirstRoundChunks; c < total_chunks; c *= 2) ends.push_back(c);
  ends.push_back(total_chunks);
  return ends;
}

SimulationResult simulate(const Scenario& s, const RunConfig& cfg) {
  if (cfg.trials == 0) throw std::runtime_error("the number of trials must be at least 1");
  if (cfg.target_precision && !(*cfg.target_precision > 0.0))
    throw std::runtime_error("--target-precision must be a positive fraction, e.g. 0.005");
  const auto started = std::chrono::steady_clock::now();
  Communicator& comm = cfg.comm != nullptr ? *cfg.comm : Communicator::single();
  const bool root = comm.is_root();
  const std::size_t n_opt = s.options.size();
  const std::size_t n_in = s.inputs.size();
  const std::size_t series = n_opt * kMetricCount;
  const unsigned threads = ThreadLimit::current();
  const MemoryPlan plan = plan_memory(s, cfg, threads);
  const bool exact = plan.method == QuantileMethod::Exact;
  TrialSampler(s, cfg.seed, cfg.sampling);  // reports an unusable sampling set-up before any work starts

  const ChunkPlan chunks{cfg.trials, kChunkTrials};
  RunShape shape;
  shape.options = n_opt;
  shape.inputs = n_in;
  shape.chunks = chunks;
  shape.exact = exact;
  shape.sketch_accuracy = kSketchRelativeAccuracy;
  shape.sample_rows = cfg.sample_rows;
  shape.sens_rows = kSensitivityTrials;
  // On rank 0 this is the run's state; on other ranks it holds what the rank computed since it
  // last shipped its results to rank 0.
  RunState state(shape);
  const RunIdentity identity{std::string(kVersion),
                             cfg.checkpoint.scenario_sha256,
                             cfg.seed,
                             cfg.trials,
                             state.shape().sample_rows,
                             cfg.sampling,
                             cfg.target_precision,
                             exact,
                             n_opt,
                             n_in,
                             kChunkTrials,
                             s.name};
  const bool checkpointing = !cfg.checkpoint.file.empty();

  SimulationResult result;
  result.seed = cfg.seed;
  result.sampling = cfg.sampling;
  result.target_precision = cfg.target_precision;
  result.quantile_method = plan.method;
  result.sketch_accuracy = kSketchRelativeAccuracy;
  result.planned_memory_bytes = plan.planned_bytes;
  result.ranks = comm.size();
  result.is_root = root;

  // Which chunks are done: rank 0 knows from the checkpoint, the others are told.
  ChunkRanges covered;
  if (checkpointing && cfg.checkpoint.resume) {
    covered = restore_checkpoint(comm, cfg.checkpoint.file, identity, state);
    result.resumed_trials = trials_in(chunks, covered);
  }

  tbb::enumerable_thread_specific<ChunkKernel> kernels(
      [&] { return ChunkKernel(s, cfg.seed, cfg.sampling, !exact, kSketchRelativeAccuracy); });
  ChunkSinks sinks;
  if (exact) sinks.stored = std::span<double* const>(state.stored(), series);
  sinks.samples = state.samples().data();
  sinks.sample_rows = state.shape().sample_rows;
  sinks.sample_width = shape.sample_width();
  sinks.sens = state.sens().data();
  sinks.sens_rows = state.shape().sens_rows;
  sinks.sens_width = shape.sens_width();
  sinks.budget = s.targets.budget.value_or(std::numeric_limits<double>::infinity());
  sinks.deadline = s.targets.deadline_months.value_or(std::numeric_limits<double>::infinity());

  // Brings every rank's results since the last call into rank 0's state: the per-thread sketch
  // counts first (exact integer merges, any order), then the other ranks' fragments and data.
  auto collect = [&] {
    for (ChunkKernel& k : kernels)
      for (std::size_t i = 0; i < k.sketches().size(); ++i) {
        state.sketches()[i].merge(k.sketches()[i]);
        k.sketches()[i].clear();
      }
    if (!comm.distributed()) return;
    std::string mine;
    if (!root) {
      ByteWriter w;
      state.save(w);
      mine = w.take();
      state.clear_accumulated();
    }
    const std::vector<std::string> all = comm.gather(mine);
    for (std::size_t r = 1; r < all.size(); ++r) {
      ByteReader in(all[r]);
      state.merge_saved(in);
    }
  };

  auto last_checkpoint = std::chrono::steady_clock::now();
  auto save_checkpoint = [&] {
    if (!root) return;
    write_checkpoint(cfg.checkpoint.file, identity, state);
    last_checkpoint = std::chrono::steady_clock::now();
  };

  // The precision test of --target-precision: mean, P50 and P95 of every option's total cost,
  // on rank 0 after collect(). It runs only at fixed chunk counts, so where a run stops does
  // not depend on scheduling, ranks or resumption.
  auto precise_enough = [&](std::uint64_t n) {
    const double rel = *cfg.target_precision;
    const PercentileCiRanks ci = percentile_ci_ranks(n);
    const ChunkState total = state.total();
    for (std::size_t o = 0; o < n_opt; ++o) {
      const std::size_t k = o * kMetricCount + kTotalCost;
      const Moments& m = total.metrics[k];
      if (!within(kZ95 * m.stderr_of_mean(), m.mean, rel)) return false;
      const MetricSummary q = exact ? summarize_exact(m, std::span(state.stored()[k], n), ci)
                                    : summarize_sketch(m, state.sketches()[k], ci);
      for (std::size_t i : {kP50Index, kP95Index}) {
        const double half = 0.5 * (q.quantile_ci95[i][1] - q.quantile_ci95[i][0]);
        if (!within(half, q.quantiles[i], rel)) return false;
      }
    }
    return true;
  };

  std::vector<ChunkState> slots(kWaveChunks);
  std::uint64_t done_chunks = 0;  // chunks [0, done_chunks) are complete on all ranks together
  result.stopped_reason = StopReason::Trials;
  for (const std::uint64_t end : round_ends(chunks.chunks(), cfg.target_precision.has_value())) {
    std::uint64_t prefix = 0;
    if (!covered.empty() && covered.front().first == 0) prefix = covered.front().second;
    if (end < prefix) continue;  // a round the resumed run already passed without stopping
    // This rank's share of the round's missing chunks, wave by wave. Every rank runs the same
    // number of waves (the largest share's), so the per-wave collectives line up.
    const ChunkRanges gaps = chunk_gaps(covered, end);
    std::uint64_t missing = 0;
    for (const auto& [a, b] : gaps) missing += b - a;
    std::vector<std::uint64_t> mine;
    for (const auto& [a, b] : share_of(gaps, comm.rank(), comm.size()))
      for (std::uint64_t c = a; c < b; ++c) mine.push_back(c);
    const std::uint64_t largest_share = (missing + comm.size() - 1) / comm.size();
    const std::uint64_t waves = (largest_share + kWaveChunks - 1) / kWaveChunks;
    std::uint64_t round_done = 0;
    for (std::uint64_t w = 0; w < waves; ++w) {
      const std::size_t lo = static_cast<std::size_t>(std::min<std::uint64_t>(w * kWaveChunks, mine.size()));
      const std::size_t hi = static_cast<std::size_t>(std::min<std::uint64_t>(lo + kWaveChunks, mine.size()));
      compute_wave(
          std::span<const std::uint64_t>(mine).subspan(lo, hi - lo), slots,
          [&](std::uint64_t c, ChunkState& st) { kernels.local().run(chunks.begin(c), chunks.end(c), sinks, st); });
      for (std::size_t i = lo; i < hi; ++i) state.push_chunk(mine[i], std::move(slots[i - lo]));
      // One small collective per wave: progress, a pending signal on any rank, and whether
      // rank 0's checkpoint interval has passed.
      const bool due = checkpointing && root &&
                       std::chrono::duration<double>(std::chrono::steady_clock::now() - last_checkpoint).count() >=
                           cfg.checkpoint.interval_s;
      std::array<std::uint64_t, 3> control{
          hi - lo, cfg.stop != nullptr ? static_cast<std::uint64_t>(cfg.stop->load()) : 0, due ? 1u : 0u};
      comm.allreduce(std::span(control).first(1), Communicator::Op::Sum);
      comm.allreduce(std::span(control).subspan(1), Communicator::Op::Max);
      round_done += control[0];
      if (cfg.progress && root) cfg.progress->update(std::min(cfg.trials, (prefix + round_done) * kChunkTrials));
      if (control[1] != 0 || control[2] != 0) {
        collect();
        if (checkpointing) save_checkpoint();
        if (control[1] != 0) {
          throw RunInterrupted(static_cast<int>(control[1]), trials_in(chunks, state.covered()), checkpointing);
        }
      }
    }
    collect();
    covered = {{0, end}};
    done_chunks = end;
    std::array<std::uint64_t, 1> stop{0};
    if (root && cfg.target_precision && precise_enough(chunks.end(end - 1))) stop[0] = 1;
    comm.allreduce(stop, Communicator::Op::Max);
    if (stop[0] != 0) {
      result.stopped_reason = StopReason::Precision;
      break;
    }
  }
  const std::uint64_t n_done = chunks.end(done_chunks - 1);
  result.trials = n_done;
  result.comm_bytes = comm.bytes_moved();
  if (!root) {
    result.elapsed_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return result;
  }
  if (cfg.progress) cfg.progress->finish(n_done);

  summarize(s, state, n_done, result);
  result.elapsed_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace tcosim
