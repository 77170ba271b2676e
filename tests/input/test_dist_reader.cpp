// Reading `<dist>` fields and range-checked numbers (input/dist_reader.hpp).
#include <yaml-cpp/yaml.h>

#include <catch2/catch.hpp>
#include <string>

#include "input/dist_reader.hpp"
#include "support/printable.hpp"

namespace tcosim {

namespace {

using yaml_reader::Located;
using yaml_reader::Mapping;
using yaml_reader::Reporter;

/// `field: <yaml>` read as a mapping, so its value has a path and a mark.
struct Field {
  explicit Field(const std::string& yaml) : doc(YAML::Load("field: " + yaml)) {
    Reporter scratch("f.yaml");
    mapping = *Mapping::read(scratch, Located{doc, doc.Mark(), ""}, "a mapping");
  }
  Located value() const { return *mapping.get("field"); }
  YAML::Node doc;
  Mapping mapping;
};

std::string only_error(Reporter& r) {
  const Diagnostics errors = r.take();
  REQUIRE(errors.size() == 1);
  return errors[0].to_string();
}

}  // namespace

TEST_CASE("format_number writes the shortest text that reads back") {
  CHECK(format_number(0.1) == "0.1");
  CHECK(format_number(-5) == "-5");
  CHECK(format_number(1e20) == "1e+20");
}

TEST_CASE("a constant is checked against the field's range") {
  Reporter r("f.yaml");
  const auto ok = read_dist(r, Field("0.25").value(), kFraction);
  REQUIRE(ok);
  CHECK(ok->is_constant());
  CHECK(ok->mean() == 0.25);
  CHECK_FALSE(read_dist(r, Field("1.5").value(), kFraction).has_value());
  CHECK(only_error(r) == "f.yaml:1:8: field: must lie in [0, 1], found 1.5");
  CHECK_FALSE(read_in_range(r, Field("-2").value(), kNonNegative).has_value());
  CHECK(only_error(r) == "f.yaml:1:8: field: must be >= 0, found -2");
  CHECK(read_in_range(r, Field("3").value(), kNonNegative) == 3.0);
  CHECK_FALSE(r.has_errors());
}

TEST_CASE("a value list longer than kMaxListValues is refused with the limit") {
  std::string values = "[1";
  for (std::size_t i = 1; i <= kMaxListValues; ++i) values += ", 1";
  Reporter r("f.yaml");
  CHECK_FALSE(read_dist(r, Field("{dist: discrete, values: " + values + "]}").value(), kNonNegative).has_value());
  CHECK_THAT(only_error(r), Catch::Contains("a list of 10001 values, more than tcosim takes (10000)"));
}

TEST_CASE("a {dist: ...} mapping is checked key by key") {
  Reporter r("f.yaml");
  const auto pert = read_dist(r, Field("{dist: pert, min: 1, mode: 2, max: 6}").value(), kNonNegative);
  REQUIRE(pert);
  CHECK(pert->kind == DistKind::Pert);
  CHECK_FALSE(read_dist(r, Field("{dist: prt, min: 1, mode: 2, max: 6}").value(), kNonNegative).has_value());
  CHECK(only_error(r).find("unknown distribution `prt`; did you mean `pert`?") != std::string::npos);
  CHECK_FALSE(read_dist(r, Field("{dist: uniform, min: 1, mxa: 2}").value(), kNonNegative).has_value());
  CHECK(only_error(r).find("unknown parameter `mxa` for a uniform distribution; did you mean `max`?") !=
        std::string::npos);
  CHECK_FALSE(read_dist(r, Field("[1, 2]").value(), kNonNegative).has_value());
  CHECK(only_error(r) == "f.yaml:1:8: field: expected a number or a {dist: ...} mapping, found a list");
  CHECK_FALSE(read_dist(r, Field(".inf").value(), kNonNegative).has_value());
  CHECK(only_error(r) == "f.yaml:1:8: field: must be a finite number, found `.inf`");
}

TEST_CASE("dist_field falls back when absent, required_dist reports a missing field") {
  Reporter r("f.yaml");
  const Field f("1");
  const auto fallback = dist_field(r, f.mapping, "other", kNonNegative, Distribution::constant(7));
  REQUIRE(fallback);
  CHECK(fallback->mean() == 7.0);
  CHECK(dist_field(r, f.mapping, "field", kNonNegative, std::nullopt)->mean() == 1.0);
  CHECK_FALSE(required_dist(r, f.mapping, "unit_cost", kNonNegative, "cost per unit").has_value());
  CHECK(only_error(r) == "f.yaml:1:1: unit_cost: missing required `unit_cost` (cost per unit)");
}

TEST_CASE("a Range prints as its interval") {
  CHECK(kFraction.to_string() == "[0, 1]");
  CHECK(kNonNegative.to_string() == "[0, inf]");
  CHECK(fmt::format("{}", Range{-1, 0.5}) == "[-1, 0.5]");
}

}  // namespace tcosim
