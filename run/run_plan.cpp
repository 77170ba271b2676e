#include "run/run_plan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "models/trial_sampler.hpp"
#include "run/chunk_schedule.hpp"
#include "run/stress_pilot.hpp"
#include "run/thread_limit.hpp"
#include "sim/chunked_runner.hpp"
#include "sim/sobol_points.hpp"
#include "util/byte_size.hpp"
#include "util/version.hpp"

namespace tcosim {

namespace {

// A sketch's realistic footprint: a metric spanning twelve decades (40 octaves of 375 buckets
// at a = 1e-3, sim/quantile_sketch.cpp) needs about 15,000 buckets of 8 bytes. Used for
// planning only; actual use is reported after the run.
constexpr std::uint64_t kSketchPlanningBytes = 15000 * 8;
// A sketch of one cost in one decile (the stress sketches): it spans well under a decade,
// about 1,300 buckets at a = 1e-3, with the store's geometric headroom.
constexpr std::uint64_t kCostSketchPlanningBytes = 2048 * 8;
// Blocks a reduction tree of chunk states holds at most (one per level).
constexpr std::uint64_t kFoldLevels = 32;
// Per-thread scratch, chunk accumulators and the scenario itself: small but not nothing.
constexpr std::uint64_t kBaseBytes = 8ull << 20;

/// Rows kept for the sensitivity analysis: every input, then total_cost and ttm per option.
std::size_t sensitivity_width(const Scenario& s) { return s.inputs.size() + 2 * s.options.size(); }

/// The option named `name`, or an error that lists the scenario's options.
void check_option_name(const Scenario& s, const std::string& name) {
  std::vector<std::string> names;
  for (const auto& o : s.options) {
    if (o.name == name) return;
    names.push_back(o.name);
  }
  throw std::runtime_error(
      fmt::format("--compare: scenario {} has no option '{}' (options: {})", s.name, name, fmt::join(names, ", ")));
}

void check_arguments(const Scenario& s, const RunConfig& cfg) {
  for (const auto& [a, b] : cfg.compare) {
    check_option_name(s, a);
    check_option_name(s, b);
    if (a == b) throw std::runtime_error(fmt::format("--compare: {},{} compares an option with itself", a, b));
  }
  if (cfg.trials == 0) throw std::runtime_error("the number of trials must be at least 1");
  if (cfg.trials > kMaxTrials)
    throw std::runtime_error(
        fmt::format("{} trials are more than tcosim runs: at most {} (10^15)", cfg.trials, kMaxTrials));
  if (cfg.target_precision && !(*cfg.target_precision > 0.0))
    throw std::runtime_error("--target-precision must be a positive fraction, e.g. 0.005");
}

RunShape shape_of(const Scenario& s, const RunConfig& cfg, bool exact, std::shared_ptr<ChunkKernel>& pilot_kernel) {
  RunShape shape;
  shape.options = s.options.size();
  shape.inputs = s.inputs.size();
  shape.metric_count = s.metric_count();
  shape.cash_months = s.cash_months();
  shape.chunks = ChunkPlan{cfg.trials, kChunkTrials};
  shape.exact = exact;
  shape.sketch_accuracy = kSketchRelativeAccuracy;
  shape.sample_rows = std::min(cfg.sample_rows, cfg.trials);
  shape.sens_rows = std::min(kSensitivityTrials, cfg.trials);
  shape.analytics = AnalyticsShape::of(s, !exact);
  StressPilot pilot = stress_pilot(s, cfg.seed, cfg.sampling, shape.analytics, cfg.trials);
  shape.analytics.stress = std::move(pilot.stress);
  pilot_kernel = std::move(pilot.kernel);
  shape.replicates = replicates_kept(cfg.sampling, exact);
  return shape;
}

}  // namespace

std::string MemoryPlan::to_string() const {
  return fmt::format("{}, {} planned (exact {}, sketch {}, samples {})",
                     method == QuantileMethod::Exact ? "exact" : "sketch", format_byte_size(planned_bytes),
                     format_byte_size(exact_bytes), format_byte_size(sketch_bytes), format_byte_size(sample_bytes));
}

MemoryPlan plan_memory(const Scenario& s, const RunConfig& cfg, unsigned threads) {
  const std::uint64_t series = s.options.size() * s.series_per_option();
  const std::uint64_t width = s.inputs.size() + s.options.size() * s.metric_count();
  const AnalyticsShape analytics = AnalyticsShape::of(s, true);
  MemoryPlan p;
  // Exact mode keeps every series of every trial and, with decision analytics, each trial's
  // stress mark (counted whenever inputs are binned: a stress input may be picked).
  const std::uint64_t marks = analytics.binned.empty() ? 0 : sizeof(StressMark);
  p.exact_bytes = cfg.trials * (series * sizeof(double) + marks);
  // Streaming sobol adds a sketch per replicate of every metric (not of the cash curve).
  const std::uint64_t replicate_sketches = replicates_kept(cfg.sampling, false) * s.options.size() * s.metric_count();
  p.sketch_bytes = static_cast<std::uint64_t>(threads + 1) * (series + replicate_sketches) * kSketchPlanningBytes;
  // Decision analytics (docs/analytics.md): per thread and the run's total, the stress sketches
  // and the pair sketches (only kept when streaming, counted in both plans: a little room
  // spare in exact mode); the EVPPI bins of every chunk state alive at once (a wave's slots
  // and the reduction tree).
  const std::uint64_t stress_sketches = std::min(kStressInputs, analytics.binned.size()) * 2 * analytics.options;
  const std::uint64_t bin_bytes =
      analytics.binned.size() * kValueBins * BinnedOutcomes(1, analytics.options).width() * sizeof(double);
  // Streaming sobol's chunk states also carry each metric's moments per replicate (counted in
  // both plans, as the pair sketches are: a few MB at most).
  const std::uint64_t replicate_moment_bytes = replicate_sketches * sizeof(Moments);
  const std::uint64_t analytics_bytes = (threads + 1) * (stress_sketches * kCostSketchPlanningBytes +
                                                         analytics.pair_sketch_count() * kSketchPlanningBytes) +
                                        (kWaveChunks + kFoldLevels) * (bin_bytes + replicate_moment_bytes);
  // The recorded rows: samples.csv's, and the sensitivity subsample's with their EVPPI bins.
  p.sample_bytes =
      std::min(cfg.sample_rows, cfg.trials) * width * sizeof(double) +
      std::min(kSensitivityTrials, cfg.trials) * (sensitivity_width(s) * sizeof(double) + analytics.binned.size());
  const std::uint64_t fixed = kBaseBytes + p.sample_bytes + analytics_bytes;
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

std::string RunPlan::to_string() const {
  return fmt::format("{} threads, {}; {}; {} rounds", threads, memory.to_string(), shape.to_string(), rounds.size());
}

RunPlan plan_run(const Scenario& s, const RunConfig& cfg) {
  check_arguments(s, cfg);
  RunPlan plan;
  plan.threads = ThreadLimit::current();
  plan.memory = plan_memory(s, cfg, plan.threads);
  TrialSampler(s, cfg.seed, cfg.sampling);  // reports an unusable sampling set-up before any work starts
  plan.shape = shape_of(s, cfg, plan.exact(), plan.pilot_kernel);
  plan.rounds = round_ends(plan.shape.chunks.chunks(), cfg.target_precision.has_value());
  return plan;
}

RunIdentity run_identity(const Scenario& s, const RunConfig& cfg, const RunPlan& plan) {
  RunIdentity id = run_identity(s, cfg);
  id.sample_rows = plan.shape.sample_rows;  // clipped to the trial count
  id.exact_quantiles = plan.exact();
  return id;
}

}  // namespace tcosim
