#pragma once
// `--set PATH=VALUE`: changing any value of a scenario from the command line, applied to the
// YAML tree before validation so an overridden value is checked exactly like one in the file.
//
// PATH is dotted as in diagnostics: `market.demand_units.median`, `finance.carrying_rate`,
// `options.odm-dg.unit_cost.mean` (or the short form `odm-dg.unit_cost.mean`),
// `options.odm-dg.delays.tooling rework.probability`; list entries are named by their `name`,
// other lists by index (`correlations[0][2]` or `correlations.0.2`). VALUE is read as YAML, so
// `12`, `"12"` (a string), `{dist: uniform, min: 1, max: 2}` mean what they mean in a file;
// a whole `<dist>` may be replaced by a number and the reverse.
#include <yaml-cpp/yaml.h>

#include <string>
#include <string_view>
#include <vector>

#include "input/diagnostic.hpp"
#include "input/yaml_reader.hpp"

namespace tcosim {

/// Applies `sets` in order to `root`; returns every problem (a malformed `PATH=VALUE`, a path
/// that names nothing, with the keys valid where it failed and a did-you-mean, a path set twice).
/// Diagnostics carry the field `--set PATH`; the file is left empty.
Diagnostics apply_overrides(YAML::Node& root, const std::vector<std::string>& sets);

/// The same, reporting into `r` (whose file names the scenario) and registering each applied
/// path with Reporter::attribute, so later validation errors about an overridden value name the
/// `--set` that caused them. Returns false when any override failed (nothing should be read then).
bool apply_overrides(yaml_reader::Reporter& r, YAML::Node& root, const std::vector<std::string>& sets);

/// Content hash of a scenario run with overrides: SHA-256 of the file's bytes when there are
/// none (so it equals the hash of the file alone), else of the file's bytes followed, for each
/// override in sorted byte order, by "\n--set " and the override text as given.
std::string scenario_sha256(std::string_view text, const std::vector<std::string>& sets);

}  // namespace tcosim
