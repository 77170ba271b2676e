#include "python/scenario_arg.hpp"

#include <fmt/format.h>

#include "input/load_scenario.hpp"

namespace py = pybind11;

namespace tcosim::python {

namespace {

// The class, made once when the module loads and never freed (a py::object here would be
// released after the interpreter has gone).
PyObject* g_scenario_error = nullptr;

/// Text that is YAML rather than a file name: a file name has no line break and no "{" first.
bool looks_like_yaml(const std::string& s) {
  const std::size_t first = s.find_first_not_of(" \t");
  return s.find('\n') != std::string::npos || (first != std::string::npos && s[first] == '{');
}

py::object json_dumps(const py::handle& value) {
  // NumPy's scalars and arrays have tolist(), which gives Python's own numbers and lists.
  static const auto plain = [](const py::handle& v) -> py::object {
    if (py::hasattr(v, "tolist")) return v.attr("tolist")();
    throw py::type_error("scenario: a " + py::str(py::type::of(v).attr("__name__")).cast<std::string>() +
                         " is not a number, string, list or dict");
  };
  return py::module_::import("json").attr("dumps")(value, py::arg("indent") = 1,
                                                   py::arg("default") = py::cpp_function(plain));
}

}  // namespace

std::string ScenarioSource::to_string() const {
  if (text) return "text " + name;
  return name.empty() ? "the embedded default" : "file " + name;
}

ScenarioSource scenario_source(const py::object& scenario) {
  if (scenario.is_none()) return {};
  if (py::isinstance<py::dict>(scenario)) return {"<dict>", json_dumps(scenario).cast<std::string>()};
  if (py::isinstance<py::str>(scenario)) {
    auto s = scenario.cast<std::string>();
    if (looks_like_yaml(s)) return {"<string>", std::move(s)};
    return {std::move(s), std::nullopt};
  }
  if (py::hasattr(scenario, "__fspath__"))
    return {py::module_::import("os").attr("fspath")(scenario).cast<std::string>(), std::nullopt};
  throw py::type_error("scenario: expected None, a path, YAML text or a dict, got " +
                       py::str(py::type::of(scenario)).cast<std::string>());
}

std::string yaml_value(const py::handle& value) {
  if (py::isinstance<py::str>(value)) return value.cast<std::string>();
  if (py::isinstance<py::bool_>(value)) return value.cast<bool>() ? "true" : "false";
  if (py::isinstance(value, py::module_::import("numbers").attr("Real"))) return py::str(value).cast<std::string>();
  return json_dumps(value).cast<std::string>();
}

std::vector<std::string> override_strings(const py::object& overrides) {
  std::vector<std::string> out;
  if (overrides.is_none()) return out;
  if (py::isinstance<py::dict>(overrides)) {
    for (const auto& [path, value] : overrides.cast<py::dict>())
      out.push_back(py::str(path).cast<std::string>() + "=" + yaml_value(value));
    return out;
  }
  if (py::isinstance<py::str>(overrides)) return {overrides.cast<std::string>()};
  for (const py::handle& item : overrides) out.push_back(py::str(item).cast<std::string>());
  return out;
}

ParseResult parse_scenario(const ScenarioSource& source, const std::vector<std::string>& overrides,
                           bool repair_correlations) {
  const ParseOptions options{.repair_correlations = repair_correlations, .overrides = overrides};
  return source.text ? parse_scenario_text(*source.text, source.name, options) : load_scenario(source.name, options);
}

Scenario load_or_raise(const py::object& scenario, const py::object& overrides, bool repair_correlations) {
  ParseResult r = parse_scenario(scenario_source(scenario), override_strings(overrides), repair_correlations);
  if (!r.scenario) raise_scenario_error(r.errors);
  return std::move(*r.scenario);
}

void register_scenario_error(py::module_& m) {
  // A Python class (rather than pybind11's exception wrapper) so that instances carry attributes.
  py::dict ns;
  ns["__module__"] = "tcosim";
  ns["__doc__"] =
      "A scenario that is not valid. str(e) lists every problem as file:line:column: field: message; "
      "file, line, column, field and message are the first problem's, errors all of them as dicts.";
  py::object cls = py::reinterpret_borrow<py::object>(reinterpret_cast<PyObject*>(&PyType_Type))(
      "ScenarioError", py::make_tuple(py::reinterpret_borrow<py::object>(PyExc_ValueError)), ns);
  m.attr("ScenarioError") = cls;
  g_scenario_error = cls.release().ptr();
}

void raise_scenario_error(const Diagnostics& errors) {
  std::string message;
  py::list all;
  for (const Diagnostic& d : errors) {
    message += (message.empty() ? "" : "\n") + d.to_string();
    py::dict e;
    e["file"] = d.file;
    e["line"] = d.line;
    e["column"] = d.column;
    e["field"] = d.field;
    e["message"] = d.message;
    all.append(e);
  }
  py::object error = py::reinterpret_borrow<py::object>(g_scenario_error)(message);
  const Diagnostic first = errors.empty() ? Diagnostic{} : errors.front();
  error.attr("file") = first.file;
  error.attr("line") = first.line;
  error.attr("column") = first.column;
  error.attr("field") = first.field;
  error.attr("message") = first.message;
  error.attr("errors") = all;
  PyErr_SetObject(g_scenario_error, error.ptr());
  throw py::error_already_set();
}

}  // namespace tcosim::python
