// index.html of `tcosim batch` and `tcosim sweep`: every scenario or grid point listed,
// relative links that resolve, self-contained, escaped, deterministic; the sweep chart.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "report/index_html.hpp"
#include "support/run_binary.hpp"
#include "support/source_date_epoch.hpp"
#include "support/text_search.hpp"

using namespace tcosim;
using tcosim::test::kScenarios;
using tcosim::test::occurrences;
using tcosim::test::read_file;
using tcosim::test::run_tcosim;
using tcosim::test::SourceDateEpoch;
using tcosim::test::TempDir;
namespace fs = std::filesystem;

namespace {

/// Every href of the page, the &amp; entity and percent-escapes decoded.
std::vector<std::string> links(const std::string& html) {
  std::vector<std::string> out;
  const std::string key = "href=\"";
  for (auto pos = html.find(key); pos != std::string::npos; pos = html.find(key, pos + 1)) {
    const auto start = pos + key.size();
    const std::string raw = html.substr(start, html.find('"', start) - start);
    std::string url;
    for (std::size_t i = 0; i < raw.size(); ++i) {
      if (raw.compare(i, 5, "&amp;") == 0) {
        url += '&';
        i += 4;
      } else if (raw[i] == '%' && i + 2 < raw.size()) {
        url += static_cast<char>(std::stoi(raw.substr(i + 1, 2), nullptr, 16));
        i += 2;
      } else {
        url += raw[i];
      }
    }
    out.push_back(url);
  }
  return out;
}

/// Whether some <path> of the page is stroked in `colour`.
bool path_with_stroke(const std::string& html, const std::string& colour) {
  for (auto pos = html.find("<path "); pos != std::string::npos; pos = html.find("<path ", pos + 1))
    if (html.substr(pos, html.find('>', pos) - pos).find("stroke=\"" + colour + "\"") != std::string::npos) return true;
  return false;
}

void check_self_contained(const std::string& html) {
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("http://") == std::string::npos);
  CHECK(html.find("https://") == std::string::npos);
  CHECK(html.find("src=") == std::string::npos);
}

void check_links_resolve(const fs::path& dir, const std::string& html, std::size_t expected) {
  const auto urls = links(html);
  CHECK(urls.size() == expected);
  for (const std::string& u : urls) {
    INFO(u);
    CHECK(u.find("..") == std::string::npos);
    CHECK(fs::path(u).is_relative());
    CHECK(fs::exists(dir / u));
  }
}

}  // namespace

TEST_CASE("batch writes index.html listing every scenario with links to their reports") {
  SourceDateEpoch epoch("1700000000");
  TempDir in("index-batch-in"), out("index-batch-out");
  fs::copy_file(kScenarios + "default.yaml", in.path() / "a.yaml");
  fs::copy_file(kScenarios + "startup-low-volume.yaml", in.path() / "b.yaml");
  std::ofstream(in.path() / "c.yaml") << "tcosim: 1\nname: broken\nhorizon_months: 12\nmarkt: {}\n";
  const std::string args = "batch " + in.str() + " --out " + out.str() + " --trials 500";
  const auto first = run_tcosim(args);
  INFO(first.output);
  CHECK(first.status == 1);
  const std::string html = read_file(out.path() / "index.html");
  check_self_contained(html);
  CHECK(html.find("generated 2023-11-14 22:13 UTC") != std::string::npos);
  for (const char* name : {"smart-speaker", "startup-low-volume", "a.yaml", "b.yaml", "c.yaml"})
    CHECK(html.find(name) != std::string::npos);
  CHECK(occurrences(html, R"(<span class="status ok">)") == 2);
  CHECK(occurrences(html, R"(<span class="status failed">)") == 1);
  // The parser's first message, with the count of the others.
  CHECK(html.find("missing required `options`") != std::string::npos);
  CHECK(html.find("(and 1 more)") != std::string::npos);
  check_links_resolve(out.path(), html, 2);
  CHECK(html.find(R"(href="smart-speaker/report.html")") != std::string::npos);

  // A rerun skips both and still links their earlier reports.
  const auto again = run_tcosim(args);
  const std::string html2 = read_file(out.path() / "index.html");
  CHECK(occurrences(html2, R"(<span class="status skip">)") == 2);
  check_links_resolve(out.path(), html2, 2);
}

TEST_CASE("sweep writes index.html: the grid, links and a chart with one line per option") {
  SourceDateEpoch epoch("1700000000");
  TempDir out("index-sweep"), again("index-sweep-again");
  const std::string scen = kScenarios + "default.yaml";
  const std::string args =
      "sweep " + scen + " --param market.demand_units.max=50000,100000,250000 --breakeven --trials 500 --out ";
  const auto r = run_tcosim(args + out.str());
  INFO(r.output);
  REQUIRE(r.status == 0);
  const std::string html = read_file(out.path() / "index.html");
  check_self_contained(html);
  for (const char* v : {"point-0", "point-1", "point-2", "50000", "100000", "250000", "market.demand_units.max"})
    CHECK(html.find(v) != std::string::npos);
  check_links_resolve(out.path(), html, 3);
  // default.yaml has three options: one P50 line (a <path>) and one P5-P95 band each.
  CHECK(occurrences(html, "<svg") == 1);
  CHECK(occurrences(html, "<path ") == 3);
  CHECK(occurrences(html, "<polygon ") == 3);
  for (const char* colour : {"#0072B2", "#E69F00", "#009E73"})  // report.html's option colours
    CHECK(path_with_stroke(html, colour));
  // The break-even points --breakeven printed are marked (a white dot in a dark ring each).
  const std::size_t crossings = occurrences(r.output, "break-even: ") - occurrences(r.output, "no two options");
  CHECK(occurrences(html, R"(class="be-label")") == crossings);

  // Same results and SOURCE_DATE_EPOCH: the same bytes.
  REQUIRE(run_tcosim(args + again.str()).status == 0);
  CHECK(read_file(again.path() / "index.html") == html);

  // Two parameters: the table only, no chart.
  TempDir two("index-sweep-two");
  REQUIRE(run_tcosim("sweep " + scen + " --param horizon_months=24,30 --param finance.carrying_rate=0.2,0.3" +
                     " --trials 500 --out " + two.str())
              .status == 0);
  const std::string grid = read_file(two.path() / "index.html");
  check_self_contained(grid);
  CHECK(grid.find("<svg") == std::string::npos);
  check_links_resolve(two.path(), grid, 4);
}

TEST_CASE("index pages escape user text and link with encoded relative paths") {
  std::vector<BatchJob> rows(2);
  rows[0] = {"x.yaml", "a b&c", JobStatus::Ok, 100, 0.5, "opt", 1234.0, "", "a b&c/report.html"};
  rows[1] = {"<bad>.yaml", "", JobStatus::Failed, 0, 0, "", 0, "oops <script>alert(1)</script> & more", ""};
  const std::string html = batch_index_html(rows, "2024-01-01 00:00 UTC");
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("oops &lt;script&gt;alert(1)&lt;/script&gt; &amp; more") != std::string::npos);
  CHECK(html.find(R"(href="a%20b%26c/report.html")") != std::string::npos);
  CHECK(html.find("&lt;bad&gt;.yaml") != std::string::npos);

  SweepResults sw;
  sw.scenario = "s<1>";
  sw.currency = "EUR";
  sw.params = {"market.size"};
  for (int i = 0; i < 3; ++i)
    sw.points.push_back({{std::string(1, static_cast<char>('a' + i))},
                         {{"one", 0, 10.0 + i, 20.0 + i, 30.0 + i, 0, 0, 0, 0, 0.5},
                          {"two", 0, 15.0, 19.0 + 2 * i, 40.0, 0, 0, 0, 0, 0.5}},
                         "point-" + std::to_string(i) + "/report.html"});
  const std::string page = sweep_index_html(sw, "2024-01-01 00:00 UTC");
  CHECK(page.find("s&lt;1&gt;") != std::string::npos);
  CHECK(occurrences(page, "<path ") == 2);  // non-numeric values: evenly spaced, still one line per option
  CHECK(page == sweep_index_html(sw, "2024-01-01 00:00 UTC"));
}

TEST_CASE("format 2: the batch page adds NPV cost and peak cash columns, only when a job needs them") {
  std::vector<BatchJob> rows(2);
  rows[0] = {"f1.yaml", "one", JobStatus::Ok, 100, 0.5, "opt", 1234.0, "", ""};
  rows[1] = {"f2.yaml", "two", JobStatus::Ok, 100, 0.5, "oem", 5678.0, "", ""};
  const std::string f1_only = batch_index_html({rows[0]}, "2024-01-01 00:00 UTC");
  CHECK(f1_only.find("NPV") == std::string::npos);
  CHECK(f1_only.find("peak cash") == std::string::npos);
  rows[1].format = 2;
  rows[1].peak_cash_p50 = 4321;
  rows[1].peak_cash_p95 = 8765;
  const std::string html = batch_index_html(rows, "2024-01-01 00:00 UTC");
  CHECK(html.find("<th>P50 NPV cost</th><th>P50 peak cash</th><th>P95 peak cash</th>") != std::string::npos);
  // Format 1 shows its total cost only; format 2 its NPV cost and peak cash only.
  CHECK(html.find("<td>1,234</td><td>&ndash;</td><td>&ndash;</td><td>&ndash;</td>") != std::string::npos);
  CHECK(html.find("<td>&ndash;</td><td>5,678</td><td>4,321</td><td>8,765</td>") != std::string::npos);
}

TEST_CASE("format 2: the sweep page charts and tabulates NPV cost and shows peak cash") {
  SweepResults sw;
  sw.scenario = "demo";
  sw.currency = "EUR";
  sw.params = {"market.size"};
  SweepOption a{"a", 1, 2, 3, 4, 5, 6, 7, 8, 0.25}, b{"b", 1, 1, 2, 5, 5, 6, 7, 8, 0.75};
  a.peak_cash_p50 = 777;
  sw.points = {{{"10"}, {a, b}, "point-0/report.html"}, {{"20"}, {a, b}, "point-1/report.html"}};
  sw.breakeven = std::vector<Crossing>{};
  const std::string f1 = sweep_index_html(sw, "2024-01-01 00:00 UTC");
  CHECK(f1.find("NPV") == std::string::npos);
  CHECK(f1.find("P50 total cost against") != std::string::npos);
  sw.format = 2;
  const std::string html = sweep_index_html(sw, "2024-01-01 00:00 UTC");
  CHECK(html.find("total cost") == std::string::npos);
  CHECK(html.find("P50 NPV cost against") != std::string::npos);
  CHECK(html.find("P50 NPV cost (EUR)") != std::string::npos);
  CHECK(html.find("<th>P50 peak cash (EUR)</th>") != std::string::npos);
  CHECK(html.find("<td>777</td>") != std::string::npos);
  CHECK(html.find("no two options' P50 NPV costs cross") != std::string::npos);
  CHECK(occurrences(html, R"(colspan="3")") == 2);
}
