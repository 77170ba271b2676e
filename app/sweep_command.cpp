// `tcosim sweep` (run/sweep.hpp): the flags become a SweepSpec, the grid runs, and sweep.csv,
// breakeven.csv and index.html are written with the break-even lines on stdout.
// docs/overnight.md describes the outputs and the break-even interpolation.
#include <fmt/format.h>

#include <algorithm>
#include <exception>
#include <filesystem>

#include "app/commands.hpp"
#include "report/index_html.hpp"
#include "report/sweep_csv.hpp"
#include "run/output_lock.hpp"
#include "run/sweep.hpp"
#include "run/thread_limit.hpp"
#include "util/atomic_file.hpp"
#include "util/error_text.hpp"
#include "util/utc_clock.hpp"

namespace tcosim {

namespace {

/// `PATH=V1,V2,...` with a non-empty path and no empty value, else nullopt.
std::optional<SweepParam> parse_param(const std::string& text) {
  const std::size_t eq = text.find('=');
  if (eq == std::string::npos || eq == 0) return std::nullopt;
  SweepParam param{text.substr(0, eq), {}};
  for (std::size_t start = eq + 1;;) {
    const std::size_t comma = text.find(',', start);
    param.values.push_back(text.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  if (std::any_of(param.values.begin(), param.values.end(), [](const std::string& v) { return v.empty(); }))
    return std::nullopt;
  return param;
}

/// The break-even lines on stdout: each crossing, or that there is none over the swept range.
/// The cost is the sweep's decision cost (NPV cost in format 2).
void print_breakeven(const SweepSpec& spec, const SweepResults& sweep) {
  const SweepParam& param = spec.params.front();
  const std::string_view cost = sweep.cost_label();
  for (const Crossing& c : *sweep.breakeven)
    fmt::print("break-even: {} and {} cross at {} = {:.6g} (P50 {} {:.0f}){}\n", c.a, c.b, param.path, c.x, cost,
               c.cost, c.cheaper_below.empty() ? "" : fmt::format("; {} is cheaper below", c.cheaper_below));
  if (!sweep.breakeven->empty()) return;
  const std::vector<double> xs = numeric_values(param);
  const auto [lo, hi] = std::minmax_element(xs.begin(), xs.end());
  fmt::print("break-even: no two options' P50 {}s cross for {} in [{}, {}]\n", cost, param.path, *lo, *hi);
}

}  // namespace

int sweep_command(const SweepOptions& opt) {
  SweepSpec spec{opt.scenario, {}, opt.out_dir, opt.trials, opt.breakeven, opt.sets};
  for (const std::string& p : opt.params) {
    std::optional<SweepParam> param = parse_param(p);
    if (!param) {
      fmt::print(stderr, "error: --param: expected PATH=V1,V2,..., got '{}'\n", p);
      return 2;
    }
    spec.params.push_back(std::move(*param));
  }
  if (const auto usage = breakeven_usage_error(spec)) {
    fmt::print(stderr, "error: {}\n", *usage);
    return 2;
  }
  const ThreadLimit limit(opt.threads);
  try {
    // Held until the last file is written: a second sweep into the folder is refused at once.
    const auto lock = lock_output_folder(Communicator::world(), spec.out_dir);
    const std::optional<SweepResults> sweep = run_sweep(spec);
    if (!sweep) return 0;  // another rank than 0: rank 0 writes the files
    write_file_atomically(spec.out_dir / "sweep.csv", sweep_csv(*sweep));
    fmt::print(stderr, "wrote {} ({} points)\n", (spec.out_dir / "sweep.csv").string(), sweep->points.size());
    if (sweep->breakeven) {
      print_breakeven(spec, *sweep);
      write_file_atomically(spec.out_dir / "breakeven.csv", breakeven_csv(*sweep));
    }
    write_file_atomically(spec.out_dir / "index.html", sweep_index_html(*sweep, report_generated_utc()));
  } catch (const std::exception& e) {
    fmt::print(stderr, "error: {}\n", error_text(e));
    return 1;
  }
  return 0;
}

}  // namespace tcosim
