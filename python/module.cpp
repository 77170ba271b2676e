// The Python module `tcosim` (docs/report.md, "Python"): run, check, sweep and replay a
// scenario with the engine the command line uses, from run/ (not by calling the binary).
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "models/trial.hpp"
#include "python/interruptible.hpp"
#include "python/py_json.hpp"
#include "python/result.hpp"
#include "python/scenario_arg.hpp"
#include "report/replay_json.hpp"
#include "report/sweep_csv.hpp"
#include "run/simulate.hpp"
#include "run/sweep.hpp"
#include "run/thread_limit.hpp"
#include "util/byte_size.hpp"
#include "util/progress.hpp"
#include "util/version.hpp"

namespace py = pybind11;

namespace tcosim::python {

namespace {

std::optional<Sampling> sampling_arg(const std::optional<std::string>& name) {
  if (!name) return std::nullopt;
  const std::optional<Sampling> s = sampling_from(*name);
  if (!s) throw py::value_error("sampling: expected 'random', 'lhs' or 'sobol', got '" + *name + "'");
  return s;
}

Result run(const py::object& scenario, std::optional<std::uint64_t> trials, std::optional<std::uint64_t> seed,
           std::optional<unsigned> threads, const std::optional<std::string>& sampling, const py::object& overrides,
           std::uint64_t samples, bool progress, std::optional<double> target_precision,
           const std::optional<std::string>& max_memory, bool repair_correlations) {
  Result out{load_or_raise(scenario, overrides, repair_correlations), {}};
  RunConfig cfg = resolve_run_config(out.scenario, {trials, seed, sampling_arg(sampling)});
  cfg.sample_rows = samples;
  cfg.target_precision = target_precision;
  if (max_memory) {
    const std::optional<std::uint64_t> bytes = parse_byte_size(*max_memory);
    if (!bytes) throw py::value_error("max_memory: expected a size such as 2G or 512M, got '" + *max_memory + "'");
    cfg.max_memory_bytes = *bytes;
  }
  ProgressReporter reporter(cfg.trials,
                            progress ? ProgressReporter::detect_style(stderr) : ProgressReporter::Style::Silent);
  cfg.progress = &reporter;
  const ThreadLimit limit(threads.value_or(0));
  out.result = run_interruptibly([&](const std::atomic<int>& stop) {
    RunConfig c = cfg;
    c.stop = &stop;
    return simulate(out.scenario, c);
  });
  return out;
}

void check(const py::object& scenario, const py::object& overrides, bool repair_correlations) {
  const ParseResult r = parse_scenario(scenario_source(scenario), override_strings(overrides), repair_correlations);
  if (!r.scenario) raise_scenario_error(r.errors);
}

py::object replay(const py::object& scenario, std::uint64_t trial, std::optional<std::uint64_t> seed,
                  const std::optional<std::string>& sampling, const py::object& overrides, bool repair_correlations) {
  const Scenario s = load_or_raise(scenario, overrides, repair_correlations);
  const RunConfig cfg = resolve_run_config(s, {.seed = seed, .sampling = sampling_arg(sampling)});
  std::vector<double> x(s.inputs.size());
  sample_inputs(s, cfg.seed, trial, x, cfg.sampling);
  return to_python(replay_json(s, trial, x));
}

/// A CSV text as a DataFrame, numbers read back to the same bits (the CSV holds them in
/// shortest round-trip form).
py::object read_csv(const std::string& text) {
  py::object io = py::module_::import("io").attr("StringIO")(text);
  return py::module_::import("pandas").attr("read_csv")(io, py::arg("float_precision") = "round_trip");
}

py::object sweep(const py::object& scenario, const py::dict& params, std::optional<std::uint64_t> trials,
                 std::optional<unsigned> threads, const py::object& overrides,
                 const std::optional<std::filesystem::path>& out, bool breakeven, bool progress) {
  const ScenarioSource source = scenario_source(scenario);
  SweepSpec spec{source.name, {},        out.value_or(std::filesystem::path()),
                 trials,      breakeven, override_strings(overrides)};
  spec.scenario_text = source.text;
  spec.quiet = !progress;
  for (const auto& [path, values] : params) {
    SweepParam p{py::str(path).cast<std::string>(), {}};
    for (const py::handle& v : values) p.values.push_back(yaml_value(v));
    if (p.values.empty()) throw py::value_error("params: " + p.path + " has no values");
    spec.params.push_back(std::move(p));
  }
  if (spec.params.empty()) throw py::value_error("params: nothing to sweep");
  if (const auto usage = breakeven_usage_error(spec)) throw py::value_error(*usage);
  // An invalid base scenario is a ScenarioError, as for run(); invalid grid points are named by run_sweep.
  check(scenario, overrides, false);
  const ThreadLimit limit(threads.value_or(0));
  const std::optional<SweepResults> results = run_interruptibly([&](const std::atomic<int>& stop) {
    SweepSpec s = spec;
    s.stop = &stop;
    return run_sweep(s);
  });
  py::object frame = read_csv(sweep_csv(*results));
  if (results->breakeven) frame.attr("attrs")["breakeven"] = read_csv(breakeven_csv(*results));
  return frame;
}

}  // namespace

}  // namespace tcosim::python

PYBIND11_MODULE(tcosim, m) {
  using namespace tcosim::python;
  m.doc() =
      "tcosim: Monte Carlo total cost and time to market of sourcing a product (OEM, ODM, contract "
      "manufacturing). The same engine, numbers and files as the tcosim command line.";
  m.attr("__version__") = std::string(tcosim::kVersion);
  register_scenario_error(m);
  bind_result(m);
  m.def("run", &run, py::arg("scenario") = py::none(), py::kw_only(), py::arg("trials") = py::none(),
        py::arg("seed") = py::none(), py::arg("threads") = py::none(), py::arg("sampling") = py::none(),
        py::arg("overrides") = py::none(), py::arg("samples") = 0, py::arg("progress") = false,
        py::arg("target_precision") = py::none(), py::arg("max_memory") = py::none(),
        py::arg("repair_correlations") = false,
        "Runs a scenario (a path, YAML text, a dict, or None for the embedded default) as `tcosim run` does; "
        "trials, seed and sampling default to the scenario's run: block, threads to every core; overrides "
        "({path: value}) are `--set PATH=VALUE`; samples=N records the first N trials. Releases the GIL; "
        "Ctrl-C stops it (KeyboardInterrupt). target_precision, max_memory ('2G') and repair_correlations are the "
        "flags of the same names. "
        "A dict scenario may hold NumPy numbers and arrays.");
  m.def("check", &check, py::arg("scenario"), py::kw_only(), py::arg("overrides") = py::none(),
        py::arg("repair_correlations") = false,
        "Validates a scenario; raises tcosim.ScenarioError (file, line, column, field, message) if it is not valid.");
  m.def("replay", &replay, py::arg("scenario"), py::arg("trial"), py::kw_only(), py::arg("seed") = py::none(),
        py::arg("sampling") = py::none(), py::arg("overrides") = py::none(), py::arg("repair_correlations") = false,
        "One trial's inputs, outputs, decision and (format 2) monthly table, as `tcosim replay` prints them.");
  m.def("sweep", &sweep, py::arg("scenario"), py::kw_only(), py::arg("params"), py::arg("trials") = py::none(),
        py::arg("threads") = py::none(), py::arg("overrides") = py::none(), py::arg("out") = py::none(),
        py::arg("breakeven") = false, py::arg("progress") = false,
        "One run per point of the grid params={path: [values]} with the same seed, as `tcosim sweep`; returns "
        "sweep.csv as a DataFrame (with breakeven=True, breakeven.csv in .attrs['breakeven']). out=folder also "
        "writes each point's files there.");
}
