// Pieces shared by tcosim's HTML pages (report/html_page.hpp).
#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "report/html_page.hpp"
#include "util/version.hpp"

namespace tcosim::html {

TEST_CASE("options get the Okabe-Ito colours, then the same colours dashed") {
  CHECK(option_colour(0) == "#0072B2");
  CHECK(option_colour(7) == "#F0E442");
  CHECK(option_colour(8) == option_colour(0));
  CHECK(option_dash(0).empty());
  CHECK(option_dash(7).empty());
  CHECK(option_dash(8) == "7 4");
  CHECK(option_dash(16) == "2 3");
  CHECK(option_dash(24).empty());
}

TEST_CASE("numbers are grouped, amounts rounded, percentages kept readable") {
  CHECK(count(0) == "0");
  CHECK(count(999) == "999");
  CHECK(count(1234567) == "1,234,567");
  CHECK(money(1234567.8) == "1,234,568");
  CHECK(money(-1234.4) ==
        "\xE2\x88\x92"
        "1,234");
  CHECK(money(12.5) == "12.50");
  CHECK(money(NAN) == "nan");
  CHECK(percent(0.123) == "12.3&#8239;%");
  CHECK(percent(0.0005) == "0.05&#8239;%");
  CHECK(percent(0) == "0.0&#8239;%");
}

TEST_CASE("page_head opens a page that can load nothing, with the title and the page's own CSS") {
  const std::string head = page_head("A &amp; B", ".mine{color:red}");
  CHECK(head.starts_with("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"));
  CHECK(head.find("content=\"default-src 'none'; style-src 'unsafe-inline'\"") != std::string::npos);
  CHECK(head.find(fmt::format("<meta name=\"generator\" content=\"tcosim {}\">", kVersion)) != std::string::npos);
  CHECK(head.find("<title>A &amp; B</title>") != std::string::npos);
  CHECK(head.find(std::string(css())) != std::string::npos);
  CHECK(head.ends_with(".mine{color:red}</style>\n</head>\n<body>\n<main>\n"));
}

TEST_CASE("url_path percent-encodes every byte outside the unreserved set and '/'") {
  CHECK(url_path("point-1/report.html") == "point-1/report.html");
  CHECK(url_path("a b/\xC3\xBC.html") == "a%20b/%C3%BC.html");
  CHECK(url_path("x?y#z&\"") == "x%3Fy%23z%26%22");
}

}  // namespace tcosim::html
