#pragma once
// Reading a YAML document while collecting every problem instead of stopping at the first:
// each value travels with its mark and dotted path, so any error can point straight at it.
// Nothing here knows the scenario schema; input/scenario_parser.cpp does.
#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "input/diagnostic.hpp"
#include "util/enum_names.hpp"

namespace tcosim::yaml_reader {

/// A value of the document, where to point at it and the dotted path it is reported under.
struct Located {
  YAML::Node node;
  YAML::Mark mark;   ///< 0-based, as yaml-cpp gives it
  std::string path;  ///< e.g. "options.oem-sz.unit_cost"

  /// "options.a.moq = `12` at 3:10" (1-based line:column; none for a value given with --set).
  std::string to_string() const;
};

/// Collects the diagnostics of one file.
class Reporter {
 public:
  explicit Reporter(std::string file) : file_(std::move(file)) {}

  void error(const YAML::Mark& at, std::string field, std::string message);
  void error(const Located& at, std::string message) { error(at.mark, at.path, std::move(message)); }
  /// For problems with the file as a whole (missing, empty): no line or column.
  void file_error(std::string message);
  /// The value at `path` came from the command line (`--set`), not the file: errors at `path`
  /// or below it are reported under the field `label` (e.g. "--set odm.unit_cost.mean"), and
  /// errors at the mapping directly holding it get `note` appended to their message.
  void attribute(std::string path, std::string label, std::string note);

  bool has_errors() const noexcept { return !errors_.empty(); }
  const std::string& file() const noexcept { return file_; }
  Diagnostics take() { return std::move(errors_); }
  /// "f.yaml: 2 errors".
  std::string to_string() const;

 private:
  struct Attribution {
    std::string path, label, note;
  };
  std::string file_;
  Diagnostics errors_;
  std::vector<Attribution> attributions_;
};

std::string child_path(std::string_view parent, std::string_view key);
std::string index_path(std::string_view parent, std::size_t index);
/// 1-based line of a mark, for "first given at line N" messages.
int line_of(const YAML::Mark& mark) noexcept;
/// " (<verb> at line N)", or "" for line 0: a value given with --set has no line.
std::string line_note(std::string_view verb, int line);

/// How a value reads in a message: "a mapping", "a list", "`abc`", "the string \"12\"", "nothing".
std::string describe(const YAML::Node& node);

/// One `key: value` of a mapping.
struct Entry {
  std::string key;
  YAML::Mark key_mark;
  Located value;

  /// "moq: `12` at 3:5" (where the key is).
  std::string to_string() const;
};

/// A mapping whose keys are known to be scalars and unique (duplicates are reported and
/// only the first occurrence is kept, which is also what yaml-cpp's lookup would return).
class Mapping {
 public:
  /// Reports "expected <expected>, found ..." and returns nothing when `at` is not a mapping.
  static std::optional<Mapping> read(Reporter& r, const Located& at, std::string_view expected);

  /// Reports every key outside `allowed`, with a did-you-mean where one is close; true when
  /// there was none. `noun` names what a key is ("key", "parameter"), `context` is appended.
  bool check_known(Reporter& r, std::span<const std::string_view> allowed, std::string_view noun = "key",
                   std::string_view context = {});

  const Entry* find(std::string_view key) const;
  std::optional<Located> get(std::string_view key) const;
  /// Like get(), but reports "missing required `key`" (with `why`, if any) at the mapping,
  /// unless check_known() already suggested `key` for a misspelt one (one typo, one message).
  std::optional<Located> require(Reporter& r, std::string_view key, std::string_view why = {}) const;

  const Located& where() const noexcept { return self_; }
  const std::vector<Entry>& entries() const noexcept { return entries_; }
  /// "mapping options.a {name, model, moq} at 2:5".
  std::string to_string() const;

 private:
  Located self_;
  std::vector<Entry> entries_;
  std::vector<std::string> suggested_;
};

/// read() then check_known(): the usual way to open a mapping of a fixed schema.
std::optional<Mapping> read_mapping(Reporter& r, const Located& at, std::span<const std::string_view> allowed,
                                    std::string_view expected);

/// The elements of a sequence, each located and named `path[i]`; reports when `at` is not one.
std::optional<std::vector<Located>> read_sequence(Reporter& r, const Located& at, std::string_view expected);

/// Outcome of reading a scalar as a number, before any message is written, so callers can
/// phrase "expected a number or a {dist: ...} mapping" in their own terms.
enum class NumberStatus { Ok, NotScalar, NotANumber, NotFinite };
/// "ok", "not a scalar", "not a number", "not finite".
constexpr std::string_view to_string(NumberStatus s) noexcept {
  constexpr EnumNames<NumberStatus, 4> kNames{{"ok", "not a scalar", "not a number", "not finite"}};
  return kNames.of(s);
}
/// A status, and the number when it is Ok.
struct NumberParse {
  NumberStatus status = NumberStatus::NotANumber;
  double value = 0.0;
  /// "ok 12.5", or the status alone ("not a number").
  std::string to_string() const;
};
/// YAML plain scalars only: a quoted "12" is a string, as YAML says. Accepts YAML's
/// .inf/.nan spellings so they can be rejected as "not finite" rather than "not a number".
NumberParse parse_number(const YAML::Node& node);

/// Outcome of reading a scalar as an unsigned integer (parse_unsigned).
enum class IntegerStatus { Ok, NotScalar, NotANumber, Negative, Fractional, OutOfRange, Inexact };
/// "ok", "not a scalar", "not a number", "negative", "fractional", "out of range", "inexact".
constexpr std::string_view to_string(IntegerStatus s) noexcept {
  constexpr EnumNames<IntegerStatus, 7> kNames{
      {"ok", "not a scalar", "not a number", "negative", "fractional", "out of range", "inexact"}};
  return kNames.of(s);
}
/// A status, and the integer when it is Ok.
struct IntegerParse {
  IntegerStatus status = IntegerStatus::NotANumber;
  std::uint64_t value = 0;
  /// "ok 42", or the status alone ("negative").
  std::string to_string() const;
};
/// An unsigned 64-bit integer; whole numbers in float form (1e6) are accepted up to 2^53,
/// beyond which a double no longer holds every integer (Inexact: write out the digits).
IntegerParse parse_unsigned(const YAML::Node& node);

/// Why walking `root` would take too long, if it would. YAML aliases (`*name`) let a short text
/// name one subtree many times, so the tree the reader walks can be exponentially larger than
/// the text, or endless (`&a [*a]`). Visits the nodes as a full walk would, aliases expanded,
/// without recursion, and stops at the first of more than `max_nodes` nodes or more than
/// kMaxDepth levels of nesting.
inline constexpr std::size_t kMaxDepth = 1000;
std::optional<std::string> expansion_problem(const YAML::Node& root, std::size_t max_nodes);

/// A finite number; reports "expected a number" / "must be a finite number" otherwise.
std::optional<double> read_number(Reporter& r, const Located& at);
/// A scalar as text; reports "expected <expected>" otherwise.
std::optional<std::string> read_string(Reporter& r, const Located& at, std::string_view expected = "a string");

}  // namespace tcosim::yaml_reader
