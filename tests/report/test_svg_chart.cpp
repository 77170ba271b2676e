#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <vector>

#include "report/svg_chart.hpp"
#include "support/printable.hpp"

using namespace tcosim::svg;

namespace {

bool is_nice_step(double step) {
  const double mantissa = step / std::pow(10.0, std::floor(std::log10(step)));
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (std::fabs(mantissa - m) < 1e-9) return true;
  return false;
}

}  // namespace

TEST_CASE("escape neutralises every character that could open markup") {
  CHECK(escape(R"(<script>alert("x") & 'y'</script>)") ==
        "&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;");
  CHECK(escape("plain-name_1.2") == "plain-name_1.2");
  CHECK(escape("") == "");
}

TEST_CASE("num writes coordinates with one decimal and no negative zero") {
  CHECK(num(12.34) == "12.3");
  CHECK(num(-0.01) == "0.0");
  CHECK(num(-3.0) == "-3.0");
  CHECK(num(std::numeric_limits<double>::quiet_NaN()) == "0");
}

TEST_CASE("nice_ticks covers the range with round steps") {
  for (auto [lo, hi] : std::vector<std::pair<double, double>>{
           {931000, 3320000}, {2.9, 16.4}, {0, 1}, {-0.11, 0.98}, {0.001, 0.0042}, {-5e6, -1e6}}) {
    INFO(lo << " .. " << hi);
    const Ticks t = nice_ticks(lo, hi, 6);
    CHECK(t.lo() <= lo);
    CHECK(t.hi() >= hi);
    CHECK(is_nice_step(t.step));
    CHECK(t.values.size() >= 3);
    CHECK(t.values.size() <= 13);
    for (std::size_t i = 1; i < t.values.size(); ++i) CHECK(t.values[i] - t.values[i - 1] == Approx(t.step));
  }
  SECTION("a zero-width range is widened, not divided by") {
    const Ticks t = nice_ticks(5, 5);
    CHECK(t.lo() < 5);
    CHECK(t.hi() > 5);
    const Ticks z = nice_ticks(0, 0);
    CHECK(z.lo() <= 0);
    CHECK(z.hi() >= 1);
  }
  SECTION("ticks are exact multiples of the step (no 0.30000000000000004)") {
    const Ticks t = nice_ticks(0.1, 0.7, 6);
    for (double v : t.values) CHECK(v == std::round(v / t.step) * t.step);
  }
}

TEST_CASE("tick_labels share one suffix and tell neighbours apart") {
  Ticks money;
  money.values = {0, 500000, 1000000, 1500000};
  money.step = 500000;
  CHECK(tick_labels(money) == std::vector<std::string>{"0", "0.5M", "1.0M", "1.5M"});
  Ticks months;
  months.values = {2.5, 5, 7.5};
  months.step = 2.5;
  CHECK(tick_labels(months) == std::vector<std::string>{"2.5", "5.0", "7.5"});
  Ticks units;
  units.values = {0, 2000, 4000, 6000, 8000};
  units.step = 2000;
  CHECK(tick_labels(units) == std::vector<std::string>{"0", "2,000", "4,000", "6,000", "8,000"});
  Ticks signed_ticks;
  signed_ticks.values = {-0.5, 0, 0.5, 1};
  signed_ticks.step = 0.5;
  CHECK(tick_labels(signed_ticks) == std::vector<std::string>{"\xE2\x88\x92"
                                                              "0.5",
                                                              "0", "0.5", "1.0"});
}

TEST_CASE("compact_number keeps three significant digits") {
  CHECK(compact_number(1926744) == "1.93M");
  CHECK(compact_number(24505) == "24.5k");
  CHECK(compact_number(2500) == "2.50k");
  CHECK(compact_number(999600) == "1.00M");
  CHECK(compact_number(950) == "950");
  CHECK(compact_number(0) == "0");
  CHECK(compact_number(-303385) ==
        "\xE2\x88\x92"
        "303k");
  CHECK(compact_number(2.5e9) == "2.50B");
}

TEST_CASE("Svg builds deterministic and escaped markup") {
  Svg g(200, 100, "a <chart>");
  g.line({0, 0}, {10, 10}, "axis");
  const std::vector<Point> pts = {{0, 0}, {std::numeric_limits<double>::infinity(), 1}, {5, 5.55}};
  g.polyline(pts, "#0072B2", 2, "4 2");
  g.rect(1, 2, -3, 4, "#fff", "tip & <more>");
  g.text({5, 5}, "x < y", Anchor::Middle);
  const std::string s = g.str();
  CHECK(s.starts_with(R"(<svg viewBox="0 0 200.0 100.0")"));
  CHECK(s.ends_with("</svg>"));
  CHECK(s.find("<title>a &lt;chart&gt;</title>") != std::string::npos);
  CHECK(s.find(R"(points="0.0,0.0 5.0,5.5")") != std::string::npos);  // the infinite point is skipped
  CHECK(s.find(R"(stroke-dasharray="4 2")") != std::string::npos);
  CHECK(s.find(R"(width="0.0")") != std::string::npos);  // negative sizes are clamped
  CHECK(s.find("<title>tip &amp; &lt;more&gt;</title>") != std::string::npos);
  CHECK(s.find(R"(text-anchor="middle" class="tick">x &lt; y</text>)") != std::string::npos);
  CHECK(s.find("http") == std::string::npos);
  Svg h(200, 100, "a <chart>");
  h.line({0, 0}, {10, 10}, "axis");
  h.polyline(pts, "#0072B2", 2, "4 2");
  h.rect(1, 2, -3, 4, "#fff", "tip & <more>");
  h.text({5, 5}, "x < y", Anchor::Middle);
  CHECK(h.str() == s);
}

TEST_CASE("Svg paths and polygons skip non-finite points and escape their text") {
  Svg g(100, 100, "p");
  const std::vector<Point> pts = {{0, 0}, {std::numeric_limits<double>::quiet_NaN(), 1}, {5, 5.55}};
  g.path(pts, "#0072B2", 2.5, "", "a & b");
  g.polygon(pts, "#E69F00", 0.13);
  g.path({}, "#000", 1);  // nothing to draw
  const std::string s = g.str();
  CHECK(s.find(R"(<path class="series" d="M0.0,0.0 L5.0,5.5" stroke="#0072B2" stroke-width="2.5">)"
               "<title>a &amp; b</title></path>") != std::string::npos);
  CHECK(s.find(R"(<polygon class="band" points="0.0,0.0 5.0,5.5" fill="#E69F00" fill-opacity="0.13"/>)") !=
        std::string::npos);
  CHECK(s.find("<path") == s.rfind("<path"));
}

TEST_CASE("the chart types print their identifying values") {
  CHECK(Point{12.5, 40}.to_string() == "(12.5, 40)");
  CHECK(nice_ticks(0, 1000, 2).to_string() == "ticks 0, 500, 1000 (step 500)");
  CHECK(LinearScale(0, 10, 100, 0).to_string() == "[0, 10] -> [100, 0]");
  STATIC_REQUIRE(to_string(Anchor::Middle) == "middle");
  CHECK(fmt::format("{}", Anchor::End) == "end");
  Svg chart(640, 400, "a<b");
  CHECK(chart.to_string() == "svg 640 x 400, 21 bytes of shapes");
  chart.circle(Point{1, 2}, 3, "#000");
  CHECK(fmt::format("{}", chart).starts_with("svg 640 x 400, "));
  CHECK(fmt::format("{}", chart) != "svg 640 x 400, 21 bytes of shapes");
}
