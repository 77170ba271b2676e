// `tcosim bench`: the throughput benchmark users run on their own machine and scenario.
// It times the real `simulate` (statistics and exact percentiles included, as `run` does,
// minus parsing and result files) at each thread count, and the sampling floor: drawing the
// inputs alone, which no run can beat, so full-trial / floor says how much the model and
// the statistics cost on top of the random numbers.
#include <fmt/format.h>
#include <sys/resource.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <chrono>
#include <exception>
#include <nlohmann/json.hpp>
#include <vector>

#include "app/commands.hpp"
#include "app/flags.hpp"
#include "input/load_scenario.hpp"
#include "models/trial_sampler.hpp"
#include "run/simulate.hpp"
#include "run/thread_limit.hpp"
#include "util/atomic_file.hpp"
#include "util/byte_size.hpp"
#include "util/error_text.hpp"
#include "util/version.hpp"

namespace tcosim {

namespace {

/// Process high-water mark: Linux reports ru_maxrss in KiB. It never goes down, so each
/// reading covers every run before it too.
std::uint64_t peak_rss_bytes() {
  rusage u{};
  ::getrusage(RUSAGE_SELF, &u);
  return static_cast<std::uint64_t>(u.ru_maxrss) * 1024u;
}

/// Inputs drawn per trial: constants draw nothing, so they are not variates.
std::uint64_t variates_per_trial(const Scenario& s) {
  return static_cast<std::uint64_t>(
      std::count_if(s.inputs.begin(), s.inputs.end(), [](const InputSpec& in) { return !in.dist.is_constant(); }));
}

struct Run {
  unsigned threads = 0;       ///< asked for
  unsigned threads_used = 0;  ///< TBB never runs more workers than the machine has
  double elapsed_s = 0.0;
  std::string quantile_method;
  std::uint64_t peak_rss = 0;
};

/// Draws every trial's inputs on this thread, as simulate's workers do (a chunk of trials at a
/// time, input by input), sums them, and does nothing else.
double sampling_floor_seconds(const Scenario& s, std::uint64_t trials, std::uint64_t seed, Sampling sampling) {
  TrialSampler sampler(s, seed, sampling);
  const std::size_t n_in = s.inputs.size();
  std::vector<double> x(n_in * kChunkTrials);
  double sink = 0.0;
  const auto t0 = std::chrono::steady_clock::now();
  for (std::uint64_t first = 0; first < trials; first += kChunkTrials) {
    const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(kChunkTrials, trials - first));
    sampler.sample_columns(first, n, x.data(), kChunkTrials);
    for (std::size_t k = 0; k < n_in; ++k)
      for (std::size_t t = 0; t < n; ++t) sink += x[k * kChunkTrials + t];
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  // The empty asm claims to read sink (as benchmark::DoNotOptimize does), so the draws that
  // feed it cannot be optimised away.
  asm volatile("" : : "g"(sink) : "memory");
  return seconds;
}

/// The thread counts to measure, ascending, without repeats; 1 is always measured: it is the
/// baseline of the scaling efficiency.
std::vector<unsigned> thread_counts(std::vector<unsigned> threads) {
  if (std::find(threads.begin(), threads.end(), 1u) == threads.end()) threads.insert(threads.begin(), 1u);
  std::sort(threads.begin(), threads.end());
  threads.erase(std::unique(threads.begin(), threads.end()), threads.end());
  return threads;
}

/// Everything bench times.
struct Measurements {
  std::vector<Run> runs;  ///< ascending thread counts, the first one 1
  double floor_s = 0.0;   ///< sampling_floor_seconds
};

/// The real simulate at each thread count, then the sampling floor.
Measurements measure(const Scenario& s, const RunConfig& cfg, const std::vector<unsigned>& threads, unsigned hardware) {
  Measurements m;
  for (unsigned n : threads) {
    const ThreadLimit limit(n);
    const SimulationResult r = simulate(s, cfg);
    m.runs.push_back(
        {n, std::min(n, hardware), r.elapsed_s, std::string(to_string(r.quantile_method)), peak_rss_bytes()});
  }
  m.floor_s = sampling_floor_seconds(s, cfg.trials, cfg.seed, cfg.sampling);
  return m;
}

/// A run's figures relative to the 1-thread baseline.
struct Rates {
  double trials_per_s = 0.0;
  double variates_per_s = 0.0;
  double speedup = 0.0;
  double efficiency = 0.0;
};

Rates rates_of(const Run& r, double n_trials, double base_tps, std::uint64_t variates) {
  Rates x;
  x.trials_per_s = n_trials / r.elapsed_s;
  x.variates_per_s = x.trials_per_s * static_cast<double>(variates);
  x.speedup = x.trials_per_s / base_tps;
  x.efficiency = x.speedup / r.threads_used;
  return x;
}

/// The terminal table, one row per thread count; returns the same rows as JSON.
nlohmann::ordered_json print_runs(const std::vector<Run>& runs, double n_trials, std::uint64_t variates) {
  const double base_tps = n_trials / runs.front().elapsed_s;
  fmt::print("| threads | trials/s | variates/s | speedup | efficiency | elapsed s | quantiles | peak RSS |\n");
  fmt::print("|---:|---:|---:|---:|---:|---:|---|---:|\n");
  nlohmann::ordered_json jruns = nlohmann::ordered_json::array();
  for (const Run& r : runs) {
    const Rates x = rates_of(r, n_trials, base_tps, variates);
    fmt::print("| {}{} | {:.4g} | {:.4g} | {:.2f} | {:.0f} % | {:.3f} | {} | {} |\n", r.threads,
               r.threads_used < r.threads ? fmt::format(" ({} used)", r.threads_used) : std::string(), x.trials_per_s,
               x.variates_per_s, x.speedup, 100.0 * x.efficiency, r.elapsed_s, r.quantile_method,
               format_byte_size(r.peak_rss));
    jruns.push_back({{"threads", r.threads},
                     {"threads_used", r.threads_used},
                     {"elapsed_s", r.elapsed_s},
                     {"trials_per_s", x.trials_per_s},
                     {"variates_per_s", x.variates_per_s},
                     {"speedup", x.speedup},
                     {"efficiency", x.efficiency},
                     {"quantile_method", r.quantile_method},
                     {"peak_rss_bytes", r.peak_rss}});
  }
  return jruns;
}

/// What --json writes: the set-up, every run, the sampling floor and the peak memory.
nlohmann::ordered_json bench_json(const Scenario& s, const RunConfig& cfg, std::uint64_t variates, unsigned hardware,
                                  nlohmann::ordered_json jruns, const Measurements& m) {
  const double floor_s = m.floor_s;
  const double floor_tps = static_cast<double>(cfg.trials) / floor_s;
  nlohmann::ordered_json j{{"tcosim_version", std::string(kVersion)},
                           {"scenario", s.name},
                           {"scenario_sha256", s.sha256},
                           {"trials", cfg.trials},
                           {"seed", cfg.seed},
                           {"inputs", s.inputs.size()},
                           {"variates_per_trial", variates},
                           {"hardware_threads", hardware},
                           {"runs", std::move(jruns)}};
  j["sampling_floor"] = {{"threads", 1},
                         {"elapsed_s", floor_s},
                         {"trials_per_s", floor_tps},
                         {"variates_per_s", floor_tps * static_cast<double>(variates)}};
  j["full_over_floor"] = m.runs.front().elapsed_s / floor_s;
  j["peak_rss_bytes"] = peak_rss_bytes();
  return j;
}

}  // namespace

int bench_command(const BenchOptions& opt) {
  const auto scenario = load_scenario_or_report(opt.scenario);
  if (!scenario) return 1;
  const Scenario& s = *scenario;
  const auto budget = max_memory_flag(opt.max_memory);
  if (!budget) return 2;
  RunConfig cfg = resolve_run_config(s, {.trials = opt.trials, .seed = opt.seed});
  cfg.max_memory_bytes = *budget;
  const std::uint64_t variates = variates_per_trial(s);
  const auto hardware = static_cast<unsigned>(tbb::this_task_arena::max_concurrency());

  Measurements m;
  try {
    m = measure(s, cfg, thread_counts(opt.threads), hardware);
  } catch (const std::exception& e) {
    fmt::print(stderr, "error: {}\n", error_text(e));
    return 1;
  }

  const double n_trials = static_cast<double>(cfg.trials);
  const double floor_tps = n_trials / m.floor_s;
  fmt::print(
      "tcosim bench: {}, {} trials, {} variates per trial (non-constant inputs of {}), seed {}, {} hardware "
      "threads\n\n",
      s.name, cfg.trials, variates, s.inputs.size(), cfg.seed, hardware);
  nlohmann::ordered_json jruns = print_runs(m.runs, n_trials, variates);
  fmt::print("\nsampling floor (inputs only, 1 thread): {:.4g} trials/s, {:.4g} variates/s, {:.3f} s\n", floor_tps,
             floor_tps * static_cast<double>(variates), m.floor_s);
  fmt::print("full trial / floor (1 thread): {:.2f}x\n", m.runs.front().elapsed_s / m.floor_s);
  if (opt.json.empty()) return 0;
  try {
    write_file_atomically(opt.json, bench_json(s, cfg, variates, hardware, std::move(jruns), m).dump(2) + "\n");
  } catch (const std::exception& e) {
    fmt::print(stderr, "error: {}\n", error_text(e));
    return 1;
  }
  return 0;
}

}  // namespace tcosim
