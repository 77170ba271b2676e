// libFuzzer target: the scalar readers of input/yaml_reader.hpp against strtod (scripts/fuzz.sh).
//
// The input is one plain YAML scalar. Whatever parse_number accepts as a finite number must be
// a number strtod reads whole, to the same double (strtod accepts more: hex, spaces, "inf";
// its ERANGE on subnormals is ignored, they are finite numbers);
// whatever parse_unsigned accepts must agree with parse_number; a whole number parse_number
// reads in [0, 2^53] must be accepted by parse_unsigned, to the same value.
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "input/yaml_reader.hpp"
namespace {

void check(bool ok, const char* what, const std::string& s) {
  if (ok) return;
  std::fprintf(stderr, "\ncontract violated: %s\nscalar: \"%s\"\n", what, s.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tcosim::yaml_reader;
  const std::string s(reinterpret_cast<const char*>(data), size);
  if (s.find('\0') != std::string::npos) return 0;  // strtod would stop there; YAML scalars have none
  const YAML::Node node(s);
  const NumberParse n = parse_number(node);
  const IntegerParse u = parse_unsigned(node);
  if (n.status == NumberStatus::Ok) {
    check(std::isfinite(n.value), "parse_number: Ok but not finite", s);
    char* end = nullptr;
    const double reference = std::strtod(s.c_str(), &end);
    check(end == s.c_str() + s.size(), "parse_number accepts what strtod does not read whole", s);
    check(reference == n.value, "parse_number and strtod read different values", s);
    if (n.value >= 0 && n.value == std::floor(n.value) && n.value <= 9007199254740992.0) {
      check(u.status == IntegerStatus::Ok, "parse_unsigned refuses a whole number below 2^53", s);
      check(static_cast<double>(u.value) == n.value, "parse_unsigned and parse_number disagree", s);
    }
  }
  if (u.status == IntegerStatus::Ok) {
    check(n.status == NumberStatus::Ok, "parse_unsigned accepts what parse_number does not", s);
    check(static_cast<double>(u.value) == n.value, "parse_unsigned and parse_number disagree", s);
  }
  return 0;
}
