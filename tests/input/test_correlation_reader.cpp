// The `correlations:` block (input/correlation_reader.hpp), read directly: entry shapes, path
// resolution against a hand-made scenario, and the description of the matrix used.
#include <yaml-cpp/yaml.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "input/correlation_reader.hpp"
#include "support/printable.hpp"
#include "support/scenario_fixtures.hpp"

namespace tcosim {

namespace {

using yaml_reader::Located;
using yaml_reader::Mapping;
using yaml_reader::Reporter;

struct Read {
  YAML::Node doc;
  CorrelationDraft draft;
  Diagnostics errors;
};

Read read(const std::string& yaml) {
  Read out{YAML::Load(yaml), {}, {}};
  Reporter r("c.yaml");
  const auto root = Mapping::read(r, Located{out.doc, out.doc.Mark(), ""}, "a mapping");
  REQUIRE(root);
  out.draft = read_correlations(r, *root);
  out.errors = r.take();
  return out;
}

/// Three varying inputs and one constant.
Scenario three_inputs() {
  Scenario s;
  s.name = "corr";
  for (const char* path : {"market.demand_units", "a.unit_cost", "b.unit_cost"})
    s.inputs.push_back(InputSpec{path, 0, Distribution::uniform(1, 2)});
  s.inputs.push_back(InputSpec{"a.moq", 0, Distribution::constant(100)});
  return s;
}

}  // namespace

TEST_CASE("an absent block is no correlations, a present one keeps its well-formed entries") {
  const Read none = read("name: x\n");
  CHECK_FALSE(none.draft.present);
  CHECK(none.errors.empty());

  const Read r = read(
      "correlations:\n"
      "  - [a.unit_cost, b.unit_cost, 0.5]\n"
      "  - [a.unit_cost, a.unit_cost, 0.1]\n"
      "  - [b.unit_cost, a.unit_cost, 0.2]\n"
      "  - [a.unit_cost, market.demand_units]\n"
      "  - [a.unit_cost, market.demand_units, 1.5]\n");
  CHECK(r.draft.present);
  CHECK(r.draft.field == "correlations");
  REQUIRE(r.draft.entries.size() == 1);
  CHECK(r.draft.entries[0].a == "a.unit_cost");
  CHECK(r.draft.entries[0].rho == 0.5);
  CHECK(test::error_lines(r.errors) ==
        std::vector<std::string>{
            "c.yaml:3:5: correlations[1]: correlates `a.unit_cost` with itself; name two different inputs",
            "c.yaml:4:5: correlations[2]: duplicate pair `a.unit_cost`, `b.unit_cost` (first given at line 2)",
            "c.yaml:5:5: correlations[3]: expected an [input, input, rho] list, found a list of 2 items",
            "c.yaml:6:40: correlations[4][2]: a rank correlation must lie in [-1, 1], found 1.5",
        });
}

TEST_CASE("build_correlations resolves paths and rejects unknown and constant inputs") {
  Scenario s = three_inputs();
  Reporter r("c.yaml");
  const Read ok = read("correlations:\n  - [b.unit_cost, market.demand_units, 0.3]\n");
  build_correlations(r, ok.draft, false, s);
  CHECK_FALSE(r.has_errors());
  CHECK(s.correlation.slots == std::vector<Slot>{2, 0});
  CHECK(s.correlation.spearman == std::vector<double>{1, 0.3, 0.3, 1});
  const std::string text = describe_correlation(s);
  CHECK(text.find("used as given") != std::string::npos);
  CHECK(text.find("[1] b.unit_cost") != std::string::npos);

  Scenario t = three_inputs();
  const Read bad = read("correlations:\n  - [a.unit_cots, a.moq, 0.3]\n");
  build_correlations(r, bad.draft, false, t);
  CHECK(t.correlation.empty());
  const Diagnostics errors = r.take();
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].message == "unknown input `a.unit_cots`; did you mean `a.unit_cost`?");
  CHECK(errors[1].message.find("`a.moq` does not vary") != std::string::npos);
}

TEST_CASE("an inconsistent matrix is reported, or repaired and described as such") {
  const Read r = read(
      "correlations:\n"
      "  - [market.demand_units, a.unit_cost, 0.9]\n"
      "  - [a.unit_cost, b.unit_cost, 0.9]\n"
      "  - [market.demand_units, b.unit_cost, -0.9]\n");
  Scenario reported = three_inputs();
  Reporter errors("c.yaml");
  build_correlations(errors, r.draft, false, reported);
  CHECK(reported.correlation.empty());
  const Diagnostics d = errors.take();
  REQUIRE(d.size() == 1);
  CHECK(d[0].line == 1);
  CHECK(d[0].message.find("[a.unit_cost, b.unit_cost, 0.9] (line 3)") != std::string::npos);

  Scenario repaired = three_inputs();
  Reporter none("c.yaml");
  build_correlations(none, r.draft, true, repaired);
  CHECK_FALSE(none.has_errors());
  CHECK(repaired.correlation.repaired);
  CHECK(describe_correlation(repaired).find("nearest valid correlation matrix") != std::string::npos);
  CHECK(describe_correlation(three_inputs()).empty());
}

TEST_CASE("correlation entries and drafts print as the file wrote them") {
  const Read r = read("correlations:\n  - [a.unit_cost, b.unit_cost, 0.25]\n");
  REQUIRE(r.draft.entries.size() == 1);
  CHECK(r.draft.entries[0].to_string() == "[a.unit_cost, b.unit_cost, 0.25] (line 2)");
  CHECK(r.draft.to_string() == "correlations: 1 entry (line 1)");
  CHECK(fmt::format("{}", CorrelationDraft{}) == "no correlations");
}

}  // namespace tcosim
