// report.html from a real (small) run: structure, self-containment, escaping, determinism.
#include <fmt/format.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <cstdlib>
#include <string>
#include <string_view>

#include "report/report_html.hpp"
#include "run/simulate.hpp"
#include "support/run_binary.hpp"
#include "support/scenario_fixtures.hpp"
#include "support/text_search.hpp"
#include "util/utc_clock.hpp"

using namespace tcosim;
using tcosim::test::occurrences;

namespace {

// Hostile text where the format allows free text: the description and event names (which
// become input paths shown in the drivers chart). Option names can only be [A-Za-z0-9_-].
const std::string kScenario = R"(tcosim: 1
name: html-check
description: "Compare <script>alert('x')</script> & \"quotes\" <b>bold</b>"
currency: EUR
horizon_months: 24
targets:
  budget: 900000
  deadline_months: 6
market:
  demand_units: {dist: pert, min: 8000, mode: 15000, max: 30000}
  unit_margin: {dist: normal, mean: 40, sd: 4, min: 30, max: 50}
options:
  - name: odm_alpha
    model: odm
    unit_cost: {dist: pert, min: 20, mode: 22, max: 26}
    delays:
      - name: rework <img src=x onerror=alert(1)> & co
        probability: 0.4
        months: {dist: triangular, min: 0.5, mode: 1, max: 3}
  - name: OEM-beta
    model: oem
    design_cost: {dist: pert, min: 40000, mode: 60000, max: 90000}
    unit_cost: {dist: pert, min: 17, mode: 19, max: 22}
  - name: cm-3
    model: contract
    unit_cost: {dist: uniform, min: 15, max: 19}
    moq: 4000
    development_months: {dist: pert, min: 4, mode: 5, max: 8}
    production_months: 2
)";

struct Run {
  Scenario scenario;
  SimulationResult result;
};

const Run& small_run() {
  static const Run run = [] {
    Run r{tcosim::test::parse_or_fail(kScenario, "html-check.yaml"), {}};
    RunConfig cfg;
    cfg.trials = 4000;
    cfg.seed = 7;
    r.result = simulate(r.scenario, cfg);
    return r;
  }();
  return run;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

constexpr std::string_view kDate = "2024-01-02 03:04 UTC";

/// Every element of the page is closed as often as it is opened.
void check_balanced(const std::string& html) {
  for (std::string_view tag :
       {"html", "head", "body", "main",   "header", "footer", "div", "table", "thead", "tbody", "tr",  "figure",
        "svg",  "text", "dl",   "strong", "p",      "h1",     "h2",  "h3",    "title", "path",  "code"}) {
    INFO(tag);
    // "<tag>" or "<tag " opens it; "<thead" must not count as "<th", hence the explicit forms.
    // A self-closed element ("<path .../>") closes itself.
    const std::size_t opened =
        occurrences(html, fmt::format("<{}>", tag)) + occurrences(html, fmt::format("<{} ", tag));
    std::size_t self_closed = 0;
    for (std::size_t at = html.find(fmt::format("<{} ", tag)); at != std::string::npos;
         at = html.find(fmt::format("<{} ", tag), at + 1)) {
      const std::size_t close = html.find('>', at);
      if (close != std::string::npos && html[close - 1] == '/') ++self_closed;
    }
    CHECK(opened == occurrences(html, fmt::format("</{}>", tag)) + self_closed);
  }
}

/// The small run as format 2 (MODEL.md section 7): the same options with a discount rate, a
/// runway, deposits and order lots, simulated for real so the cash curve is the engine's.
const Run& small_cash_run() {
  static const Run run = [] {
    Run r{tcosim::test::parse_or_fail(kScenario, "html-check.yaml"), {}};
    r.scenario.format = 2;
    r.scenario.discount_rate = 0.08;
    r.scenario.runway = 400000;
    r.scenario.options[1].deposit = 0.3;
    r.scenario.options[2].order_cover_months = 3;
    RunConfig cfg;
    cfg.trials = 4000;
    cfg.seed = 7;
    r.result = simulate(r.scenario, cfg);
    return r;
  }();
  return run;
}

}  // namespace

TEST_CASE("report.html is one well-formed page") {
  const Run& run = small_run();
  const std::string html = report_html(run.scenario, run.result, kDate);
  CHECK(html.starts_with("<!DOCTYPE html>\n"));
  CHECK(html.ends_with("</html>\n"));
  check_balanced(html);
  // Two CDFs, the breakdown, one drivers chart per option and per paired difference, and the
  // value of information.
  REQUIRE(run.result.paired_difference.size() == 1);
  CHECK(occurrences(html, "<svg ") == 3 + run.scenario.options.size() + 1 + 1);
  CHECK(html.find("<h2>What is worth knowing before you sign</h2>") != std::string::npos);
  CHECK(html.find("<h2>If one input turns out badly</h2>") != std::string::npos);
  // The paired difference leads the drivers section.
  CHECK(html.find("&minus;", html.find("What drives total cost")) < html.find("Each option's own spread"));
  for (const OptionSpec& o : run.scenario.options) CHECK(html.find(o.name) != std::string::npos);
  CHECK(html.find("Cheapest at the median") != std::string::npos);
  CHECK(html.find("Fastest to market") != std::string::npos);
  CHECK(html.find("CVaR95") != std::string::npos);
  CHECK(html.find("What drives total cost") != std::string::npos);
  CHECK(html.find(std::string("generated ") + std::string(kDate)) != std::string::npos);
  CHECK(html.find(run.scenario.sha256) != std::string::npos);
  CHECK(html.find("EUR") != std::string::npos);
}

TEST_CASE("report.html loads and runs nothing") {
  const Run& run = small_run();
  const std::string html = lower(report_html(run.scenario, run.result, kDate));
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("<link") == std::string::npos);
  CHECK(html.find("<img") == std::string::npos);
  CHECK(html.find("<iframe") == std::string::npos);
  CHECK(html.find("@import") == std::string::npos);
  CHECK(html.find("url(") == std::string::npos);
  CHECK(html.find("src=\"") == std::string::npos);
  CHECK(html.find("href=\"") == std::string::npos);
  // A namespace declaration is the only place a URL could legitimately appear; it is not a load.
  for (std::string_view scheme : {"http://", "https://"})
    for (std::size_t at = html.find(scheme); at != std::string::npos; at = html.find(scheme, at + 1)) {
      INFO(html.substr(at > 40 ? at - 40 : 0, 80));
      CHECK(html.substr(at > 7 ? at - 7 : 0, 7) == "xmlns=\"");
    }
}

TEST_CASE("report.html escapes every user string") {
  const Run& run = small_run();
  const std::string html = report_html(run.scenario, run.result, kDate);
  CHECK(html.find("Compare &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot; &lt;b&gt;bold") !=
        std::string::npos);
  CHECK(html.find("<b>bold</b>") == std::string::npos);
  // The delay's input path in the drivers chart and its tooltip.
  CHECK(html.find("rework &lt;img src=x onerror=alert(1)&gt; &amp; co") != std::string::npos);
  CHECK(html.find("onerror=alert(1)>") == std::string::npos);
}

TEST_CASE("report.html shows control characters of the description and the source as escapes") {
  Run run = small_run();
  run.scenario.description = "title \x1b]0;pwned\x07 \u202eevil";
  run.scenario.source = "\x1b[31mred.yaml";
  const std::string html = report_html(run.scenario, run.result, kDate);
  CHECK(html.find("title \\x1b]0;pwned\\x07 \\u202eevil") != std::string::npos);
  CHECK(html.find("\\x1b[31mred.yaml") != std::string::npos);
  CHECK(html.find('\x1b') == std::string::npos);
  CHECK(html.find("\u202e") == std::string::npos);
}

TEST_CASE("report.html shows targets as threshold lines and columns") {
  const Run& run = small_run();
  const std::string html = report_html(run.scenario, run.result, kDate);
  CHECK(occurrences(html, R"(class="threshold")") == 2);
  CHECK(html.find("budget 900k") != std::string::npos);
  CHECK(html.find("deadline 6.0 mo") != std::string::npos);
  REQUIRE(run.result.options[0].p_over_budget.has_value());
  CHECK(html.find("P(over budget)") != std::string::npos);
  CHECK(html.find("P(late)") != std::string::npos);

  SECTION("and leaves them out when the scenario sets none") {
    Scenario s = run.scenario;
    s.targets = {};
    SimulationResult r = run.result;
    for (OptionResult& o : r.options) o.p_over_budget.reset(), o.p_late.reset();
    const std::string plain = report_html(s, r, kDate);
    CHECK(plain.find(R"(class="threshold")") == std::string::npos);
    CHECK(plain.find("P(over budget)") == std::string::npos);
    CHECK(plain.find("P(late)") == std::string::npos);
  }
}

TEST_CASE("report.html leaves out the drivers section when there are no sensitivities") {
  const Run& run = small_run();
  SimulationResult r = run.result;
  for (OptionResult& o : r.options) o.sensitivity_total_cost.clear();
  const std::string html = report_html(run.scenario, r, kDate);
  CHECK(html.find("What drives total cost") == std::string::npos);
  CHECK(occurrences(html, "<svg ") == 3 + 1);  // the value of information stays
}

TEST_CASE("report.html is byte-identical for the same result and date") {
  const Run& run = small_run();
  const std::string a = report_html(run.scenario, run.result, kDate);
  SimulationResult timed = run.result;
  timed.elapsed_s *= 3.0;  // timings are not part of the report
  CHECK(report_html(run.scenario, timed, kDate) == a);
  const std::string later = report_html(run.scenario, run.result, "2030-12-31 23:59 UTC");
  CHECK(later != a);
  CHECK(later.size() == a.size());  // only the date differs, in both places it is shown
}

TEST_CASE("the report date comes from SOURCE_DATE_EPOCH when set") {
  ::setenv("SOURCE_DATE_EPOCH", "0", 1);
  CHECK(report_generated_utc() == "1970-01-01 00:00 UTC");
  ::setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
  CHECK(report_generated_utc() == "2023-11-14 22:13 UTC");
  const Run& run = small_run();
  CHECK(report_html(run.scenario, run.result) == report_html(run.scenario, run.result, "2023-11-14 22:13 UTC"));
  ::setenv("SOURCE_DATE_EPOCH", "not a number", 1);
  CHECK(report_generated_utc().size() == std::string_view("2024-01-02 03:04 UTC").size());
  ::unsetenv("SOURCE_DATE_EPOCH");
}

TEST_CASE("a format-1 report.html has no cash section and decides on total cost") {
  const Run& run = small_run();
  const std::string html = report_html(run.scenario, run.result, kDate);
  for (const char* part : {"<h2>Cash</h2>", "NPV", "runway", "peak cash", "nominal P50", "discount rate"})
    CHECK(html.find(part) == std::string::npos);
}

TEST_CASE("a format-2 report.html leads with the NPV decision") {
  const Run& run = small_cash_run();
  const std::string html = report_html(run.scenario, run.result, kDate);
  check_balanced(html);
  const std::size_t card = html.find("Cheapest at the median");
  REQUIRE(card != std::string::npos);
  CHECK(html.find("P50 NPV cost at 8.0&#8239;% a year (95&#8239;% CI", card) != std::string::npos);
  CHECK(html.find("Total cost (nominal) at P50: ", card) != std::string::npos);
  CHECK(html.find("Lowest NPV cost in ", card) != std::string::npos);
  CHECK(html.find("The lowest NPV cost of all options in the same trial") != std::string::npos);
  CHECK(html.find(R"(class="sep">NPV cost at 8.0&#8239;% a year (EUR)</th>)") != std::string::npos);
  CHECK(occurrences(html, "nominal P50</th>") == 1);
  CHECK(html.find("What drives NPV cost") != std::string::npos);
  CHECK(html.find("<dt>discount rate</dt><dd>8.0&#8239;% a year</dd>") != std::string::npos);
  CHECK(html.find("<dt>runway</dt><dd>400,000 EUR</dd>") != std::string::npos);
}

TEST_CASE("a format-2 report.html has a cash section with the fan chart and the runway") {
  const Run& run = small_cash_run();
  const std::string html = report_html(run.scenario, run.result, kDate);
  const std::size_t n = run.scenario.options.size();
  const std::size_t cash = html.find("<h2>Cash</h2>");
  REQUIRE(cash != std::string::npos);
  // After the decision and its percentiles, before the distributions.
  CHECK(html.find("<h2>Percentiles</h2>") < cash);
  CHECK(cash < html.find("<h2>Distributions</h2>"));
  // One more chart than format 1: the fan chart, with two bands and a median line per option.
  CHECK(occurrences(html, "<svg ") == 4 + n + 2);  // and the paired difference and value of information
  const std::size_t chart = html.find("<svg ", cash);
  const std::string fan = html.substr(chart, html.find("</svg>", chart) - chart);
  CHECK(occurrences(fan, "<polygon") == 2 * n);
  CHECK(occurrences(fan, "<path") == n);
  CHECK(occurrences(fan, " L") == n * run.scenario.months());
  CHECK(fan.find("runway 400k EUR: cash needed below this line") != std::string::npos);
  CHECK(occurrences(fan, R"(class="threshold")") == 1);
  CHECK(html.find(R"(<span class="line threshold"></span>runway</span>)", cash) != std::string::npos);
  for (const char* column : {"<th>peak cash P50</th>", "<th>peak cash P95</th>", "<th>P(cash short)</th>",
                             "<th>payback P50 (months)</th>", "<th>P(no payback)</th>"})
    CHECK(html.find(column, cash) != std::string::npos);
  // The engine filled the cash statistics the section shows.
  for (const OptionResult& o : run.result.options) {
    CHECK(o.cash_curve.month_end.size() == run.scenario.months());
    CHECK(o.p_cash_short.has_value());
  }
}

TEST_CASE("a format-2 report.html without a runway draws no runway line and no P(cash short)") {
  const Run& run = small_cash_run();
  Scenario s = run.scenario;
  s.runway.reset();
  s.targets = {};
  SimulationResult r = run.result;
  for (OptionResult& o : r.options) o.p_cash_short.reset(), o.p_over_budget.reset(), o.p_late.reset();
  const std::string html = report_html(s, r, kDate);
  CHECK(html.find("<h2>Cash</h2>") != std::string::npos);
  CHECK(html.find(R"(class="threshold")") == std::string::npos);
  CHECK(html.find("P(cash short)") == std::string::npos);
  CHECK(html.find("No runway is set") != std::string::npos);
}
