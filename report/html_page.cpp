// Shared pieces of tcosim's HTML pages; html_page.hpp documents them.
#include "report/html_page.hpp"

#include <fmt/format.h>

#include <array>
#include <cmath>

#include "report/svg_chart.hpp"
#include "util/version.hpp"

namespace tcosim::html {

namespace {

// Okabe & Ito's palette, distinguishable with every common colour-vision deficiency; yellow
// last because it is faint as a line on white. Options past eight reuse it with dashes.
constexpr std::array<std::string_view, 8> kOptionColours = {"#0072B2", "#E69F00", "#009E73", "#CC79A7",
                                                            "#D55E00", "#56B4E9", "#000000", "#F0E442"};
constexpr std::array<std::string_view, 3> kDashes = {"", "7 4", "2 3"};

}  // namespace

std::string_view option_colour(std::size_t o) { return kOptionColours[o % kOptionColours.size()]; }
std::string_view option_dash(std::size_t o) { return kDashes[(o / kOptionColours.size()) % kDashes.size()]; }

std::string count(std::uint64_t n) {
  const std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string money(double v) {
  if (!std::isfinite(v)) return fmt::format("{}", v);
  if (std::fabs(v) < 100.0) return fmt::format("{:.2f}", v);
  const long long n = std::llround(v);
  const std::string out = count(static_cast<std::uint64_t>(n < 0 ? -n : n));
  return n < 0 ? "\xE2\x88\x92" + out : out;
}

std::string percent(double p) {
  // Rare but real events must not print as "0.0 %".
  if (p > 0.0 && p < 0.001) return fmt::format("{:.2g}&#8239;%", 100.0 * p);
  return fmt::format("{:.1f}&#8239;%", 100.0 * p);
}

namespace {

constexpr std::string_view kCss = R"(
:root{--ink:#1b2430;--muted:#5b6675;--rule:#d8dde3;--panel:#f5f7f9}
*{box-sizing:border-box}
html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0;background:#e9edf1;color:var(--ink);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"DejaVu Sans",sans-serif}
main{max-width:1160px;margin:0 auto;padding:36px 44px 40px;background:#fff}
.overline{margin:0;text-transform:uppercase;letter-spacing:.09em;font-size:12px;font-weight:600;color:var(--muted)}
h1{font-size:30px;line-height:1.2;margin:4px 0 10px}
h2{font-size:19px;margin:34px 0 6px;padding-bottom:6px;border-bottom:1px solid var(--rule)}
h3{font-size:15px;margin:0 0 4px}
header.top{border-bottom:3px solid var(--ink);padding-bottom:14px}
.lede{font-size:16px;max-width:82ch;margin:0 0 8px}
.meta,.note,figcaption,.explain{color:var(--muted);font-size:13px}
.explain{margin:0 0 12px;max-width:100ch}
.cards{display:grid;grid-template-columns:repeat(3,1fr);gap:16px;margin-top:22px}
.card{border:1px solid var(--rule);border-top:4px solid var(--c);border-radius:6px;padding:12px 16px 14px}
.card .label{font-size:12px;text-transform:uppercase;letter-spacing:.07em;font-weight:600;color:var(--muted)}
.card .who{font-size:19px;font-weight:700;margin:2px 0}
.card .figure{font-size:25px;font-weight:700;font-variant-numeric:tabular-nums;line-height:1.25}
.card .figure small{font-size:14px;font-weight:600;color:var(--muted)}
.card .note{margin:4px 0 0}
.card .note strong{white-space:nowrap}
.warning{margin:14px 0 0;padding:8px 12px;border-left:4px solid #D55E00;background:#fdf1ea;font-size:14px}
table{border-collapse:collapse;width:100%;font-size:13.5px;font-variant-numeric:tabular-nums}
th,td{padding:6px 8px;border-bottom:1px solid var(--rule);text-align:right;white-space:nowrap}
th:first-child,td:first-child{text-align:left}
thead th{font-size:12px;font-weight:600;color:var(--muted);border-bottom:2px solid var(--ink)}
thead tr.group th{color:var(--ink);border-bottom:1px solid var(--rule);text-align:center}
thead tr.group th:first-child{text-align:left}
.tag{font-size:11px;color:var(--muted);border:1px solid var(--rule);border-radius:3px;padding:0 4px;margin-left:4px}
th.sep,td.sep{border-left:1px solid var(--rule)}
tbody tr:nth-child(even){background:var(--panel)}
.swatch{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:8px;vertical-align:-1px;background:var(--c)}
.legend{display:flex;flex-wrap:wrap;gap:4px 20px;font-size:13px;margin:10px 0 4px}
.legend .item{white-space:nowrap}
.legend .line{display:inline-block;width:24px;height:0;border-top:3px solid var(--c);margin-right:7px;vertical-align:4px}
.legend .line.dash{border-top-style:dashed}
.legend .line.threshold{border-top:2px dashed var(--ink)}
.figs{display:grid;grid-template-columns:1fr 1fr;gap:28px}
.smalls{display:grid;grid-template-columns:1fr 1fr;gap:18px 28px}
figure{margin:0;break-inside:avoid}
figcaption{margin-top:4px}
svg{display:block;width:100%;height:auto;font-family:inherit;overflow:visible}
svg .tick{font-size:11px;fill:var(--muted)}
svg .axis-title{font-size:12px;font-weight:600;fill:var(--ink)}
svg .grid{stroke:#e7eaee;stroke-width:1}
svg .grid.mid{stroke:#c9cfd6}
svg .axis{stroke:#8a96a3;stroke-width:1}
svg .series{fill:none;stroke-linejoin:round;stroke-linecap:round}
svg .threshold{stroke:var(--ink);stroke-width:1.5;stroke-dasharray:6 4}
svg .threshold-label{font-size:11.5px;font-weight:600;fill:var(--ink);paint-order:stroke;stroke:#fff;stroke-width:4px;stroke-linejoin:round}
svg .bar-name{font-size:13px;font-weight:700;fill:var(--ink)}
svg .bar-total{font-size:12px;font-weight:700;fill:var(--ink)}
svg .in-bar{font-size:11px;fill:#1b2430}
svg .driver{font-size:11.5px;fill:var(--ink)}
svg .value{font-size:11px;fill:var(--muted)}
.stack svg rect{stroke:#fff;stroke-width:1}
.table-wrap{overflow-x:auto}
footer{margin-top:36px;border-top:1px solid var(--rule);padding-top:8px}
footer dl{display:grid;grid-template-columns:max-content 1fr;gap:3px 18px;font-size:13px;margin:8px 0 0}
footer dt{color:var(--muted)}
footer dd{margin:0;overflow-wrap:anywhere}
code{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:12.5px}
@media (max-width:900px){main{padding:20px}.cards,.figs,.smalls{grid-template-columns:1fr}}
@media print{
  @page{size:A4;margin:14mm 12mm}
  body{background:#fff;font-size:10.5pt}
  main{max-width:none;padding:0}
  .figs{grid-template-columns:1fr}
  h2{break-after:avoid}
  .card,figure,tr,footer{break-inside:avoid}
  .table-wrap{overflow:visible}
  table{font-size:9pt}
}
)";

}  // namespace

std::string_view css() { return kCss; }

std::string page_head(std::string_view escaped_title, std::string_view extra_css) {
  std::string h = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  // Belt and braces for "nothing from the network": even a bug in escaping could not load or run anything.
  h += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n";
  h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  h += fmt::format("<meta name=\"generator\" content=\"tcosim {}\">\n", svg::escape(kVersion));
  h += fmt::format("<title>{}</title>\n<style>{}{}</style>\n</head>\n<body>\n<main>\n", escaped_title, kCss, extra_css);
  return h;
}

std::string url_path(std::string_view path) {
  std::string out;
  for (const char ch : path) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~' || c == '/')
      out += ch;
    else
      out += fmt::format("%{:02X}", c);
  }
  return out;
}

}  // namespace tcosim::html
