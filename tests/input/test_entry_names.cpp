// Names of list entries (input/entry_names.hpp): the rules every event kind shares, and how
// entries are labelled in messages.
#include <catch2/catch.hpp>
#include <optional>
#include <string>
#include <vector>

#include "input/entry_names.hpp"

namespace tcosim {

TEST_CASE("event names must be usable as column names and path segments") {
  CHECK(event_name_problem("tooling rework") == "");
  CHECK(event_name_problem("section-301 increase") == "");
  CHECK(event_name_problem("") == "must not be empty");
  for (const char* bad : {"v1.2", "a,b", "say \"x\"", "two\nlines"}) {
    INFO(bad);
    CHECK(event_name_problem(bad).find("must not contain") != std::string::npos);
  }
}

TEST_CASE("event names must not hold control characters") {
  for (const char* bad : {"\x1b]0;pwned\x07", "bell\x07", "admin\u202etxt", "tab\tbed"}) {
    INFO(bad);
    const std::string p = event_name_problem(bad);
    CHECK(p.find("control characters") != std::string::npos);
    CHECK(p.find('\x1b') == std::string::npos);  // the message shows them escaped
    CHECK(p.find('\x07') == std::string::npos);
  }
}

TEST_CASE("peek_name reads a scalar name without reporting") {
  CHECK(peek_name(YAML::Load("{name: a, x: 1}")) == std::optional<std::string>("a"));
  CHECK_FALSE(peek_name(YAML::Load("{name: [a]}")).has_value());
  CHECK_FALSE(peek_name(YAML::Load("[a]")).has_value());
}

TEST_CASE("entries are labelled by a valid, unused name, else by position, a duplicate is reported once") {
  yaml_reader::Reporter r("n.yaml");
  const YAML::Node doc = YAML::Load("- {name: t1}\n- {name: t1}\n- {name: a.b}\n");
  const yaml_reader::Located list{doc, doc.Mark(), "options.x.tariff_events"};
  NameRegistry names;
  CHECK(names.label(list, 0, std::string("t1"), event_name_problem) == "options.x.tariff_events.t1");
  const yaml_reader::Located first{doc[0]["name"], doc[0]["name"].Mark(), "options.x.tariff_events.t1.name"};
  CHECK(names.claim(r, first, "t1", "tariff event"));
  CHECK(names.label(list, 1, std::string("t1"), event_name_problem) == "options.x.tariff_events[1]");
  CHECK(names.label(list, 2, std::string("a.b"), event_name_problem) == "options.x.tariff_events[2]");
  CHECK(names.label(list, 2, std::nullopt, event_name_problem) == "options.x.tariff_events[2]");
  const yaml_reader::Located second{doc[1]["name"], doc[1]["name"].Mark(), "options.x.tariff_events[1].name"};
  CHECK_FALSE(names.claim(r, second, "t1", "tariff event"));
  const Diagnostics d = r.take();
  REQUIRE(d.size() == 1);
  CHECK(d[0].to_string() ==
        "n.yaml:2:10: options.x.tariff_events[1].name: duplicate tariff event name `t1` (first used at line 1)");
  CHECK(names.to_string() == "NameRegistry{1 name}");
}

TEST_CASE("read_entry_name checks presence, form and uniqueness") {
  yaml_reader::Reporter r("n.yaml");
  const YAML::Node doc = YAML::Load("- {name: ok}\n- {name: 'x.y'}\n- {other: 1}\n");
  NameRegistry names;
  std::vector<std::optional<std::string>> got;
  for (std::size_t i = 0; i < 3; ++i) {
    const yaml_reader::Located at{doc[i], doc[i].Mark(), "e[" + std::to_string(i) + "]"};
    const auto m = yaml_reader::Mapping::read(r, at, "a mapping");
    REQUIRE(m);
    got.push_back(read_entry_name(r, *m, names, event_name_problem, "risk"));
  }
  CHECK(got[0] == std::optional<std::string>("ok"));
  CHECK_FALSE(got[1].has_value());
  CHECK_FALSE(got[2].has_value());
  const Diagnostics d = r.take();
  REQUIRE(d.size() == 2);
  CHECK(d[0].message.starts_with("invalid risk name: `x.y` must not contain '.'"));
  CHECK(d[1].message == "missing required `name`");
}

}  // namespace tcosim
