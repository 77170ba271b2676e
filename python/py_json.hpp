#pragma once
// JSON documents as Python objects: Result.summary and replay() return exactly what
// summary.json and `tcosim replay` hold, as dicts, lists, floats, ints, strings and bools.
#include <pybind11/pybind11.h>

#include <nlohmann/json.hpp>

namespace tcosim::python {

/// `j` as nested dicts (keys in the document's order) and lists; numbers keep their type and bits.
pybind11::object to_python(const nlohmann::ordered_json& j);

}  // namespace tcosim::python
