#include <catch2/catch.hpp>

#include "support/printable.hpp"
#include "util/byte_stream.hpp"

using namespace tcosim;

TEST_CASE("values, arrays and strings read back as written") {
  ByteWriter w;
  w.put<std::uint32_t>(7);
  w.put(2.5);
  const std::vector<double> v{1.0, -2.0, 3.5};
  w.put_span(std::span<const double>(v));
  w.put_string("tcosim");
  const std::string bytes = w.take();
  ByteReader r(bytes);
  CHECK(r.get<std::uint32_t>() == 7);
  CHECK(r.get<double>() == 2.5);
  CHECK(r.get_vector<double>(10) == v);
  CHECK(r.get_string() == "tcosim");
  CHECK(r.remaining() == 0);
}

TEST_CASE("truncated or absurd input throws ByteStreamError instead of reading past the end") {
  ByteWriter w;
  const std::vector<double> v(100, 1.0);
  w.put_span(std::span<const double>(v));
  const std::string bytes = w.take();
  for (std::size_t cut : {0ul, 4ul, 8ul, 16ul, bytes.size() - 1}) {
    ByteReader r(std::string_view(bytes).substr(0, cut));
    CHECK_THROWS_AS(r.get_vector<double>(1000), ByteStreamError);
  }
  ByteReader limited(bytes);
  CHECK_THROWS_AS(limited.get_vector<double>(10), ByteStreamError);  // more elements than allowed
  std::vector<double> wrong(99);
  ByteReader mismatched(bytes);
  CHECK_THROWS_AS(mismatched.get_into(std::span<double>(wrong)), ByteStreamError);
}

TEST_CASE("byte streams and their error print their sizes and message") {
  ByteWriter w;
  w.put<std::uint32_t>(7);
  w.put_string("ab");
  CHECK(fmt::format("{}", w) == "ByteWriter{14 bytes}");
  ByteReader r(w.bytes());
  r.get<std::uint32_t>();
  CHECK(fmt::format("{}", r) == "ByteReader{10 bytes left}");
  CHECK(Catch::Detail::stringify(ByteStreamError("data ends early")) == "ByteStreamError: data ends early");
}
