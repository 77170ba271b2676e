#include "python/result.hpp"

#include <fmt/format.h>
#include <pybind11/numpy.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <stdexcept>
#include <vector>

#include "python/py_json.hpp"
#include "report/percentile_rows.hpp"
#include "report/result_files.hpp"
#include "report/samples_csv.hpp"
#include "report/summary_json.hpp"

namespace py = pybind11;

namespace tcosim::python {

namespace {

py::array_t<double> array_of(const std::vector<double>& v) { return py::array_t<double>(v.size(), v.data()); }

/// Long form, like percentiles.csv: option, metric, statistic, value.
py::object percentiles(const Result& r) {
  py::list option, metric, statistic;
  std::vector<double> value;
  for (const ResultRow& row : result_rows(r.scenario, r.result)) {
    option.append(row.option);
    metric.append(row.metric);
    statistic.append(row.statistic);
    value.push_back(row.value);
  }
  py::dict columns;
  columns["option"] = option;
  columns["metric"] = metric;
  columns["statistic"] = statistic;
  columns["value"] = array_of(value);
  return data_frame(columns);
}

/// Like samples.csv: trial, every input by path, then <option>.<metric>; one row per recorded trial.
py::object samples(const Result& r) {
  const SampleTable& t = r.result.samples;
  py::dict columns;
  std::vector<double> trial(t.rows);
  for (std::size_t row = 0; row < t.rows; ++row) trial[row] = static_cast<double>(row);
  columns["trial"] = py::array_t<double>(trial.size(), trial.data()).attr("astype")("int64");
  const std::vector<std::string> names = sample_column_names(r.scenario);
  for (std::size_t c = 0; c < names.size(); ++c) {
    std::vector<double> v(t.rows);
    for (std::size_t row = 0; row < t.rows; ++row) v[row] = t.values[row * t.width + c];
    columns[py::str(names[c])] = array_of(v);
  }
  return data_frame(columns);
}

/// Long form: option, month_end, p5, p25, p50, p75, p95 (format 2, MODEL.md 7.5).
py::object cash_curve(const Result& r) {
  if (r.scenario.format < 2)
    throw py::value_error("cash_curve() needs a format-2 scenario (" + r.scenario.name + " is format 1)");
  py::list option;
  std::vector<double> month_end, p5, p25, p50, p75, p95;
  auto append = [](std::vector<double>& to, const std::vector<double>& from) {
    to.insert(to.end(), from.begin(), from.end());
  };
  for (std::size_t o = 0; o < r.scenario.options.size(); ++o) {
    const CashCurve& c = r.result.options[o].cash_curve;
    for (std::size_t k = 0; k < c.month_end.size(); ++k) option.append(r.scenario.options[o].name);
    append(month_end, c.month_end);
    append(p5, c.p5);
    append(p25, c.p25);
    append(p50, c.p50);
    append(p75, c.p75);
    append(p95, c.p95);
  }
  py::dict columns;
  columns["option"] = option;
  columns["month_end"] = array_of(month_end);
  columns["p5"] = array_of(p5);
  columns["p25"] = array_of(p25);
  columns["p50"] = array_of(p50);
  columns["p75"] = array_of(p75);
  columns["p95"] = array_of(p95);
  return data_frame(columns);
}

}  // namespace

std::string Result::to_string() const {
  return fmt::format("Result({}: {} trials, seed {}, {} options)", scenario.name, result.trials, result.seed,
                     scenario.options.size());
}

py::object data_frame(const py::dict& columns) { return py::module_::import("pandas").attr("DataFrame")(columns); }

void bind_result(py::module_& m) {
  py::class_<Result>(m, "Result", "A finished run: what tcosim.run returns.")
      .def_property_readonly(
          "summary", [](const Result& r) { return to_python(summary_json(r.scenario, r.result)); },
          "summary.json as a dict (the same writer as the command line's)")
      .def_property_readonly(
          "scenario", [](const Result& r) { return r.scenario.name; }, "the scenario's name")
      .def_property_readonly(
          "trials", [](const Result& r) { return r.result.trials; }, "trials run")
      .def_property_readonly(
          "seed", [](const Result& r) { return r.result.seed; }, "the run's seed")
      .def("percentiles", &percentiles, "percentiles.csv as a long DataFrame: option, metric, statistic, value")
      .def("samples", &samples,
           "samples.csv as a DataFrame: the first trials' inputs and outputs (run with samples=N; empty otherwise)")
      .def("cash_curve", &cash_curve,
           "Percentiles of cumulative cash at each month end (format 2): option, month_end, p5, p25, p50, p75, p95")
      .def(
          "write",
          [](const Result& r, const std::filesystem::path& folder, bool xlsx) {
            write_result_files(folder, r.scenario, r.result, {.xlsx = xlsx});
          },
          py::arg("folder"), py::kw_only(), py::arg("xlsx") = false,
          "Writes the files `tcosim run` writes into `folder` (results.xlsx too with xlsx=True)")
      .def("__repr__", &Result::to_string);
}

}  // namespace tcosim::python
