#pragma once
// The scenario argument of every function of the module, and tcosim.ScenarioError. A scenario
// is None (the embedded default), a path (str or os.PathLike), YAML text (a str holding a line
// break or starting with "{"), or a dict with the scenario's structure; `overrides` are the
// command line's `--set PATH=VALUE`, as a dict {path: value} or a list of "PATH=VALUE" strings.
#include <pybind11/pybind11.h>

#include <optional>
#include <string>
#include <vector>

#include "input/scenario_parser.hpp"

namespace tcosim::python {

/// Where a scenario's text comes from: a file (`text` unset), or text named `name` in diagnostics.
struct ScenarioSource {
  std::string name;  ///< the path, "" for the embedded default, or "<string>" / "<dict>"
  std::optional<std::string> text;

  /// "file scenarios/a.yaml", "the embedded default" or "text <dict>".
  std::string to_string() const;
};

/// What the Python argument names.
ScenarioSource scenario_source(const pybind11::object& scenario);

/// A Python value as the YAML text of an override or a swept value: a str as it is, a bool as
/// true/false, a number as Python prints it, anything else (a dict: a distribution) as JSON.
std::string yaml_value(const pybind11::handle& value);

/// `overrides` as "PATH=VALUE" strings, in the order given.
std::vector<std::string> override_strings(const pybind11::object& overrides);

/// Parses the scenario with the overrides (no exception: the diagnostics are in the result).
/// `repair_correlations` is `--repair-correlations`: a correlation matrix that is not positive
/// definite is replaced by the nearest one that is, with a warning, instead of refused.
ParseResult parse_scenario(const ScenarioSource& source, const std::vector<std::string>& overrides,
                           bool repair_correlations = false);

/// The valid scenario, or raises tcosim.ScenarioError with every diagnostic.
Scenario load_or_raise(const pybind11::object& scenario, const pybind11::object& overrides,
                       bool repair_correlations = false);

/// Defines tcosim.ScenarioError (a ValueError) in `m`.
void register_scenario_error(pybind11::module_& m);

/// Raises tcosim.ScenarioError: the message is every diagnostic, one a line; the attributes
/// file, line, column, field and message are the first's, `errors` lists them all as dicts.
[[noreturn]] void raise_scenario_error(const Diagnostics& errors);

}  // namespace tcosim::python
