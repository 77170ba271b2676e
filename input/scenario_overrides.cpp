#include "input/scenario_overrides.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <set>
#include <span>

#include "input/did_you_mean.hpp"
#include "input/scenario_keys.hpp"
#include "util/sha256.hpp"

namespace tcosim {

namespace {

// What a level of the document is, so a key that the file leaves out (a defaulted field, a
// missing `finance:` block) can still be set, while a misspelt one is refused with the valid
// keys of that level. The key lists mirror the schema in scenario_parser.cpp; the parser
// still validates whatever ends up in the tree.
enum class Kind {
  Root,
  Run,
  Market,
  DemandProfile,
  Finance,
  Targets,
  Options,
  Option,
  IpLeak,
  Payment,
  Events,
  Event,
  TariffEvents,
  TariffEvent,
  Dist,
  Other
};

constexpr auto& kRootKeys = scenario_keys::kTop;
constexpr auto& kRunKeys = scenario_keys::kRun;
constexpr auto& kMarketKeys = scenario_keys::kMarket;
constexpr auto& kFinanceKeys = scenario_keys::kFinance;
constexpr auto& kTargetKeys = scenario_keys::kTargets;
constexpr auto& kOptionKeys = scenario_keys::kOption;
constexpr auto& kIpLeakKeys = scenario_keys::kIpLeak;
constexpr std::string_view kEventKeys[] = {"name", "probability", "months", "cost"};
// Most nodes a value may expand to (a `<dist>` has a handful; a discrete one, its values).
constexpr std::size_t kMaxValueNodes = 100000;
// Optional parameters of a `{dist: ...}` mapping that a file may leave out.
constexpr std::string_view kDistOptionalKeys[] = {"lambda", "min", "max"};
constexpr std::string_view kDistFields[] = {"demand_units",
                                            "unit_margin",
                                            "design_cost",
                                            "tooling_cost",
                                            "unit_cost",
                                            "freight_per_unit",
                                            "duty_rate",
                                            "defect_rate",
                                            "moq",
                                            "development_months",
                                            "production_months",
                                            "margin_loss",
                                            "response_cost",
                                            "months",
                                            "cost",
                                            "growth_per_year",
                                            "price_change_per_year",
                                            "added_rate"};

std::span<const std::string_view> schema_keys(Kind k) {
  switch (k) {
    case Kind::Root: return kRootKeys;
    case Kind::Run: return kRunKeys;
    case Kind::Market: return kMarketKeys;
    case Kind::Finance: return kFinanceKeys;
    case Kind::Targets: return kTargetKeys;
    case Kind::Option: return kOptionKeys;
    case Kind::IpLeak: return kIpLeakKeys;
    case Kind::DemandProfile: return scenario_keys::kDemandProfile;
    case Kind::Payment: return scenario_keys::kPayment;
    case Kind::Event: return kEventKeys;
    case Kind::TariffEvent: return scenario_keys::kTariffEvent;
    case Kind::Dist: return kDistOptionalKeys;
    default: return {};
  }
}

Kind child_kind(Kind parent, std::string_view key) {
  const bool dist = std::find(std::begin(kDistFields), std::end(kDistFields), key) != std::end(kDistFields);
  switch (parent) {
    case Kind::Root:
      if (key == "run") return Kind::Run;
      if (key == "market") return Kind::Market;
      if (key == "finance") return Kind::Finance;
      if (key == "targets") return Kind::Targets;
      if (key == "options") return Kind::Options;
      return Kind::Other;
    case Kind::Market:
      if (key == "demand_profile") return Kind::DemandProfile;
      return dist ? Kind::Dist : Kind::Other;
    case Kind::Options: return Kind::Option;
    case Kind::Option:
      if (key == "ip_leak") return Kind::IpLeak;
      if (key == "delays" || key == "risks") return Kind::Events;
      if (key == "payment") return Kind::Payment;
      if (key == "tariff_events") return Kind::TariffEvents;
      return dist ? Kind::Dist : Kind::Other;
    case Kind::IpLeak:
    case Kind::DemandProfile:
    case Kind::Event:
    case Kind::TariffEvent: return dist ? Kind::Dist : Kind::Other;
    case Kind::Events: return Kind::Event;
    case Kind::TariffEvents: return Kind::TariffEvent;
    default: return Kind::Other;
  }
}

// Optional blocks that --set may create when the file leaves them out.
bool creates_mapping(Kind k) {
  return k == Kind::Run || k == Kind::Finance || k == Kind::Targets || k == Kind::IpLeak || k == Kind::DemandProfile ||
         k == Kind::Payment;
}

std::string join(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) {
    if (!out.empty()) out += ", ";
    out += w;
  }
  return out;
}

std::string hint_and_list(std::string_view word, const std::vector<std::string>& valid) {
  const std::vector<std::string_view> views(valid.begin(), valid.end());
  std::string out = did_you_mean_hint(word, views);
  if (!valid.empty()) out += fmt::format(" (valid here: {})", join(valid));
  return out;
}

/// A copy of `node` made of fresh nodes: no marks, so errors about it point at the --set
/// rather than at line 1 of the one-line value document; tags kept (a quoted "12" stays a string).
YAML::Node fresh_copy(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Scalar: {
      YAML::Node out(node.Scalar());
      out.SetTag(node.Tag());
      return out;
    }
    case YAML::NodeType::Sequence: {
      YAML::Node out(YAML::NodeType::Sequence);
      for (const YAML::Node& e : node) out.push_back(fresh_copy(e));
      return out;
    }
    case YAML::NodeType::Map: {
      YAML::Node out(YAML::NodeType::Map);
      for (auto it = node.begin(); it != node.end(); ++it) out[fresh_copy(it->first)] = fresh_copy(it->second);
      return out;
    }
    default: return YAML::Node(YAML::NodeType::Null);
  }
}

std::optional<std::string> name_of(const YAML::Node& entry) {
  if (!entry.IsMap()) return std::nullopt;
  for (auto it = entry.begin(); it != entry.end(); ++it)
    if (it->first.IsScalar() && it->first.Scalar() == "name" && it->second.IsScalar()) return it->second.Scalar();
  return std::nullopt;
}

std::optional<YAML::Node> map_child(const YAML::Node& m, std::string_view key) {
  for (auto it = m.begin(); it != m.end(); ++it)
    if (it->first.IsScalar() && it->first.Scalar() == key) return it->second;
  return std::nullopt;
}

std::vector<std::string> split_path(std::string_view path) {
  // `a[1][2].b` reads as `a.1.2.b`.
  std::string normal;
  for (char c : path) {
    if (c == '[')
      normal += '.';
    else if (c != ']')
      normal += c;
  }
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = normal.find('.', start);
    out.push_back(normal.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return out;
}

std::optional<std::size_t> parse_index(std::string_view s) {
  if (s.empty() || s.size() > 9 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  return static_cast<std::size_t>(std::stoul(std::string(s)));
}

/// Applies one override; returns the canonical path (as the parser names it) or reports.
std::optional<std::string> apply_one(yaml_reader::Reporter& r, YAML::Node& root, const std::string& set,
                                     const std::set<std::string>& done) {
  const std::size_t eq = set.find('=');
  if (eq == std::string::npos || eq == 0) {
    r.error(YAML::Mark::null_mark(), "--set", fmt::format("expected PATH=VALUE, got `{}`", set));
    return std::nullopt;
  }
  const std::string user_path = set.substr(0, eq);
  const std::string value_text = set.substr(eq + 1);
  const std::string field = "--set " + user_path;
  auto fail = [&](std::string message) {
    r.error(YAML::Mark::null_mark(), field, std::move(message));
    return std::nullopt;
  };

  std::vector<std::string> segs = split_path(user_path);
  if (std::any_of(segs.begin(), segs.end(), [](const std::string& s) { return s.empty(); }))
    return fail("empty segment in the path");
  if (!root.IsMap()) return fail("the scenario is not a mapping");

  // Short form: `odm-dg.unit_cost` stands for `options.odm-dg.unit_cost`.
  if (!map_child(root, segs[0]) &&
      std::find(std::begin(kRootKeys), std::end(kRootKeys), segs[0]) == std::end(kRootKeys)) {
    if (const auto options = map_child(root, "options"); options && options->IsSequence())
      for (const YAML::Node& e : *options)
        if (name_of(e) == segs[0]) {
          segs.insert(segs.begin(), "options");
          break;
        }
  }

  YAML::Node value;
  try {
    value = YAML::Load(value_text);
  } catch (const YAML::Exception& e) {
    return fail(fmt::format("the value `{}` is not valid YAML: {}", value_text, e.msg));
  }
  if (value.IsNull() && value_text.find_first_not_of(" \t") == std::string::npos)
    return fail("missing value after `=`");
  // fresh_copy() walks the value recursively: `&a [*a]` made it overflow the stack.
  if (const auto problem = yaml_reader::expansion_problem(value, kMaxValueNodes))
    return fail(fmt::format("the value `{}` {}", value_text, *problem));

  YAML::Node cur = root;
  Kind kind = Kind::Root;
  std::string canon;
  for (std::size_t i = 0; i < segs.size(); ++i) {
    const std::string& seg = segs[i];
    const bool last = i + 1 == segs.size();
    const std::string where = canon.empty() ? "the top level" : "`" + canon + "`";
    if (cur.IsSequence()) {
      std::optional<std::size_t> index;
      std::vector<std::string> names;
      std::size_t k = 0;
      for (const YAML::Node& e : cur) {
        const auto n = name_of(e);
        if (n) names.push_back(*n);
        if (n == seg && !index) index = k;
        ++k;
      }
      const bool named = kind == Kind::Options || kind == Kind::Events || kind == Kind::TariffEvents;
      if (!index && !named) {
        index = parse_index(seg);
        if (index && *index >= cur.size())
          return fail(fmt::format("index {} is past the end of {} ({} entries)", seg, where, cur.size()));
      }
      if (!index) {
        const char* what = kind == Kind::Options ? "option" : "entry";
        return fail(fmt::format("no {} named `{}` in {}{}", what, seg, where, hint_and_list(seg, names)));
      }
      canon = named ? yaml_reader::child_path(canon, seg) : yaml_reader::index_path(canon, *index);
      kind = child_kind(kind, seg);
      if (last) {
        cur[*index] = fresh_copy(value);
        return canon;
      }
      cur.reset(cur[*index]);
      continue;
    }
    if (!cur.IsMap()) {
      return fail(fmt::format("{} is {}, not a mapping; set it whole with --set {}=VALUE", where,
                              yaml_reader::describe(cur), canon));
    }
    std::vector<std::string> valid;
    for (auto it = cur.begin(); it != cur.end(); ++it)
      if (it->first.IsScalar()) valid.push_back(it->first.Scalar());
    for (std::string_view k : schema_keys(kind))
      if (std::find(valid.begin(), valid.end(), k) == valid.end()) valid.emplace_back(k);
    const std::optional<YAML::Node> child = map_child(cur, seg);
    const bool allowed = std::find(valid.begin(), valid.end(), seg) != valid.end();
    const Kind next = child_kind(kind, seg);
    if (!child && (!allowed || (!last && !creates_mapping(next)))) {
      if (allowed) return fail(fmt::format("{} has no `{}` to set a value in", where, seg));
      return fail(fmt::format("no key `{}` in {}{}", seg, where, hint_and_list(seg, valid)));
    }
    canon = yaml_reader::child_path(canon, seg);
    if (done.contains(canon)) return fail(fmt::format("`{}` is set twice", canon));
    if (last) {
      cur[seg] = fresh_copy(value);
      return canon;
    }
    if (!child) cur[seg] = YAML::Node(YAML::NodeType::Map);
    YAML::Node next_node = cur[seg];
    cur.reset(next_node);
    kind = next;
  }
  return std::nullopt;  // unreachable: the loop returns at the last segment
}

}  // namespace

bool apply_overrides(yaml_reader::Reporter& r, YAML::Node& root, const std::vector<std::string>& sets) {
  std::set<std::string> done;
  bool ok = true;
  for (const std::string& set : sets) {
    const auto canon = apply_one(r, root, set, done);
    if (!canon) {
      ok = false;
      continue;
    }
    done.insert(*canon);
    const std::string user_path = set.substr(0, set.find('='));
    r.attribute(*canon, "--set " + user_path, "after --set " + set);
  }
  return ok;
}

Diagnostics apply_overrides(YAML::Node& root, const std::vector<std::string>& sets) {
  yaml_reader::Reporter r("");
  apply_overrides(r, root, sets);
  return r.take();
}

std::string scenario_sha256(std::string_view text, const std::vector<std::string>& sets) {
  if (sets.empty()) return sha256_hex(text);
  std::vector<std::string> sorted = sets;
  std::sort(sorted.begin(), sorted.end());
  std::string bytes(text);
  for (const std::string& s : sorted) bytes += "\n--set " + s;
  return sha256_hex(bytes);
}

}  // namespace tcosim
