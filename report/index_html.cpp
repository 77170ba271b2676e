// index.html for `tcosim batch` and `tcosim sweep`; index_html.hpp describes the page.
#include "report/index_html.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <numeric>

#include "report/html_page.hpp"
#include "report/svg_chart.hpp"
#include "util/parse_number.hpp"
#include "util/visible_text.hpp"

namespace tcosim {

namespace {

using svg::Anchor;
using svg::escape;
using svg::Point;

// Rules only these pages need, appended to report.html's stylesheet.
constexpr std::string_view kIndexCss = R"(
.status{font-size:12px;font-weight:600;border-radius:3px;padding:1px 6px;border:1px solid var(--rule)}
.status.ok{color:#006b4f;border-color:#9fd6c4;background:#eaf7f2}
.status.skip{color:var(--muted)}
.status.failed{color:#a33c00;border-color:#f0b894;background:#fdf1ea}
td.error{text-align:left;white-space:pre-wrap;overflow-wrap:anywhere;min-width:24ch;font-size:12.5px}
td.best{font-weight:700}
th.l,td.l{text-align:left}
.legend .band{display:inline-block;width:24px;height:12px;background:#8a96a3;opacity:.3;margin-right:7px;vertical-align:-1px}
.legend .marker{display:inline-block;width:10px;height:10px;border:2px solid var(--ink);border-radius:50%;background:#fff;margin-right:7px;vertical-align:-1px}
svg .be-label{font-size:11px;font-weight:600;fill:var(--ink);paint-order:stroke;stroke:#fff;stroke-width:4px;stroke-linejoin:round}
)";

std::string link(const std::string& report, std::string_view text) {
  if (report.empty()) return escape(text);
  return fmt::format(R"(<a href="{}">{}</a>)", escape(html::url_path(report)), escape(text));
}

std::string footer(std::string_view generated) {
  return fmt::format(R"(<footer><p class="note">tcosim, generated {}. Each link opens that run's )"
                     R"(report.html; summary.json next to it holds the numbers unrounded.</p></footer>)",
                     escape(generated));
}

/// P50 cost (total cost; NPV cost in format 2) per option against the one swept parameter, P5-P95 shaded. Numeric
/// values are placed to scale; otherwise the points are spaced evenly in the order given.
std::string sweep_chart(const SweepResults& sw) {
  constexpr double W = 1080, H = 420, left = 70, right = 24, top = 24, bottom = 54;
  const std::size_t n_points = sw.points.size();
  const std::size_t n_options = sw.points.front().options.size();
  std::vector<double> xs(n_points);
  bool numeric = true;
  for (std::size_t i = 0; i < n_points && numeric; ++i) {
    const auto v = parse_finite_double(sw.points[i].values.front());
    numeric = v.has_value();
    if (v) xs[i] = *v;
  }
  if (!numeric) std::iota(xs.begin(), xs.end(), 0.0);
  std::vector<std::size_t> order(n_points);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t i, std::size_t j) { return xs[i] < xs[j]; });

  double lo = INFINITY, hi = -INFINITY;
  for (const SweepPoint& p : sw.points)
    for (const SweepOption& o : p.options) {
      lo = std::min({lo, o.cost_p5, o.cost_p50});
      hi = std::max({hi, o.cost_p95, o.cost_p50});
    }
  if (!std::isfinite(lo) || !std::isfinite(hi)) lo = 0, hi = 1;
  const svg::Ticks yt = svg::nice_ticks(lo, hi, 6);
  const svg::LinearScale y(yt.lo(), yt.hi(), H - bottom, top);
  const double x_lo = xs[order.front()], x_hi = xs[order.back()];
  const double pad = x_hi > x_lo ? 0.0 : 1.0;  // a single point sits in the middle
  const svg::LinearScale x(x_lo - pad, x_hi + pad, left + 20, W - right - 20);
  const std::string& param = sw.params.front();
  const std::string_view cost = sw.cost_label();
  svg::Svg g(W, H, fmt::format("P50 {} per option against {}", cost, param));

  const std::vector<std::string> yl = svg::tick_labels(yt);
  for (std::size_t i = 0; i < yt.values.size(); ++i) {
    const double py = y(yt.values[i]);
    g.line({left, py}, {W - right, py}, "grid");
    g.text({left - 6, py + 4}, yl[i], Anchor::End);
  }
  if (numeric) {
    const svg::Ticks xt = svg::nice_ticks(x_lo - pad, x_hi + pad, 8);
    const std::vector<std::string> xl = svg::tick_labels(xt);
    for (std::size_t i = 0; i < xt.values.size(); ++i) {
      const double px = x(xt.values[i]);
      if (px < left - 0.5 || px > W - right + 0.5) continue;
      g.line({px, top}, {px, H - bottom}, "grid");
      g.text({px, H - bottom + 16}, xl[i], Anchor::Middle);
    }
  } else {
    for (std::size_t i = 0; i < n_points; ++i) {
      g.line({x(xs[i]), top}, {x(xs[i]), H - bottom}, "grid");
      g.text({x(xs[i]), H - bottom + 16}, sw.points[i].values.front(), Anchor::Middle);
    }
  }
  g.line({left, H - bottom}, {W - right, H - bottom}, "axis");
  g.line({left, top}, {left, H - bottom}, "axis");
  g.text({left + (W - left - right) / 2, H - 12}, param, Anchor::Middle, "axis-title");
  g.text({left - 6, top - 10}, fmt::format("{} ({})", cost, sw.currency), Anchor::Start, "axis-title");

  for (std::size_t o = 0; o < n_options; ++o) {
    std::vector<Point> band;
    for (const std::size_t i : order) band.push_back({x(xs[i]), y(sw.points[i].options[o].cost_p95)});
    for (auto it = order.rbegin(); it != order.rend(); ++it)
      band.push_back({x(xs[*it]), y(sw.points[*it].options[o].cost_p5)});
    g.polygon(band, html::option_colour(o), 0.13);
  }
  for (std::size_t o = 0; o < n_options; ++o) {
    std::vector<Point> line;
    for (const std::size_t i : order) line.push_back({x(xs[i]), y(sw.points[i].options[o].cost_p50)});
    const std::string& name = sw.points.front().options[o].name;
    g.path(line, html::option_colour(o), 2.5, html::option_dash(o), fmt::format("{}: P50 {}", name, cost));
    for (const Point& p : line) g.circle(p, 3.5, html::option_colour(o));
  }
  if (sw.breakeven)
    for (const Crossing& c : *sw.breakeven) {
      const Point at{x(c.x), y(c.cost)};
      g.circle(at, 6.5, "#1b2430");
      g.circle(at, 4, "#ffffff");
      const bool near_right = at.x > W - right - 200;
      g.text({near_right ? at.x - 9 : at.x + 9, at.y - 9}, fmt::format("{} = {}: {:.6g}", c.a, c.b, c.x),
             near_right ? Anchor::End : Anchor::Start, "be-label");
    }
  return g.str();
}

std::string sweep_legend(const SweepResults& sw) {
  std::string out = R"(<div class="legend">)";
  const auto& options = sw.points.front().options;
  for (std::size_t o = 0; o < options.size(); ++o)
    out += fmt::format(R"(<span class="item"><span class="line{}" style="--c:{}"></span>{}</span>)",
                       html::option_dash(o).empty() ? "" : " dash", html::option_colour(o), escape(options[o].name));
  out += R"(<span class="item"><span class="band"></span>P5&ndash;P95</span>)";
  if (sw.breakeven && !sw.breakeven->empty())
    out += R"(<span class="item"><span class="marker"></span>break-even</span>)";
  return out + "</div>";
}

std::string breakeven_text(const SweepResults& sw) {
  if (!sw.breakeven) return {};
  const std::string param = "<code>" + escape(sw.params.front()) + "</code>";
  if (sw.breakeven->empty())
    return fmt::format(R"(<p class="note">Break-even: no two options' P50 {}s cross over the swept {}.</p>)",
                       sw.cost_label(), param);
  std::string out = R"(<p class="note">Break-even (linear interpolation between grid points, breakeven.csv): )";
  for (std::size_t k = 0; k < sw.breakeven->size(); ++k) {
    const Crossing& c = (*sw.breakeven)[k];
    out += fmt::format("{}<strong>{}</strong> and <strong>{}</strong> at {} = {:.6g} (P50 {} {} {}{})", k ? "; " : "",
                       escape(c.a), escape(c.b), param, c.x, sw.cost_label(), html::money(c.cost), escape(sw.currency),
                       c.cheaper_below.empty() ? "" : fmt::format(", {} cheaper below", escape(c.cheaper_below)));
  }
  return out + ".</p>";
}

/// The grid as a table: per option its P50 cost and P(cheapest), and in format 2 its P50 peak
/// cash; the cheapest option at each point in bold.
std::string sweep_table(const SweepResults& sw) {
  const std::string cur = escape(sw.currency);
  const std::string_view cost = sw.cost_label();
  const bool cash = sw.format >= 2;
  const auto& options = sw.points.front().options;
  std::string h = R"(<h2>Grid points</h2><div class="table-wrap"><table><thead><tr class="group">)";
  h += fmt::format(R"(<th colspan="{}"></th>)", 1 + sw.params.size());
  for (std::size_t o = 0; o < options.size(); ++o)
    h += fmt::format(R"(<th colspan="{}" class="sep"><span class="swatch" style="--c:{}"></span>{}</th>)", cash ? 3 : 2,
                     html::option_colour(o), escape(options[o].name));
  h += "</tr><tr><th>point</th>";
  for (const std::string& p : sw.params) h += fmt::format("<th>{}</th>", escape(p));
  for (std::size_t o = 0; o < options.size(); ++o)
    h += fmt::format(R"(<th class="sep">P50 {} ({})</th><th>P(cheapest)</th>{})", cost, cur,
                     cash ? fmt::format("<th>P50 peak cash ({})</th>", cur) : "");
  h += "</tr></thead><tbody>";
  for (std::size_t i = 0; i < sw.points.size(); ++i) {
    const SweepPoint& p = sw.points[i];
    std::size_t best = 0;
    for (std::size_t o = 1; o < p.options.size(); ++o)
      if (p.options[o].cost_p50 < p.options[best].cost_p50) best = o;
    h += "<tr><td>" + link(p.report, fmt::format("point-{}", i)) + "</td>";
    for (const std::string& v : p.values) h += "<td>" + escape(v) + "</td>";
    for (std::size_t o = 0; o < p.options.size(); ++o)
      h += fmt::format(R"(<td class="sep{}">{}</td><td>{}</td>{})", o == best ? " best" : "",
                       html::money(p.options[o].cost_p50), html::percent(p.options[o].p_best_cost),
                       cash ? "<td>" + html::money(p.options[o].peak_cash_p50) + "</td>" : "");
  }
  h += "</tbody></table></div>\n";
  h += fmt::format(R"(<p class="note">Bold: the cheapest option at P50 at that point. P(cheapest): share of trials in )"
                   R"(which the option has the lowest {} of all options.{}</p>)",
                   cost, cash ? " Peak cash: the most money the option needs at any month end (MODEL.md 7.4)." : "");
  return h;
}

/// One job's row of the batch page; `f2`: the page has the format-2 columns.
std::string batch_row(const BatchJob& r, bool f2) {
  const std::string_view status = to_string(r.status);
  const bool done = r.status != JobStatus::Failed && r.status != JobStatus::NotStarted;
  const bool numbers = done && !r.cheapest.empty();
  const bool npv = numbers && r.format >= 2;
  auto money = [](bool show, double v) { return show ? html::money(v) : std::string("&ndash;"); };
  std::string h = fmt::format(
      R"(<tr><td>{}</td><td class="l"><code>{}</code></td><td class="l"><span class="status {}">{}</span></td>)"
      R"(<td>{}</td><td>{}</td><td class="l">{}</td><td>{}</td>)",
      r.scenario.empty() ? std::string("&ndash;") : link(r.report, r.scenario), escape(visible_text(r.file)),
      escape(status), escape(status), done ? html::count(r.trials) : "&ndash;",
      r.status == JobStatus::Ok ? fmt::format("{:.2f}", r.wall_s) : "&ndash;", numbers ? escape(r.cheapest) : "&ndash;",
      money(numbers && !npv, r.cheapest_p50));
  if (f2)
    h += fmt::format("<td>{}</td><td>{}</td><td>{}</td>", money(npv, r.cheapest_p50), money(npv, r.peak_cash_p50),
                     money(npv, r.peak_cash_p95));
  return h + fmt::format(R"(<td class="error">{}</td></tr>)", done ? "" : escape(r.error));
}
}  // namespace

std::string batch_index_html(const std::vector<BatchJob>& rows, std::string_view generated) {
  std::size_t ok = 0, skipped = 0, failed = 0;
  for (const BatchJob& r : rows) (r.status == JobStatus::Ok ? ok : r.status == JobStatus::Skip ? skipped : failed) += 1;
  // Format-2 columns only when a job needs them: a format-1 batch's page keeps its bytes.
  const bool f2 = std::any_of(rows.begin(), rows.end(), [](const BatchJob& r) { return r.format >= 2; });
  std::string h = html::page_head("tcosim batch", kIndexCss);
  h += R"(<header class="top"><p class="overline">tcosim batch</p>)";
  h += fmt::format("<h1>{} scenario file{}</h1>", rows.size(), rows.size() == 1 ? "" : "s");
  h += fmt::format(
      R"(<p class="meta">{} ok &middot; {} skipped (already run) &middot; {} failed &middot; generated {}</p>)", ok,
      skipped, failed, escape(generated));
  h += "</header>\n";
  h += R"(<h2>Scenarios</h2><div class="table-wrap"><table><thead><tr><th>scenario</th><th class="l">file</th>)"
       R"(<th class="l">status</th><th>trials</th><th>wall s</th><th class="l">cheapest at P50</th>)"
       R"(<th>P50 total cost</th>)";
  if (f2) h += "<th>P50 NPV cost</th><th>P50 peak cash</th><th>P95 peak cash</th>";
  h += R"(<th class="l">error</th></tr></thead><tbody>)";
  for (const BatchJob& r : rows) h += batch_row(r, f2);
  h += "</tbody></table></div>\n";
  h += R"(<p class="note">skip: the same scenario, overrides, seed, trial count, sampling and tcosim version )"
       R"(already ran into this folder (catalogue.sqlite); its numbers are the earlier run's.)";
  if (f2)
    h += R"( Format-2 scenarios (money over time) are compared on NPV cost; peak cash is the cheapest option's )"
         R"(most money needed at any month end.)";
  h += "</p>";
  h += footer(generated) + "\n</main>\n</body>\n</html>\n";
  return h;
}

std::string sweep_index_html(const SweepResults& sw, std::string_view generated) {
  const std::string cur = escape(sw.currency);
  std::string h = html::page_head("tcosim sweep: " + escape(sw.scenario), kIndexCss);
  h += R"(<header class="top"><p class="overline">tcosim sweep</p>)";
  h += fmt::format("<h1>{}</h1>", escape(sw.scenario));
  std::string swept;
  for (std::size_t k = 0; k < sw.params.size(); ++k)
    swept += fmt::format("{}<code>{}</code>", k ? ", " : "", escape(sw.params[k]));
  h +=
      fmt::format(R"(<p class="meta">{} grid points over {} &middot; same seed at every point (common random numbers) )"
                  R"(&middot; amounts in {} &middot; generated {}</p>)",
                  sw.points.size(), swept, cur, escape(generated));
  h += "</header>\n";
  if (sw.points.empty() || sw.points.front().options.empty())
    return h + "<p>No points.</p>" + footer(generated) + "\n</main>\n</body>\n</html>\n";
  if (sw.params.size() == 1) {
    h += fmt::format("<h2>P50 {} against {}</h2>", sw.cost_label(), escape(sw.params.front()));
    h += fmt::format(R"(<p class="explain">Median {} of each option at each grid point; the shaded band spans )"
                     R"(P5 to P95. Where two lines cross, the cheaper option changes.</p>)",
                     sw.cost_label());
    h += sweep_legend(sw);
    h += "<figure>" + sweep_chart(sw) + "</figure>";
    h += breakeven_text(sw) + "\n";
  }

  h += sweep_table(sw);
  h += footer(generated) + "\n</main>\n</body>\n</html>\n";
  return h;
}

}  // namespace tcosim
