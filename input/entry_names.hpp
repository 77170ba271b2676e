#pragma once
// Names of list entries (options, delays, risks, tariff events): how they are checked, and how
// an entry is labelled in messages. Shared by the format-1 and format-2 readers, so every kind
// of named event follows the same rules.
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "input/yaml_reader.hpp"

namespace tcosim {

/// What is wrong with an event name (delay, risk, tariff event), or "" when it is fine: event
/// names become CSV columns and input path segments.
std::string event_name_problem(std::string_view name);

/// The scalar under `name`, if any, without reporting: it decides how the rest of the entry
/// is labelled before the entry is properly read.
std::optional<std::string> peek_name(const YAML::Node& node);

/// Names entries of a list by their name once it is valid and unused (`options.oem-sz`),
/// else by position (`options[2]`), so a message never points at the wrong entry.
class NameRegistry {
 public:
  std::string label(const yaml_reader::Located& list, std::size_t index, const std::optional<std::string>& name,
                    std::string (*problem)(std::string_view)) const;
  /// Reports a duplicate; returns false when the name was already used.
  bool claim(yaml_reader::Reporter& r, const yaml_reader::Located& at, const std::string& name, std::string_view what);
  /// "NameRegistry{2 names}".
  std::string to_string() const;

 private:
  std::map<std::string, YAML::Mark, std::less<>> first_;
};

/// The `name` of a list entry: present, well formed (`problem` says why not) and unique within
/// the list; `what` names the kind in messages ("invalid delay name: ...").
std::optional<std::string> read_entry_name(yaml_reader::Reporter& r, const yaml_reader::Mapping& m, NameRegistry& names,
                                           std::string (*problem)(std::string_view), std::string_view what);

}  // namespace tcosim
