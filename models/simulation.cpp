#include "models/simulation.hpp"

#include <fmt/format.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <chrono>
#include <stdexcept>

#include "models/trial.hpp"
#include "sim/byte_size.hpp"
#include "sim/chunked_runner.hpp"
#include "sim/moments.hpp"
#include "sim/quantile_sketch.hpp"

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

/// Moment and count accumulators of one chunk, merged in chunk order.
struct ChunkState {
  std::vector<Moments> metrics;  // option-major: [option * kMetricCount + metric]
  std::vector<Moments> regret;
  std::vector<std::uint64_t> best, fastest, never_on_sale;

  void reset(std::size_t n_options) {
    metrics.assign(n_options * kMetricCount, Moments{});
    regret.assign(n_options, Moments{});
    best.assign(n_options, 0);
    fastest.assign(n_options, 0);
    never_on_sale.assign(n_options, 0);
  }

  void merge(const ChunkState& c) {
    for (std::size_t i = 0; i < metrics.size(); ++i) metrics[i].merge(c.metrics[i]);
    for (std::size_t i = 0; i < regret.size(); ++i) {
      regret[i].merge(c.regret[i]);
      best[i] += c.best[i];
      fastest[i] += c.fastest[i];
      never_on_sale[i] += c.never_on_sale[i];
    }
  }
};

/// Per-thread buffers: a trial's inputs and outcomes, and (streaming mode) the sketches,
/// whose integer bucket counts merge identically in any order.
struct ThreadScratch {
  TrialSampler sampler;
  std::vector<double> x;
  std::vector<OptionOutcome> outcomes;
  std::vector<QuantileSketch> sketches;
};

}  // namespace

MemoryPlan plan_memory(const Scenario& s, const RunConfig& cfg, unsigned threads) {
  const std::uint64_t series = s.options.size() * kMetricCount;
  const std::uint64_t width = s.inputs.size() + series;
  MemoryPlan p;
  p.exact_bytes = cfg.trials * series * sizeof(double);
  p.sketch_bytes = static_cast<std::uint64_t>(threads + 1) * series * kSketchPlanningBytes;
  p.sample_bytes = std::min(cfg.sample_rows, cfg.trials) * width * sizeof(double);
  const std::uint64_t fixed = kBaseBytes + p.sample_bytes;
  if (fixed + p.exact_bytes <= cfg.max_memory_bytes) {
    p.method = QuantileMethod::Exact;
    p.planned_bytes = fixed + p.exact_bytes;
  } else if (fixed + p.sketch_bytes <= cfg.max_memory_bytes) {
    p.method = QuantileMethod::Sketch;
    p.planned_bytes = fixed + p.sketch_bytes;
  } else {
    throw std::runtime_error(fmt::format(
        "--max-memory {} is too small for this run: streaming statistics need about {} ({} for --samples {})",
        format_byte_size(cfg.max_memory_bytes), format_byte_size(fixed + p.sketch_bytes),
        format_byte_size(p.sample_bytes), cfg.sample_rows));
  }
  return p;
}

SimulationResult simulate(const Scenario& s, const RunConfig& cfg) {
  if (cfg.trials == 0) throw std::runtime_error("the number of trials must be at least 1");
  const auto started = std::chrono::steady_clock::now();
  const std::size_t n_opt = s.options.size();
  const std::size_t n_in = s.inputs.size();
  const std::size_t series = n_opt * kMetricCount;
  const unsigned threads = static_cast<unsigned>(
      std::min<std::size_t>(static_cast<std::size_t>(tbb::this_task_arena::max_concurrency()),
                            tbb::global_control::active_value(tbb::global_control::max_allowed_parallelism)));
  const MemoryPlan plan = plan_memory(s, cfg, threads);
  const bool exact = plan.method == QuantileMethod::Exact;

  SimulationResult result;
  result.trials = cfg.trials;
  result.seed = cfg.seed;
  result.sampling = cfg.sampling;
  result.quantile_method = plan.method;
  result.planned_memory_bytes = plan.planned_bytes;
  result.samples.rows = static_cast<std::size_t>(std::min(cfg.sample_rows, cfg.trials));
  result.samples.width = n_in + series;
  result.samples.values.assign(result.samples.rows * result.samples.width, 0.0);

  // Exact mode keeps every outcome at its trial index, so storage order is scheduling-free.
  std::vector<std::vector<double>> stored(exact ? series : 0);
  for (auto& v : stored) v.resize(cfg.trials);

  tbb::enumerable_thread_specific<ThreadScratch> scratch([&] {
    ThreadScratch t{TrialSampler(s, cfg.seed, cfg.sampling), {}, {}, {}};
    t.x.resize(n_in);
    t.outcomes.resize(n_opt);
    if (!exact) t.sketches.assign(series, QuantileSketch(kSketchRelativeAccuracy));
    return t;
  });

  ChunkState total;
  total.reset(n_opt);
  const ChunkPlan chunks{cfg.trials, kChunkTrials};
  const double H = s.horizon_months;
  std::vector<ChunkState> slots;

  auto compute = [&](std::uint64_t chunk, ChunkState& st) {
    st.reset(n_opt);
    ThreadScratch& t = scratch.local();
    for (std::uint64_t trial = chunks.begin(chunk); trial < chunks.end(chunk); ++trial) {
      t.sampler.sample(trial, t.x);
      for (std::size_t o = 0; o < n_opt; ++o) t.outcomes[o] = evaluate_option(s, s.options[o], t.x);
      const TrialDecision d = decide(t.outcomes);
      ++st.best[d.best];
      ++st.fastest[d.fastest];
      for (std::size_t o = 0; o < n_opt; ++o) {
        const OptionOutcome& out = t.outcomes[o];
        for (std::size_t m = 0; m < kMetricCount; ++m) {
          const std::size_t k = o * kMetricCount + m;
          st.metrics[k].add(out[m]);
          if (exact) {
            stored[k][trial] = out[m];
          } else {
            t.sketches[k].add(out[m]);
          }
        }
        st.regret[o].add(out[kTotalCost] - d.lowest_cost);
        st.never_on_sale[o] += out[kTtmMonths] >= H ? 1 : 0;
      }
      if (trial < result.samples.rows) {
        double* row = result.samples.values.data() + trial * result.samples.width;
        std::copy(t.x.begin(), t.x.end(), row);
        for (std::size_t o = 0; o < n_opt; ++o)
          std::copy(t.outcomes[o].begin(), t.outcomes[o].end(), row + n_in + o * kMetricCount);
      }
    }
  };
  auto merge = [&](std::uint64_t, const ChunkState& st) { total.merge(st); };
  auto after_wave = [&](std::uint64_t next_chunk) {
    if (cfg.progress) cfg.progress->update(std::min(cfg.trials, next_chunk * kChunkTrials));
  };
  run_chunks_in_order(0, chunks.chunks(), kWaveChunks, slots, compute, merge, after_wave);
  if (cfg.progress) cfg.progress->finish(cfg.trials);

  std::vector<QuantileSketch> sketches;
  if (!exact) {
    sketches.assign(series, QuantileSketch(kSketchRelativeAccuracy));
    for (ThreadScratch& t : scratch)
      for (std::size_t k = 0; k < series; ++k) sketches[k].merge(t.sketches[k]);
  }

  result.options.resize(n_opt);
  tbb::parallel_for(std::size_t{0}, series, [&](std::size_t k) {
    MetricSummary& out = result.options[k / kMetricCount].metrics[k % kMetricCount];
    out = exact ? summarize_exact(total.metrics[k], stored[k]) : summarize_sketch(total.metrics[k], sketches[k]);
  });
  const double n = static_cast<double>(cfg.trials);
  for (std::size_t o = 0; o < n_opt; ++o) {
    OptionResult& r = result.options[o];
    r.p_best_cost = static_cast<double>(total.best[o]) / n;
    r.p_fastest = static_cast<double>(total.fastest[o]) / n;
    r.p_never_on_sale = static_cast<double>(total.never_on_sale[o]) / n;
    r.mean_regret = total.regret[o].mean;
  }
  result.elapsed_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace tcosim
