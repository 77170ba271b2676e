// The cash fan chart (report/cash_chart.hpp): bands, lines and the runway, from a format-2
// result made by hand.
#include <catch2/catch.hpp>
#include <string>
#include <string_view>

#include "report/cash_chart.hpp"
#include "report/html_page.hpp"
#include "support/cash_result_fixtures.hpp"
#include "support/text_search.hpp"

namespace tcosim {

using tcosim::test::occurrences;

namespace {

/// The `d` attribute of the first <path> after `from`.
std::string first_path_d(const std::string& svg, std::size_t from = 0) {
  const std::size_t start = svg.find(R"( d=")", svg.find("<path", from)) + 4;
  return svg.substr(start, svg.find('"', start) - start);
}

}  // namespace

TEST_CASE("the cash fan chart draws two bands and a median line per option, in the option colours") {
  const auto run = test::hand_made_cash_run();
  const std::string svg = cash_fan_chart(run.scenario, run.result);
  REQUIRE(svg.starts_with("<svg"));
  CHECK(occurrences(svg, "<svg") == 1);
  CHECK(occurrences(svg, "<polygon") == 4);
  CHECK(occurrences(svg, "<path") == 2);
  CHECK(occurrences(svg, std::string("fill=\"") + std::string(html::option_colour(1)) + "\" fill-opacity") == 2);
  CHECK(occurrences(svg, std::string("stroke=\"") + std::string(html::option_colour(0)) + "\"") == 1);
  // The median line: the origin and then one point per month end.
  const std::string d = first_path_d(svg);
  CHECK(d.starts_with("M"));
  CHECK(occurrences(d, " L") == test::kCashMonths);
  // A band: forward along the upper series, back along the lower: 2 (months + 1) points.
  const std::size_t pts = svg.find(R"(points=")", svg.find("<polygon")) + 8;
  const std::string band = svg.substr(pts, svg.find('"', pts) - pts);
  CHECK(occurrences(band, ",") == 2 * (test::kCashMonths + 1));
  CHECK(svg.find("oem: P50 of cumulative cash") != std::string::npos);
}

TEST_CASE("the cash fan chart draws the runway as a labelled line at minus the runway") {
  auto run = test::hand_made_cash_run();
  const std::string with = cash_fan_chart(run.scenario, run.result);
  CHECK(occurrences(with, R"(class="threshold")") == 1);
  CHECK(with.find("runway 250 EUR: cash needed below this line") != std::string::npos);
  run.scenario.runway.reset();
  const std::string without = cash_fan_chart(run.scenario, run.result);
  CHECK(occurrences(without, R"(class="threshold")") == 0);
  CHECK(without.find("runway") == std::string::npos);
}

TEST_CASE("the cash fan chart is empty without cash curves and escapes option names") {
  const auto format1 = test::hand_made_run();
  CHECK(cash_fan_chart(format1.scenario, format1.result).empty());
  auto run = test::hand_made_cash_run();
  run.scenario.options[0].name = "<b>&";
  const std::string svg = cash_fan_chart(run.scenario, run.result);
  CHECK(svg.find("<b>") == std::string::npos);
  CHECK(svg.find("&lt;b&gt;&amp;: P50") != std::string::npos);
}

TEST_CASE("the cash fan chart's month axis ends at the horizon") {
  auto run = test::hand_made_cash_run();
  const std::string svg = cash_fan_chart(run.scenario, run.result);
  // Horizon 24, ticks every 5 months: 20 is the last, 25 would lie past the horizon. The median
  // line ends on the right edge (880 - 18).
  CHECK(svg.find(R"(class="tick">20</text>)") != std::string::npos);
  CHECK(svg.find(R"(class="tick">25</text>)") == std::string::npos);
  const std::string d = first_path_d(svg);
  CHECK(d.substr(d.rfind(" L") + 2).starts_with("862.0,"));
}

}  // namespace tcosim
