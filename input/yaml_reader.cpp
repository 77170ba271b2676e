#include "input/yaml_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <system_error>

#include "input/did_you_mean.hpp"

namespace tcosim::yaml_reader {

namespace {

int one_based(int zero_based) noexcept { return zero_based >= 0 ? zero_based + 1 : 0; }

/// " at 3:5" (1-based), or "" for a mark with no position (a value given with --set).
std::string at_text(const YAML::Mark& mark) {
  return mark.line >= 0 ? fmt::format(" at {}:{}", one_based(mark.line), one_based(mark.column)) : std::string();
}

// yaml-cpp marks an empty value (`key:` with nothing after it) at the next token, often on a
// later line; pointing at the key is what a reader of the file expects.
YAML::Mark value_mark(const YAML::Node& value, const YAML::Mark& fallback) {
  return value.IsNull() ? fallback : value.Mark();
}

// A quoted or block scalar carries the non-specific tag "!": YAML says it is a string even
// when it looks like a number, and silently reading "12" as 12 would hide a typo like "1 2".
bool is_plain_scalar(const YAML::Node& node) { return node.IsScalar() && node.Tag() != "!"; }

// YAML allows one sign; from_chars takes '-' but not '+'. Only a '+' before a digit or '.' is
// dropped, so "+-1" and "++1" stay strings instead of reading as -1 and +1.
std::string_view strip_plus(std::string_view s) {
  return s.size() > 1 && s[0] == '+' && s[1] != '-' && s[1] != '+' ? s.substr(1) : s;
}

std::optional<double> yaml_special_float(std::string_view s) {
  const std::string_view unsigned_part = (s.starts_with('+') || s.starts_with('-')) ? s.substr(1) : s;
  if (unsigned_part == ".inf" || unsigned_part == ".Inf" || unsigned_part == ".INF") {
    return s.starts_with('-') ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
  }
  if (s == ".nan" || s == ".NaN" || s == ".NAN") return std::numeric_limits<double>::quiet_NaN();
  return std::nullopt;
}

std::string join(std::span<const std::string_view> words) {
  std::string out;
  for (std::string_view w : words) {
    if (!out.empty()) out += ", ";
    out += w;
  }
  return out;
}

bool is_below(std::string_view field, std::string_view path) {
  return field.size() > path.size() && field.starts_with(path) &&
         (field[path.size()] == '.' || field[path.size()] == '[');
}

}  // namespace

std::string Located::to_string() const { return fmt::format("{} = {}{}", path, describe(node), at_text(mark)); }

std::string Reporter::to_string() const {
  return fmt::format("{}: {} error{}", file_, errors_.size(), errors_.size() == 1 ? "" : "s");
}

std::string Entry::to_string() const { return fmt::format("{}: {}{}", key, describe(value.node), at_text(key_mark)); }

std::string Mapping::to_string() const {
  std::vector<std::string_view> keys;
  for (const Entry& e : entries_) keys.push_back(e.key);
  return fmt::format("mapping {} {{{}}}{}", self_.path, join(keys), at_text(self_.mark));
}

std::string NumberParse::to_string() const {
  return status == NumberStatus::Ok ? fmt::format("ok {}", value) : std::string(yaml_reader::to_string(status));
}

std::string IntegerParse::to_string() const {
  return status == IntegerStatus::Ok ? fmt::format("ok {}", value) : std::string(yaml_reader::to_string(status));
}

void Reporter::attribute(std::string path, std::string label, std::string note) {
  attributions_.push_back(Attribution{std::move(path), std::move(label), std::move(note)});
}

void Reporter::error(const YAML::Mark& at, std::string field, std::string message) {
  for (const Attribution& a : attributions_) {
    if (field == a.path || is_below(field, a.path)) {
      field = a.label + field.substr(a.path.size());
      break;
    }
    if (is_below(a.path, field) && a.path.find_first_of(".[", field.size() + 1) == std::string::npos) {
      message += " (" + a.note + ")";
      break;
    }
  }
  errors_.push_back(Diagnostic{file_, one_based(at.line), one_based(at.column), std::move(field), std::move(message)});
}

void Reporter::file_error(std::string message) { errors_.push_back(Diagnostic{file_, 0, 0, {}, std::move(message)}); }

std::string child_path(std::string_view parent, std::string_view key) {
  if (parent.empty()) return std::string(key);
  std::string out(parent);
  out += '.';
  out += key;
  return out;
}

std::string index_path(std::string_view parent, std::size_t index) {
  return std::string(parent) + '[' + std::to_string(index) + ']';
}

int line_of(const YAML::Mark& mark) noexcept { return one_based(mark.line); }

std::string line_note(std::string_view verb, int line) {
  return line > 0 ? fmt::format(" ({} at line {})", verb, line) : std::string();
}

std::string describe(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null: return "nothing";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Map: return "a mapping";
    case YAML::NodeType::Scalar: break;
  }
  if (!is_plain_scalar(node)) return "the string \"" + node.Scalar() + "\"";
  return "`" + node.Scalar() + "`";
}

std::optional<Mapping> Mapping::read(Reporter& r, const Located& at, std::string_view expected) {
  if (!at.node.IsMap()) {
    r.error(at, fmt::format("expected {}, found {}", expected, describe(at.node)));
    return std::nullopt;
  }
  Mapping m;
  m.self_ = at;
  // yaml-cpp keeps every `key: value` pair, repeated keys included, in document order:
  // iterating is the only way to see a duplicate that a lookup would silently shadow.
  for (auto it = at.node.begin(); it != at.node.end(); ++it) {
    const YAML::Node key = it->first;
    const YAML::Node value = it->second;
    if (!key.IsScalar()) {
      r.error(key.Mark(), at.path, "keys must be plain names, found " + describe(key) + " as a key");
      continue;
    }
    const std::string name = key.Scalar();
    const std::string path = child_path(at.path, name);
    if (const Entry* first = m.find(name)) {
      r.error(key.Mark(), path,
              fmt::format("duplicate key `{}`{}", name, line_note("first given", line_of(first->key_mark))));
      continue;
    }
    m.entries_.push_back(Entry{name, key.Mark(), Located{value, value_mark(value, key.Mark()), path}});
  }
  return m;
}

bool Mapping::check_known(Reporter& r, std::span<const std::string_view> allowed, std::string_view noun,
                          std::string_view context) {
  bool all_known = true;
  for (const Entry& e : entries_) {
    bool known = false;
    for (std::string_view a : allowed) known = known || a == e.key;
    if (known) continue;
    std::string message = fmt::format("unknown {} `{}`", noun, e.key);
    if (!context.empty()) message += fmt::format(" {}", context);
    const auto suggestion = did_you_mean(e.key, allowed);
    message += suggestion ? "; did you mean `" + *suggestion + "`?" : "; expected one of: " + join(allowed);
    if (suggestion) suggested_.push_back(*suggestion);
    r.error(e.key_mark, e.value.path, std::move(message));
    all_known = false;
  }
  return all_known;
}

const Entry* Mapping::find(std::string_view key) const {
  for (const Entry& e : entries_) {
    if (e.key == key) return &e;
  }
  return nullptr;
}

std::optional<Located> Mapping::get(std::string_view key) const {
  const Entry* e = find(key);
  return e ? std::optional<Located>(e->value) : std::nullopt;
}

std::optional<Located> Mapping::require(Reporter& r, std::string_view key, std::string_view why) const {
  if (auto v = get(key)) return v;
  if (std::find(suggested_.begin(), suggested_.end(), key) != suggested_.end()) return std::nullopt;
  std::string message = fmt::format("missing required `{}`", key);
  if (!why.empty()) message += fmt::format(" ({})", why);
  r.error(self_.mark, child_path(self_.path, key), std::move(message));
  return std::nullopt;
}

std::optional<Mapping> read_mapping(Reporter& r, const Located& at, std::span<const std::string_view> allowed,
                                    std::string_view expected) {
  auto m = Mapping::read(r, at, expected);
  if (m) m->check_known(r, allowed);
  return m;
}

std::optional<std::vector<Located>> read_sequence(Reporter& r, const Located& at, std::string_view expected) {
  if (!at.node.IsSequence()) {
    r.error(at, fmt::format("expected {}, found {}", expected, describe(at.node)));
    return std::nullopt;
  }
  std::vector<Located> out;
  std::size_t i = 0;
  for (auto it = at.node.begin(); it != at.node.end(); ++it, ++i) {
    const YAML::Node element = *it;
    out.push_back(Located{element, value_mark(element, at.mark), index_path(at.path, i)});
  }
  return out;
}

NumberParse parse_number(const YAML::Node& node) {
  if (!node.IsScalar()) return {NumberStatus::NotScalar, 0.0};
  if (!is_plain_scalar(node)) return {NumberStatus::NotANumber, 0.0};
  const std::string& s = node.Scalar();
  if (auto special = yaml_special_float(s)) return {NumberStatus::NotFinite, *special};
  const std::string_view digits = strip_plus(s);
  // from_chars also takes "inf" and "nan", which YAML reads as strings.
  if (digits.empty() || digits.find_first_of("iInN") != std::string_view::npos) return {NumberStatus::NotANumber, 0.0};
  double value = 0.0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (end != digits.data() + digits.size()) return {NumberStatus::NotANumber, 0.0};
  if (ec == std::errc::result_out_of_range) return {NumberStatus::NotFinite, value};
  if (ec != std::errc()) return {NumberStatus::NotANumber, 0.0};
  if (!std::isfinite(value)) return {NumberStatus::NotFinite, value};
  return {NumberStatus::Ok, value};
}

IntegerParse parse_unsigned(const YAML::Node& node) {
  if (!node.IsScalar()) return {IntegerStatus::NotScalar, 0};
  if (!is_plain_scalar(node)) return {IntegerStatus::NotANumber, 0};
  const std::string_view digits = strip_plus(node.Scalar());
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (!digits.empty() && end == digits.data() + digits.size()) {
    if (ec == std::errc::result_out_of_range) return {IntegerStatus::OutOfRange, 0};
    if (ec == std::errc()) return {IntegerStatus::Ok, value};
  }
  const NumberParse n = parse_number(node);
  if (n.status == NumberStatus::NotANumber) return {IntegerStatus::NotANumber, 0};
  if (std::isnan(n.value)) return {IntegerStatus::NotANumber, 0};
  if (n.value < 0) return {IntegerStatus::Negative, 0};
  if (n.status == NumberStatus::NotFinite) return {IntegerStatus::OutOfRange, 0};
  if (n.value != std::floor(n.value)) return {IntegerStatus::Fractional, 0};
  if (n.value > 9007199254740992.0) return {IntegerStatus::Inexact, 0};
  return {IntegerStatus::Ok, static_cast<std::uint64_t>(n.value)};
}

std::optional<std::string> expansion_problem(const YAML::Node& root, std::size_t max_nodes) {
  struct Level {
    YAML::const_iterator at, end;
  };
  std::vector<Level> open;  // the collections being walked, outermost first
  std::size_t visited = 0;
  // Counts `node` and, for a collection, opens it; the problem, if that goes past a limit.
  const auto visit = [&](const YAML::Node& node) -> std::optional<std::string> {
    if (++visited > max_nodes) {
      return fmt::format("expands to more than {} values through aliases (`*name`); write the values out", max_nodes);
    }
    if (node.IsMap() || node.IsSequence()) {
      if (open.size() == kMaxDepth) {
        return fmt::format("is nested more than {} levels deep (an alias inside the value it names?)", kMaxDepth);
      }
      open.push_back(Level{node.begin(), node.end()});
    }
    return std::nullopt;
  };
  if (auto problem = visit(root)) return problem;
  while (!open.empty()) {
    Level& level = open.back();
    if (level.at == level.end) {
      open.pop_back();
      continue;
    }
    const auto element = *level.at;
    ++level.at;  // before visit(), which may grow `open` and move `level`
    if (element.first.IsDefined() || element.second.IsDefined()) {  // a mapping's key: value
      const YAML::Node key = element.first, value = element.second;
      if (auto problem = visit(key)) return problem;
      if (auto problem = visit(value)) return problem;
    } else if (auto problem = visit(element)) {
      return problem;
    }
  }
  return std::nullopt;
}

std::optional<double> read_number(Reporter& r, const Located& at) {
  const NumberParse n = parse_number(at.node);
  switch (n.status) {
    case NumberStatus::Ok: return n.value;
    case NumberStatus::NotFinite:
      r.error(at, fmt::format("must be a finite number, found {}", describe(at.node)));
      break;
    case NumberStatus::NotScalar:
    case NumberStatus::NotANumber: r.error(at, "expected a number, found " + describe(at.node)); break;
  }
  return std::nullopt;
}

std::optional<std::string> read_string(Reporter& r, const Located& at, std::string_view expected) {
  if (at.node.IsScalar()) return at.node.Scalar();
  r.error(at, fmt::format("expected {}, found {}", expected, describe(at.node)));
  return std::nullopt;
}

}  // namespace tcosim::yaml_reader
