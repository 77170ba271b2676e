#include "input/entry_names.hpp"

#include <fmt/format.h>

#include "util/visible_text.hpp"

namespace tcosim {

using yaml_reader::Located;
using yaml_reader::Mapping;
using yaml_reader::Reporter;

std::string event_name_problem(std::string_view name) {
  if (name.empty()) return "must not be empty";
  if (has_control_characters(name))
    return fmt::format("`{}` must not contain control characters (escapes, line breaks, bidirectional overrides)",
                       visible_text(name));
  if (name.find_first_of(".,\"\n\r") != std::string_view::npos) {
    return fmt::format(
        "`{}` must not contain '.', ',', '\"' or a line break (event names become column names and input paths)", name);
  }
  return {};
}

std::optional<std::string> peek_name(const YAML::Node& node) {
  if (!node.IsMap()) return std::nullopt;
  for (auto it = node.begin(); it != node.end(); ++it) {
    if (it->first.IsScalar() && it->first.Scalar() == "name" && it->second.IsScalar()) return it->second.Scalar();
  }
  return std::nullopt;
}

std::string NameRegistry::label(const Located& list, std::size_t index, const std::optional<std::string>& name,
                                std::string (*problem)(std::string_view)) const {
  if (name && problem(*name).empty() && !first_.contains(*name)) return yaml_reader::child_path(list.path, *name);
  return yaml_reader::index_path(list.path, index);
}

bool NameRegistry::claim(Reporter& r, const Located& at, const std::string& name, std::string_view what) {
  const auto [it, inserted] = first_.emplace(name, at.mark);
  if (!inserted) {
    r.error(at, fmt::format("duplicate {} name `{}`{}", what, name,
                            yaml_reader::line_note("first used", yaml_reader::line_of(it->second))));
  }
  return inserted;
}

std::string NameRegistry::to_string() const {
  return fmt::format("NameRegistry{{{} name{}}}", first_.size(), first_.size() == 1 ? "" : "s");
}

std::optional<std::string> read_entry_name(Reporter& r, const Mapping& m, NameRegistry& names,
                                           std::string (*problem)(std::string_view), std::string_view what) {
  const auto at = m.require(r, "name");
  if (!at) return std::nullopt;
  auto name = yaml_reader::read_string(r, *at, "a name");
  if (!name) return std::nullopt;
  if (const std::string p = problem(*name); !p.empty()) {
    r.error(*at, fmt::format("invalid {} name: {}", what, p));
    return std::nullopt;
  }
  if (!names.claim(r, *at, *name, what)) return std::nullopt;
  return name;
}

}  // namespace tcosim
