// TCOSIM_VECTOR_CLONES (sim/vector_clones.hpp): the cloned versions of a loop of exact IEEE
// operations give the bits of the unmarked one, whichever version the CPU picks.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <string_view>
#include <vector>

#include "sim/philox_stream.hpp"
#include "sim/vector_clones.hpp"

namespace {

#define TCOSIM_TEST_STR2(x) #x
#define TCOSIM_TEST_STR(x) TCOSIM_TEST_STR2(x)

// Square root, division, multiply-add and a select: what the triangular sampler does.
inline double transform(double v) {
  const double w = std::sqrt(v * 3.0 + 1.0) / (v + 2.0);
  return v < 0.5 ? w : 1.0 - w * v;
}

TCOSIM_VECTOR_CLONES void transform_cloned(const double* x, double* y, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) y[i] = transform(x[i]);
}

// Compiled once, for the build's baseline, and kept out of line so it stays a separate loop.
[[gnu::noinline]] void transform_plain(const double* x, double* y, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) y[i] = transform(x[i]);
}

}  // namespace

TEST_CASE("a cloned loop gives the same bits as the unmarked one") {
  // Lengths around vector widths, so every version's remainder loop runs too.
  for (std::size_t n : {1u, 7u, 8u, 9u, 1003u}) {
    std::vector<double> x(n), a(n), b(n);
    tcosim::PhiloxStream s(42, n, 7);
    for (double& v : x) v = s.next_u01() * 4.0 - 1.0;
    transform_cloned(x.data(), a.data(), n);
    transform_plain(x.data(), b.data(), n);
    INFO("n = " << n);
    CHECK(std::memcmp(a.data(), b.data(), n * sizeof(double)) == 0);
  }
}

TEST_CASE("on x86-64 GCC the macro asks for three target clones, elsewhere it is empty") {
  constexpr std::string_view expansion = TCOSIM_TEST_STR(TCOSIM_VECTOR_CLONES);
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(TCOSIM_NO_CLONES)
  CHECK(expansion.find("target_clones") != std::string_view::npos);
  CHECK(expansion.find("x86-64-v3") != std::string_view::npos);
  CHECK(expansion.find("x86-64-v4") != std::string_view::npos);
#else
  CHECK(expansion.empty());
#endif
}
