#include "models/simulation.hpp"

#include <fmt/format.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <memory>
#include <stdexcept>

#include "models/chunk_kernel.hpp"
#include "sim/byte_size.hpp"
#include "sim/chunked_runner.hpp"
#include "sim/moments.hpp"
#include "sim/quantile_sketch.hpp"
#include "sim/rank_correlation.hpp"

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
  const std::size_t n_opt = s.options.size();
  const std::size_t n_in = s.inputs.size();
  const std::size_t series = n_opt * kMetricCount;
  const unsigned threads = static_cast<unsigned>(
      std::min<std::size_t>(static_cast<std::size_t>(tbb::this_task_arena::max_concurrency()),
                            tbb::global_control::active_value(tbb::global_control::max_allowed_parallelism)));
  const MemoryPlan plan = plan_memory(s, cfg, threads);
  const bool exact = plan.method == QuantileMethod::Exact;
  TrialSampler(s, cfg.seed, cfg.sampling);  // reports an unusable sampling set-up before any work starts

  SimulationResult result;
  result.seed = cfg.seed;
  result.sampling = cfg.sampling;
  result.target_precision = cfg.target_precision;
  result.quantile_method = plan.method;
  result.planned_memory_bytes = plan.planned_bytes;
  result.samples.rows = static_cast<std::size_t>(std::min(cfg.sample_rows, cfg.trials));
  result.samples.width = n_in + series;
  result.samples.values.assign(result.samples.rows * result.samples.width, 0.0);
  const std::size_t sens_rows = static_cast<std::size_t>(std::min(kSensitivityTrials, cfg.trials));
  const std::size_t sens_width = sensitivity_width(s);
  std::vector<double> sens(sens_rows * sens_width);

  // Exact mode keeps every outcome; the order within a vector does not matter (statistics
  // are functions of the multiset), so each trial simply writes at its own index.
  // Default-initialised (not zeroed) so pages are touched only as trials fill them: a
  // precision-stopped run never pays for the trial limit it did not reach.
  std::vector<std::unique_ptr<double[]>> stored(exact ? series : 0);
  for (auto& v : stored) v.reset(new double[cfg.trials]);

  std::vector<double*> stored_ptrs;
  for (auto& v : stored) stored_ptrs.push_back(v.get());
  tbb::enumerable_thread_specific<ChunkKernel> kernels(
      [&] { return ChunkKernel(s, cfg.seed, cfg.sampling, !exact, kSketchRelativeAccuracy); });

  ChunkState total;
  total.reset(n_opt);
  const ChunkPlan chunks{cfg.trials, kChunkTrials};
  ChunkSinks sinks;
  sinks.stored = stored_ptrs;
  sinks.samples = result.samples.values.data();
  sinks.sample_rows = result.samples.rows;
  sinks.sample_width = result.samples.width;
  sinks.sens = sens.data();
  sinks.sens_rows = sens_rows;
  sinks.sens_width = sens_width;
  sinks.budget = s.targets.budget.value_or(std::numeric_limits<double>::infinity());
  sinks.deadline = s.targets.deadline_months.value_or(std::numeric_limits<double>::infinity());
  std::vector<ChunkState> slots;

  auto compute = [&](std::uint64_t chunk, ChunkState& st) {
    kernels.local().run(chunks.begin(chunk), chunks.end(chunk), sinks, st);
  };
  auto merge = [&](std::uint64_t, const ChunkState& st) { total.merge(st); };
  auto after_wave = [&](std::uint64_t next_chunk) {
    if (cfg.progress) cfg.progress->update(chunks.end(next_chunk - 1));
  };

  auto merged_sketches = [&](std::size_t metric) {
    std::vector<QuantileSketch> out(n_opt, QuantileSketch(kSketchRelativeAccuracy));
    for (ChunkKernel& t : kernels)
      for (std::size_t o = 0; o < n_opt; ++o) out[o].merge(t.sketches()[o * kMetricCount + metric]);
    return out;
  };

  // The precision test of --target-precision: mean, P50 and P95 of every option's total cost.
  // It runs only at fixed chunk counts, so where a run stops does not depend on scheduling.
  auto precise_enough = [&](std::uint64_t n) {
    const double rel = *cfg.target_precision;
    const PercentileCiRanks ci = percentile_ci_ranks(n);
    std::vector<QuantileSketch> sk;
    if (!exact) sk = merged_sketches(kTotalCost);
    for (std::size_t o = 0; o < n_opt; ++o) {
      const std::size_t k = o * kMetricCount + kTotalCost;
      const Moments& m = total.metrics[k];
      if (!within(kZ95 * m.stderr_of_mean(), m.mean, rel)) return false;
      const MetricSummary q =
          exact ? summarize_exact(m, std::span(stored[k].get(), n), ci) : summarize_sketch(m, sk[o], ci);
      for (std::size_t i : {kP50Index, kP95Index}) {
        const double half = 0.5 * (q.quantile_ci95[i][1] - q.quantile_ci95[i][0]);
        if (!within(half, q.quantiles[i], rel)) return false;
      }
    }
    return true;
  };

  std::uint64_t done_chunks = 0;
  result.stopped_reason = StopReason::Trials;
  for (std::uint64_t end : round_ends(chunks.chunks(), cfg.target_precision.has_value())) {
    run_chunks_in_order(done_chunks, end, kWaveChunks, slots, compute, merge, after_wave);
    done_chunks = end;
    if (cfg.target_precision && precise_enough(chunks.end(end - 1))) {
      result.stopped_reason = StopReason::Precision;
      break;
    }
  }
  const std::uint64_t n_done = chunks.end(done_chunks - 1);
  result.trials = n_done;
  if (cfg.progress) cfg.progress->finish(n_done);

  std::vector<QuantileSketch> sketches;
  if (!exact) {
    sketches.assign(series, QuantileSketch(kSketchRelativeAccuracy));
    for (ChunkKernel& t : kernels)
      for (std::size_t k = 0; k < series; ++k) sketches[k].merge(t.sketches()[k]);
  }

  const PercentileCiRanks ci = percentile_ci_ranks(n_done);
  result.options.resize(n_opt);
  tbb::parallel_for(std::size_t{0}, series, [&](std::size_t k) {
    MetricSummary& out = result.options[k / kMetricCount].metrics[k % kMetricCount];
    out = exact ? summarize_exact(total.metrics[k], std::span(stored[k].get(), n_done), ci)
                : summarize_sketch(total.metrics[k], sketches[k], ci);
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

  // Sensitivity on the first trials: rank every column once, correlate per option.
  const std::size_t rows = std::min<std::size_t>(sens_rows, n_done);
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

  result.elapsed_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace tcosim
