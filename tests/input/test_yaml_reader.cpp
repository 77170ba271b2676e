// Reading YAML while collecting every problem (input/yaml_reader.hpp): marks become 1-based
// line:column, numbers are read with a status, unknown keys get a did-you-mean.
#include <yaml-cpp/yaml.h>

#include <array>
#include <catch2/catch.hpp>
#include <string>
#include <string_view>

#include "input/yaml_reader.hpp"
#include "support/printable.hpp"

namespace tcosim::yaml_reader {

namespace {

Located root_of(const YAML::Node& node) { return Located{node, node.Mark(), ""}; }

constexpr std::array<std::string_view, 3> kRunKeys = {"trials", "seed", "sampling"};

NumberStatus number_status(const std::string& yaml) { return parse_number(YAML::Load(yaml)).status; }
IntegerStatus integer_status(const std::string& yaml) { return parse_unsigned(YAML::Load(yaml)).status; }

}  // namespace

TEST_CASE("diagnostics carry the 1-based line and column of the value, under its dotted path") {
  const YAML::Node doc = YAML::Load("run:\n  trials: ten\n  seed: 3\n");
  Reporter r("f.yaml");
  auto top = Mapping::read(r, root_of(doc), "a mapping");
  REQUIRE(top);
  auto run = Mapping::read(r, *top->get("run"), "a mapping");
  REQUIRE(run);
  const auto trials = run->get("trials");
  REQUIRE(trials);
  CHECK(trials->path == "run.trials");
  CHECK(line_of(trials->mark) == 2);
  CHECK_FALSE(read_number(r, *trials).has_value());
  CHECK(read_number(r, *run->get("seed")) == 3.0);
  const Diagnostics errors = r.take();
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].to_string() == "f.yaml:2:11: run.trials: expected a number, found `ten`");
}

TEST_CASE("an unknown key gets a did-you-mean, and its required twin no second message") {
  const YAML::Node doc = YAML::Load("trails: 10\nseed: 1\ncolour: red\n");
  Reporter r("f.yaml");
  auto m = Mapping::read(r, root_of(doc), "a mapping");
  REQUIRE(m);
  CHECK_FALSE(m->check_known(r, kRunKeys));
  CHECK_FALSE(m->require(r, "trials").has_value());
  CHECK_FALSE(m->require(r, "sampling", "random or lhs").has_value());
  const Diagnostics errors = r.take();
  REQUIRE(errors.size() == 3);
  CHECK(errors[0].to_string() == "f.yaml:1:1: trails: unknown key `trails`; did you mean `trials`?");
  CHECK(errors[1].to_string() == "f.yaml:3:1: colour: unknown key `colour`; expected one of: trials, seed, sampling");
  CHECK(errors[2].to_string() == "f.yaml:1:1: sampling: missing required `sampling` (random or lhs)");
}

TEST_CASE("a duplicate key is reported with the line of its first occurrence, which is kept") {
  const YAML::Node doc = YAML::Load("seed: 1\nseed: 2\n");
  Reporter r("f.yaml");
  auto m = Mapping::read(r, root_of(doc), "a mapping");
  REQUIRE(m);
  CHECK(m->entries().size() == 1);
  CHECK(read_number(r, *m->get("seed")) == 1.0);
  const Diagnostics errors = r.take();
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].to_string() == "f.yaml:2:1: seed: duplicate key `seed` (first given at line 1)");
}

TEST_CASE("reading the wrong shape names what was found") {
  Reporter r("f.yaml");
  const YAML::Node doc = YAML::Load("[1, 2]");
  CHECK_FALSE(Mapping::read(r, root_of(doc), "the run block").has_value());
  const auto seq = read_sequence(r, root_of(doc), "a list");
  REQUIRE(seq);
  REQUIRE(seq->size() == 2);
  CHECK((*seq)[1].path == "[1]");
  CHECK(describe(YAML::Load("'12'")) == "the string \"12\"");
  CHECK(describe(YAML::Load("12")) == "`12`");
  CHECK(describe(YAML::Load("~")) == "nothing");
  const Diagnostics errors = r.take();
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message == "expected the run block, found a list");
}

TEST_CASE("parse_number reads plain scalars only and tells why it refused") {
  CHECK(parse_number(YAML::Load("12.5")).value == 12.5);
  CHECK(number_status("12.5") == NumberStatus::Ok);
  CHECK(number_status("+3") == NumberStatus::Ok);
  CHECK(number_status("'12'") == NumberStatus::NotANumber);
  CHECK(number_status("abc") == NumberStatus::NotANumber);
  CHECK(number_status("+-1") == NumberStatus::NotANumber);
  CHECK(number_status("inf") == NumberStatus::NotANumber);
  CHECK(number_status("[1]") == NumberStatus::NotScalar);
  CHECK(number_status(".inf") == NumberStatus::NotFinite);
  CHECK(number_status(".nan") == NumberStatus::NotFinite);
  CHECK(number_status("1e999") == NumberStatus::NotFinite);
}

TEST_CASE("parse_unsigned accepts whole numbers up to 2^53 in float form") {
  CHECK(parse_unsigned(YAML::Load("18446744073709551615")).value == 18446744073709551615ull);
  CHECK(parse_unsigned(YAML::Load("1e6")).value == 1000000);
  CHECK(integer_status("42") == IntegerStatus::Ok);
  CHECK(integer_status("{a: 1}") == IntegerStatus::NotScalar);
  CHECK(integer_status("\"42\"") == IntegerStatus::NotANumber);
  CHECK(integer_status("-1") == IntegerStatus::Negative);
  CHECK(integer_status("1.5") == IntegerStatus::Fractional);
  CHECK(integer_status("18446744073709551616") == IntegerStatus::OutOfRange);
  CHECK(integer_status(".inf") == IntegerStatus::OutOfRange);
  CHECK(integer_status("1e16") == IntegerStatus::Inexact);
}

TEST_CASE("errors under an attributed path name the --set that caused them") {
  const YAML::Node doc = YAML::Load("run:\n  trials: x\n");
  Reporter r("f.yaml");
  r.attribute("run.trials", "--set run.trials", "set with --set");
  auto top = Mapping::read(r, root_of(doc), "a mapping");
  auto run = Mapping::read(r, *top->get("run"), "a mapping");
  read_number(r, *run->get("trials"));
  r.file_error("the file as a whole");
  const Diagnostics errors = r.take();
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].field == "--set run.trials");
  CHECK(errors[1].to_string() == "f.yaml: the file as a whole");
}

TEST_CASE("paths, line notes and alias expansion limits") {
  CHECK(child_path("", "run") == "run");
  CHECK(child_path("options.a", "moq") == "options.a.moq");
  CHECK(index_path("correlations", 2) == "correlations[2]");
  CHECK(line_note("first given", 4) == " (first given at line 4)");
  CHECK(line_note("first given", 0).empty());
  CHECK_FALSE(expansion_problem(YAML::Load("a: &x [1, 2]\nb: *x\n"), 100).has_value());
  const auto wide = expansion_problem(YAML::Load("a: &x [1, 2, 3, 4]\nb: [*x, *x, *x, *x]\n"), 10);
  REQUIRE(wide);
  CHECK(wide->find("more than 10 values") != std::string::npos);
}

TEST_CASE("yaml_reader's types print as one readable line") {
  const YAML::Node doc = YAML::Load("name: a\nmoq: 12\n");
  Reporter r("f.yaml");
  auto m = Mapping::read(r, Located{doc, doc.Mark(), "options.a"}, "a mapping");
  REQUIRE(m);
  CHECK(m->to_string() == "mapping options.a {name, moq} at 1:1");
  CHECK(m->entries()[1].to_string() == "moq: `12` at 2:1");
  CHECK(m->get("moq")->to_string() == "options.a.moq = `12` at 2:6");
  CHECK(Located{YAML::Load("[1]"), YAML::Mark::null_mark(), "x"}.to_string() == "x = a list");
  CHECK(r.to_string() == "f.yaml: 0 errors");
  r.file_error("empty");
  CHECK(fmt::format("{}", r) == "f.yaml: 1 error");
  CHECK(parse_number(YAML::Load("12.5")).to_string() == "ok 12.5");
  CHECK(parse_number(YAML::Load("x")).to_string() == "not a number");
  CHECK(parse_unsigned(YAML::Load("42")).to_string() == "ok 42");
  CHECK(parse_unsigned(YAML::Load("1e16")).to_string() == "inexact");
  CHECK(to_string(NumberStatus::NotFinite) == "not finite");
  CHECK(to_string(NumberStatus::NotScalar) == "not a scalar");
  CHECK(to_string(IntegerStatus::OutOfRange) == "out of range");
  CHECK(to_string(IntegerStatus::Fractional) == "fractional");
  CHECK(Catch::Detail::stringify(IntegerStatus::Negative) == "negative");
}

}  // namespace tcosim::yaml_reader
