#include "input/dist_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <exception>
#include <limits>
#include <variant>

#include "input/did_you_mean.hpp"

namespace tcosim {

using yaml_reader::Entry;
using yaml_reader::Located;
using yaml_reader::Mapping;
using yaml_reader::Reporter;

namespace {

std::string range_text(Range range) {
  if (range.hi == std::numeric_limits<double>::infinity()) return fmt::format("must be >= {}", format_number(range.lo));
  return "must lie in " + range.to_string();
}

std::vector<std::string_view> family_names() {
  std::vector<std::string_view> names;
  for (const FamilyInfo& f : distribution_families()) names.push_back(f.name);
  return names;
}

std::optional<std::vector<double>> read_number_list(Reporter& r, const Located& at) {
  const auto elements = yaml_reader::read_sequence(r, at, "a list of numbers");
  if (!elements) return std::nullopt;
  if (elements->size() > kMaxListValues) {
    r.error(at, fmt::format("a list of {} values, more than tcosim takes ({}); describe so many values with a "
                            "distribution such as empirical percentiles or a pert",
                            elements->size(), kMaxListValues));
    return std::nullopt;
  }
  std::vector<double> out;
  bool ok = true;
  for (const Located& e : *elements) {
    const auto v = yaml_reader::read_number(r, e);
    ok = ok && v.has_value();
    if (v) out.push_back(*v);
  }
  return ok ? std::optional(std::move(out)) : std::nullopt;
}

/// True when the inverse-CDF transform draws use gives NaN somewhere in (0, 1): finite
/// parameters can still overflow (a lognormal with mean 1e-308 and sd 1e308 has sigma = inf,
/// so exp(-inf + inf z) is NaN; found with the fuzz harness). Probed at the extremes (the
/// stream's smallest and largest uniforms) and inner points; the transform is monotone, so a
/// NaN is rarely confined between them.
bool draws_nan(const Distribution& d) {
  constexpr double kTiny = 0x1p-54;
  for (double u : {kTiny, 1e-9, 0.001, 0.1, 0.25, 0.5, 0.75, 0.9, 0.999, 1.0 - 1e-9, 1.0 - kTiny}) {
    if (std::isnan(d.from_uniform(u))) return true;
  }
  return false;
}

/// The family named by `dist:`, or nothing (reported) when it is missing or unknown.
const FamilyInfo* read_family(Reporter& r, const Mapping& m) {
  const std::vector<std::string_view> names = family_names();
  // Joined by hand: fmt::join over string_views trips a GCC 12 -O3 false -Wstringop-overflow.
  std::string expected = "one of:";
  for (std::size_t i = 0; i < names.size(); ++i) expected += (i == 0 ? " " : ", ") + std::string(names[i]);
  const auto at = m.require(r, "dist", "the distribution family, " + expected);
  if (!at) return nullptr;
  const auto name = yaml_reader::read_string(r, *at, "a distribution family name");
  if (!name) return nullptr;
  const FamilyInfo* family = find_family(*name);
  if (!family) {
    const std::string hint = did_you_mean_hint(*name, names);
    r.error(*at, fmt::format("unknown distribution `{}`{}", *name, hint.empty() ? "; expected " + expected : hint));
  }
  return family;
}

/// `{dist: family, ...}`: keys checked against the family, numbers checked, then built and
/// validated by make_distribution, whose complaint is pinned on the parameter it names.
std::optional<Distribution> read_dist_mapping(Reporter& r, const Located& at) {
  auto m = Mapping::read(r, at, "a {dist: ...} mapping");
  if (!m) return std::nullopt;
  const FamilyInfo* family = read_family(r, *m);
  if (!family) return std::nullopt;

  std::vector<std::string_view> allowed{"dist"};
  allowed.insert(allowed.end(), family->keys.begin(), family->keys.end());
  // A misspelt parameter would also surface as a missing one: report only the typo.
  bool ok = m->check_known(r, allowed, "parameter", fmt::format("for a {} distribution", family->name));

  DistParams params;
  for (const Entry& e : m->entries()) {
    if (e.key == "dist" || std::find(allowed.begin(), allowed.end(), e.key) == allowed.end()) continue;
    if (e.key == "values" || e.key == "weights") {
      auto list = read_number_list(r, e.value);
      ok = ok && list.has_value();
      if (list) (e.key == "values" ? params.values : params.weights) = std::move(*list);
    } else {
      const auto v = yaml_reader::read_number(r, e.value);
      ok = ok && v.has_value();
      if (v) params.scalars.emplace(e.key, *v);
    }
  }
  if (!ok) return std::nullopt;

  std::variant<Distribution, ParamError> built;
  try {
    built = make_distribution(family->name, params);
  } catch (const std::exception& e) {
    // Finite parameters can still overflow what is precomputed (found with the fuzz harness:
    // a PERT with lambda 1e308 made Boost.Math's lgamma throw out of the parser).
    r.error(at, fmt::format("cannot compute a {} distribution with these parameters ({}); use values of a realistic "
                            "magnitude",
                            family->name, e.what()));
    return std::nullopt;
  }
  if (auto* error = std::get_if<ParamError>(&built)) {
    const Entry* culprit = m->find(error->param);
    const YAML::Mark mark = culprit ? culprit->value.mark : at.mark;
    r.error(mark, yaml_reader::child_path(at.path, error->param), error->message);
    return std::nullopt;
  }
  Distribution d = std::get<Distribution>(std::move(built));
  if (draws_nan(d)) {
    r.error(at, fmt::format("these parameters give a {} distribution whose draws are not numbers (NaN) in double "
                            "precision: {}; use values of a realistic magnitude",
                            family->name, d.describe()));
    return std::nullopt;
  }
  return d;
}

}  // namespace

std::string format_number(double v) { return fmt::format("{}", v); }

std::string Range::to_string() const { return fmt::format("[{}, {}]", format_number(lo), format_number(hi)); }

std::optional<double> read_in_range(Reporter& r, const Located& at, Range range) {
  const auto v = yaml_reader::read_number(r, at);
  if (!v) return std::nullopt;
  if (*v < range.lo || *v > range.hi) {
    r.error(at, fmt::format("{}, found {}", range_text(range), format_number(*v)));
    return std::nullopt;
  }
  return v;
}

/// A `<dist>`: a number (constant, checked against `range`) or a `{dist: ...}` mapping.
std::optional<Distribution> read_dist(Reporter& r, const Located& at, Range range) {
  if (at.node.IsMap()) return read_dist_mapping(r, at);
  const yaml_reader::NumberParse n = yaml_reader::parse_number(at.node);
  switch (n.status) {
    case yaml_reader::NumberStatus::Ok:
      if (n.value < range.lo || n.value > range.hi) {
        r.error(at, fmt::format("{}, found {}", range_text(range), format_number(n.value)));
        return std::nullopt;
      }
      return Distribution::constant(n.value);
    case yaml_reader::NumberStatus::NotFinite:
      r.error(at, "must be a finite number, found " + yaml_reader::describe(at.node));
      return std::nullopt;
    case yaml_reader::NumberStatus::NotScalar:
    case yaml_reader::NumberStatus::NotANumber: break;
  }
  r.error(at, "expected a number or a {dist: ...} mapping, found " + yaml_reader::describe(at.node));
  return std::nullopt;
}

/// An optional `<dist>` field: `fallback` when absent, nothing (reported) when invalid.
std::optional<Distribution> dist_field(Reporter& r, const Mapping& m, std::string_view key, Range range,
                                       std::optional<Distribution> fallback) {
  if (auto at = m.get(key)) return read_dist(r, *at, range);
  return fallback;
}

std::optional<Distribution> required_dist(Reporter& r, const Mapping& m, std::string_view key, Range range,
                                          std::string_view why) {
  if (auto at = m.require(r, key, why)) return read_dist(r, *at, range);
  return std::nullopt;
}

}  // namespace tcosim
