// report.html: the report a sourcing manager opens in the morning. One self-contained page
// (inline CSS and SVG, no script, nothing fetched) that reads offline and prints on A4.
// The bytes depend only on the scenario, the result and the `generated` stamp: no timings,
// fixed number formats, so a rerun with the same seed can be diffed.
#include "report/report_html.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "report/cash_chart.hpp"
#include "report/html_page.hpp"
#include "report/svg_chart.hpp"
#include "sim/binned_outcomes.hpp"
#include "util/utc_clock.hpp"
#include "util/version.hpp"
#include "util/visible_text.hpp"

namespace tcosim {

namespace {

using html::count;
using html::money;
using html::option_colour;
using html::option_dash;
using html::percent;
using svg::Anchor;
using svg::escape;
using svg::Point;

// Cost components use Paul Tol's "light" scheme (also colour-blind safe): pale enough that
// they cannot be mistaken for the saturated option colours, and dark text stays legible on them.
struct Component {
  Metric metric;
  std::string_view label;
  std::string_view colour;
};
constexpr std::array<Component, 7> kComponents = {{{kUpfront, "upfront", "#77AADD"},
                                                   {kPurchase, "purchase", "#EEDD88"},
                                                   {kCarrying, "carrying", "#44BB99"},
                                                   {kQuality, "quality", "#BBCC33"},
                                                   {kDelayCost, "delay cost", "#EE8866"},
                                                   {kIpLoss, "IP loss", "#FFAABB"},
                                                   {kRiskCost, "risk cost", "#99DDFF"}}};

constexpr std::size_t kP5 = 1, kP50 = 4, kP95 = 7;  // positions in kQuantileLevels
constexpr double kNormal95 = 1.959963984540054;     // z of a two-sided 95 % interval

// Average glyph advance of the page's sans-serif at 1 px font size: lays out labels without a
// font engine; generous, so text is never clipped, at worst a little loose.
constexpr double kCharWidth = 0.6;

double text_width(std::string_view s, double font_px) { return static_cast<double>(s.size()) * font_px * kCharWidth; }

std::string months(double v) { return fmt::format("{:.1f}", v); }

std::size_t argmin_by(std::size_t n, auto key) {
  std::size_t best = 0;
  for (std::size_t o = 1; o < n; ++o)
    if (key(o) < key(best)) best = o;
  return best;
}

/// A coloured square naming an option, as in every chart's legend.
std::string swatch(std::size_t o) {
  return fmt::format(R"(<span class="swatch" style="--c:{}"></span>)", option_colour(o));
}

std::string option_label(const Scenario& s, std::size_t o) {
  return swatch(o) + "<strong>" + escape(s.options[o].name) + "</strong>";
}

/// How the decision's cost is named in text: format 2 decides on the discounted cost.
// ---------------------------------------------------------------------------------------
// Charts

struct Threshold {
  double value;
  std::string label;
};

/// Cumulative distribution of one metric per option, drawn from its 101-point quantile curve:
/// the curve's level i/100 is the height, its value the position. The 1 % tails on each side
/// are left out so one extreme trial cannot squash the body of the chart.
std::string cdf_chart(const Scenario& s, const SimulationResult& r, Metric metric, std::string_view x_title,
                      std::optional<Threshold> threshold) {
  constexpr double W = 560, H = 330, left = 52, right = 18, top = 26, bottom = 50;
  const std::size_t n = std::min(s.options.size(), r.options.size());
  double lo = INFINITY, hi = -INFINITY;
  for (std::size_t o = 0; o < n; ++o) {
    const auto& c = r.options[o].metrics[metric].curve;
    lo = std::min(lo, c[1]);
    hi = std::max(hi, c[kCurvePoints - 2]);
  }
  if (threshold && std::isfinite(threshold->value)) {
    lo = std::min(lo, threshold->value);
    hi = std::max(hi, threshold->value);
  }
  const svg::Ticks xt = svg::nice_ticks(lo, hi, 6);
  const svg::LinearScale x(xt.lo(), xt.hi(), left, W - right);
  const svg::LinearScale y(0.0, 1.0, H - bottom, top);
  svg::Svg g(W, H, fmt::format("Cumulative distribution of {} per option", x_title));

  const std::vector<std::string> xl = svg::tick_labels(xt);
  for (std::size_t i = 0; i < xt.values.size(); ++i) {
    const double px = x(xt.values[i]);
    g.line({px, top}, {px, H - bottom}, "grid");
    g.text({px, H - bottom + 16}, xl[i], Anchor::Middle);
  }
  for (int k = 0; k <= 4; ++k) {
    const double p = 0.25 * k;
    g.line({left, y(p)}, {W - right, y(p)}, k == 2 ? "grid mid" : "grid");
    g.text({left - 6, y(p) + 4}, fmt::format("{}\xE2\x80\xAF%", 25 * k), Anchor::End);
  }
  g.line({left, H - bottom}, {W - right, H - bottom}, "axis");
  g.line({left, top}, {left, H - bottom}, "axis");
  g.text({left + (W - left - right) / 2, H - 10}, x_title, Anchor::Middle, "axis-title");
  g.text({left - 6, top - 12}, "share of trials at or below", Anchor::Start, "axis-title");

  for (std::size_t o = 0; o < n; ++o) {
    const auto& c = r.options[o].metrics[metric].curve;
    std::vector<Point> pts;
    for (std::size_t i = 1; i + 1 < kCurvePoints; ++i)
      pts.push_back({x(c[i]), y(static_cast<double>(i) / static_cast<double>(kCurvePoints - 1))});
    g.polyline(pts, option_colour(o), 2.5, option_dash(o));
  }
  // The median of each option, where a reader's eye goes first.
  for (std::size_t o = 0; o < n; ++o)
    g.circle({x(r.options[o].metrics[metric].curve[(kCurvePoints - 1) / 2]), y(0.5)}, 4, option_colour(o));

  if (threshold && std::isfinite(threshold->value)) {
    const double px = x(threshold->value);
    g.line({px, top - 4}, {px, H - bottom}, "threshold");
    const bool near_right = px > W - right - 140;
    g.text({near_right ? px - 5 : px + 5, top + 8}, threshold->label, near_right ? Anchor::End : Anchor::Start,
           "threshold-label");
  }
  return g.str();
}

/// One horizontal bar per option, split into the mean of each cost component. Means add up
/// (quantiles would not), so the bar's length is the mean total cost.
std::string breakdown_chart(const Scenario& s, const SimulationResult& r) {
  const std::size_t n = std::min(s.options.size(), r.options.size());
  constexpr double W = 1080, bar = 30, gap = 16, top = 8, bottom = 44, right = 70;
  double label_w = 0;
  for (std::size_t o = 0; o < n; ++o) label_w = std::max(label_w, text_width(s.options[o].name, 13));
  const double left = std::min(260.0, label_w + 30);
  const double H = top + static_cast<double>(n) * (bar + gap) - gap + bottom;
  double hi = 0;
  for (std::size_t o = 0; o < n; ++o) {
    double sum = 0;
    for (const Component& c : kComponents) sum += std::max(0.0, r.options[o].metrics[c.metric].mean);
    hi = std::max(hi, sum);
  }
  const svg::Ticks xt = svg::nice_ticks(0.0, hi > 0 ? hi : 1.0, 8);
  const svg::LinearScale x(0.0, xt.hi(), left, W - right);
  svg::Svg g(W, H, fmt::format("Mean cost breakdown per option ({})", s.currency));
  const std::vector<std::string> xl = svg::tick_labels(xt);
  for (std::size_t i = 0; i < xt.values.size(); ++i) {
    const double px = x(xt.values[i]);
    g.line({px, top - 4}, {px, H - bottom}, "grid");
    g.text({px, H - bottom + 16}, xl[i], Anchor::Middle);
  }
  g.text({left + (W - left - right) / 2, H - 8}, fmt::format("mean cost per trial ({})", s.currency), Anchor::Middle,
         "axis-title");
  for (std::size_t o = 0; o < n; ++o) {
    const double y0 = top + static_cast<double>(o) * (bar + gap);
    g.rect(4, y0 + bar / 2 - 6, 12, 12, option_colour(o));
    g.text({22, y0 + bar / 2 + 5}, s.options[o].name, Anchor::Start, "bar-name");
    double at = 0;
    for (const Component& c : kComponents) {
      const double v = std::max(0.0, r.options[o].metrics[c.metric].mean);
      const double x0 = x(at), x1 = x(at + v);
      g.rect(x0, y0, x1 - x0, bar, c.colour,
             fmt::format("{}: {}, {} {}", s.options[o].name, c.label, money(v), s.currency));
      const std::string label = svg::compact_number(v);
      if (x1 - x0 > text_width(label, 11) + 8)
        g.text({(x0 + x1) / 2, y0 + bar / 2 + 4}, label, Anchor::Middle, "in-bar");
      at += v;
    }
    g.text({x(at) + 6, y0 + bar / 2 + 5}, svg::compact_number(at), Anchor::Start, "bar-total");
  }
  g.line({left, top - 4}, {left, H - bottom}, "axis");
  return g.str();
}

/// Top drivers of one option's total cost: one bar per input, signed Spearman correlation,
/// strongest on top (the tornado shape).
/// `difference` (e.g. "odm - oem"): the chart of a paired difference's drivers, whose inputs
/// keep their full paths; empty: option o's own drivers.
std::string tornado_chart(const Scenario& s, std::size_t o, const std::vector<SensitivityEntry>& entries,
                          std::string_view difference = {}) {
  constexpr std::size_t kMaxBars = 8;
  constexpr double W = 540, bar = 18, gap = 7, top = 8, bottom = 40, right = 14, font = 11.5;
  const std::size_t k = std::min(kMaxBars, entries.size());
  // Long paths are cut with an ellipsis; the bar's tooltip keeps the full path.
  constexpr std::size_t kMaxChars = 40;
  // The heading names the option, so its own inputs drop the "<option>." prefix.
  const std::string own = s.options[o].name + ".";
  std::vector<std::string> labels;
  double label_w = 0;
  for (std::size_t i = 0; i < k; ++i) {
    const Slot in = entries[i].input;
    std::string path = in < s.inputs.size() ? s.inputs[in].path : fmt::format("input {}", in);
    if (difference.empty() && path.starts_with(own)) path = path.substr(own.size());
    if (path.size() > kMaxChars) path = path.substr(0, kMaxChars - 1) + "\xE2\x80\xA6";
    label_w = std::max(label_w, text_width(path, font));
    labels.push_back(std::move(path));
  }
  const double left = std::min(250.0, label_w + 12);
  const double H = top + static_cast<double>(k) * (bar + gap) - gap + bottom;
  // Zero always shows; a side without bars gets no room, a side with bars a margin for its
  // value labels (in pixels: the axis itself never goes past a correlation of 1).
  double lo = 0, hi = 0;
  for (std::size_t i = 0; i < k; ++i) {
    lo = std::min(lo, std::max(-1.0, entries[i].spearman));
    hi = std::max(hi, std::min(1.0, entries[i].spearman));
  }
  const svg::Ticks xt = svg::nice_ticks(lo, hi > lo ? hi : lo + 0.1, 3);
  constexpr double kValueRoom = 40;
  const svg::LinearScale x(xt.lo(), xt.hi(), left + 10 + (xt.lo() < 0 ? kValueRoom : 0), W - right - kValueRoom);
  const std::string what = difference.empty() ? std::string(s.decision_cost_words()) : std::string(difference);
  svg::Svg g(W, H,
             difference.empty() ? fmt::format("Drivers of {} for {}", s.decision_cost_words(), s.options[o].name)
                                : fmt::format("Drivers of {}", difference));
  const std::vector<std::string> xl = svg::tick_labels(xt);
  for (std::size_t i = 0; i < xt.values.size(); ++i) {
    const double px = x(xt.values[i]);
    g.line({px, top - 4}, {px, H - bottom}, std::fabs(xt.values[i]) < 1e-12 ? "axis" : "grid");
    g.text({px, H - bottom + 16}, xl[i], Anchor::Middle);
  }
  g.text({x(0), H - 8}, fmt::format("Spearman rank correlation with {}", what), Anchor::Middle, "axis-title");
  for (std::size_t i = 0; i < k; ++i) {
    const SensitivityEntry& e = entries[i];
    const double y0 = top + static_cast<double>(i) * (bar + gap);
    const double x0 = x(std::min(0.0, e.spearman)), x1 = x(std::max(0.0, e.spearman));
    const Slot in = e.input;
    const std::string full = in < s.inputs.size() ? s.inputs[in].path : labels[i];
    g.rect(x0, y0, x1 - x0, bar, option_colour(o),
           fmt::format("{}: Spearman {:+.3f}, {:.1f} % of the variance ranking", full, e.spearman,
                       100.0 * e.contribution));
    g.text({left, y0 + bar / 2 + 4}, labels[i], Anchor::End, "driver");
    const std::string value =
        e.spearman < 0 ? fmt::format("\xE2\x88\x92{:.2f}", -e.spearman) : fmt::format("+{:.2f}", e.spearman);
    if (e.spearman >= 0)
      g.text({x1 + 4, y0 + bar / 2 + 4}, value, Anchor::Start, "value");
    else
      g.text({x0 - 4, y0 + bar / 2 + 4}, value, Anchor::End, "value");
  }
  return g.str();
}

// ---------------------------------------------------------------------------------------
// Page sections

/// Legend of option lines, plus the dashed threshold line when one is drawn.
std::string line_legend(const Scenario& s, std::size_t n, std::string_view threshold = {}) {
  std::string out = R"(<div class="legend">)";
  for (std::size_t o = 0; o < n; ++o)
    out += fmt::format(R"(<span class="item"><span class="line{}" style="--c:{}"></span>{}</span>)",
                       option_dash(o).empty() ? "" : " dash", option_colour(o), escape(s.options[o].name));
  if (!threshold.empty())
    out += fmt::format(R"(<span class="item"><span class="line threshold"></span>{}</span>)", threshold);
  return out + "</div>";
}

/// The runner-up's gap to the option cheapest at P50 of the decision metric, and whether the two
/// are a statistical tie.
std::string runner_up_note(const Scenario& s, const SimulationResult& r, std::size_t n, std::size_t cheapest) {
  if (n < 2) return {};
  const Metric cost = s.decision_metric();
  auto p50 = [&](std::size_t o) { return r.options[o].metrics[cost].quantiles[kP50]; };
  const std::size_t second = argmin_by(n, [&](std::size_t o) { return o == cheapest ? INFINITY : p50(o); });
  const double gap = p50(second) - p50(cheapest);
  const double base = p50(cheapest);
  // Overlapping intervals: more trials could swap the two, so no ranking should be read into it.
  const bool tie = r.options[second].metrics[cost].quantile_ci95[kP50][0] <=
                   r.options[cheapest].metrics[cost].quantile_ci95[kP50][1];
  return fmt::format(" Next: <strong>{}</strong>, {} {} more at P50{}{}.", escape(s.options[second].name), money(gap),
                     escape(s.currency),
                     base > 0 ? fmt::format(" (+{:.1f}&#8239;%)", 100.0 * gap / base) : std::string(),
                     tie ? ", within the uncertainty of the estimate: a tie at this trial count" : "");
}

/// The first card: the option cheapest at P50 of the decision metric. In format 2 that is the
/// NPV cost; the card names the discount rate and still gives the nominal total cost.
std::string cheapest_card(const Scenario& s, const SimulationResult& r, std::size_t n) {
  const Metric cost = s.decision_metric();
  auto q = [&](std::size_t o, std::size_t level) { return r.options[o].metrics[cost].quantiles[level]; };
  const std::size_t c = argmin_by(n, [&](std::size_t o) { return q(o, kP50); });
  const auto& ci = r.options[c].metrics[cost].quantile_ci95[kP50];
  const std::string what =
      s.format >= 2 ? fmt::format("NPV cost at {} a year", percent(s.discount_rate)) : std::string("total cost");
  const std::string nominal =
      s.format >= 2 ? fmt::format(" Total cost (nominal) at P50: {} {}.",
                                  money(r.options[c].metrics[kTotalCost].quantiles[kP50]), escape(s.currency))
                    : std::string();
  return fmt::format(
      R"(<div class="card" style="--c:{}"><div class="label">Cheapest at the median</div>)"
      R"(<div class="who">{}</div><div class="figure">{} <small>{}</small></div>)"
      R"(<p class="note">P50 {} (95&#8239;% CI {} to {}); P5 {} to P95 {}.{} Lowest {} in {} of trials.{}</p></div>)",
      option_colour(c), option_label(s, c), money(q(c, kP50)), escape(s.currency), what, money(ci[0]), money(ci[1]),
      money(q(c, kP5)), money(q(c, kP95)), nominal, s.decision_cost_words(), percent(r.options[c].p_best_cost),
      runner_up_note(s, r, n, c));
}

std::string most_wins_card(const Scenario& s, const SimulationResult& r, std::size_t n) {
  const std::size_t w = argmin_by(n, [&](std::size_t o) { return -r.options[o].p_best_cost; });
  return fmt::format(R"(<div class="card" style="--c:{}"><div class="label">Cheapest most often</div>)"
                     R"(<div class="who">{}</div><div class="figure">{} <small>of trials</small></div>)"
                     R"(<p class="note">The lowest {} of all options in the same trial (same market draw). )"
                     R"(On average {} {} above each trial's best option.</p></div>)",
                     option_colour(w), option_label(s, w), percent(r.options[w].p_best_cost), s.decision_cost_words(),
                     money(r.options[w].mean_regret), escape(s.currency));
}

std::string fastest_card(const Scenario& s, const SimulationResult& r, std::size_t n) {
  auto q = [&](std::size_t o, std::size_t level) { return r.options[o].metrics[kTtmMonths].quantiles[level]; };
  const std::size_t f = argmin_by(n, [&](std::size_t o) { return q(o, kP50); });
  return fmt::format(R"(<div class="card" style="--c:{}"><div class="label">Fastest to market</div>)"
                     R"(<div class="who">{}</div><div class="figure">{} <small>months at P50</small></div>)"
                     R"(<p class="note">P5 {} to P95 {} months. Fastest of all options in {} of trials.</p></div>)",
                     option_colour(f), option_label(s, f), months(q(f, kP50)), months(q(f, kP5)), months(q(f, kP95)),
                     percent(r.options[f].p_fastest));
}

std::string headline(const Scenario& s, const SimulationResult& r, std::size_t n) {
  std::string out = R"(<div class="cards">)";
  out += cheapest_card(s, r, n) + most_wins_card(s, r, n) + fastest_card(s, r, n);
  out += "</div>";
  for (std::size_t o = 0; o < n; ++o)
    if (r.options[o].p_never_on_sale > 0)
      out += fmt::format(
          R"(<p class="warning"><strong>{}</strong> never reaches the market within the {:g}-month horizon in {} of trials.</p>)",
          escape(s.options[o].name), s.horizon_months, percent(r.options[o].p_never_on_sale));
  return out;
}

std::string optional_percent(const std::optional<double>& p) { return p ? percent(*p) : std::string("&ndash;"); }

std::string percentile_table(const Scenario& s, const SimulationResult& r, std::size_t n) {
  bool budget = false, late = false;
  for (std::size_t o = 0; o < n; ++o) {
    budget = budget || r.options[o].p_over_budget.has_value();
    late = late || r.options[o].p_late.has_value();
  }
  const std::string cur = escape(s.currency);
  const bool npv = s.format >= 2;
  const Metric cost = s.decision_metric();
  std::string out = R"(<div class="table-wrap"><table><thead><tr class="group"><th></th>)";
  out += fmt::format(R"(<th colspan="{}" class="sep">{} ({})</th>)", 5 + (budget ? 1 : 0) + (npv ? 1 : 0),
                     npv ? fmt::format("NPV cost at {} a year", percent(s.discount_rate)) : "Total cost", cur);
  out += fmt::format(R"(<th colspan="{}" class="sep">Time to market (months)</th></tr>)", 4 + (late ? 1 : 0));
  out += "<tr><th>option</th>";
  out += R"(<th class="sep">P5</th><th>P50</th><th>P95</th><th title="mean of the worst 5 % of trials">CVaR95</th>)";
  if (npv) out += R"(<th title="P50 of total cost, not discounted">nominal P50</th>)";
  out += "<th>P(cheapest)</th>";
  if (budget) out += "<th>P(over budget)</th>";
  out += R"(<th class="sep">P5</th><th>P50</th><th>P95</th><th>P(fastest)</th>)";
  if (late) out += "<th>P(late)</th>";
  out += "</tr></thead><tbody>";
  for (std::size_t o = 0; o < n; ++o) {
    const OptionResult& res = r.options[o];
    const MetricSummary& c = res.metrics[cost];
    const MetricSummary& t = res.metrics[kTtmMonths];
    out += fmt::format(R"(<tr><td>{} <span class="tag">{}</span></td>)", option_label(s, o),
                       to_string(s.options[o].model));
    out += fmt::format(R"(<td class="sep">{}</td><td><strong>{}</strong></td><td>{}</td><td>{}</td>)",
                       money(c.quantiles[kP5]), money(c.quantiles[kP50]), money(c.quantiles[kP95]), money(c.cvar95));
    if (npv) out += "<td>" + money(res.metrics[kTotalCost].quantiles[kP50]) + "</td>";
    out += "<td>" + percent(res.p_best_cost) + "</td>";
    if (budget) out += "<td>" + optional_percent(res.p_over_budget) + "</td>";
    out += fmt::format(R"(<td class="sep">{}</td><td><strong>{}</strong></td><td>{}</td><td>{}</td>)",
                       months(t.quantiles[kP5]), months(t.quantiles[kP50]), months(t.quantiles[kP95]),
                       percent(res.p_fastest));
    if (late) out += "<td>" + optional_percent(res.p_late) + "</td>";
    out += "</tr>";
  }
  out += "</tbody></table></div>";
  std::string targets;
  if (s.targets.budget) targets += fmt::format(" Budget: {} {}.", money(*s.targets.budget), cur);
  if (s.targets.deadline_months) targets += fmt::format(" Deadline: {} months.", months(*s.targets.deadline_months));
  out += fmt::format(R"(<p class="note">P5, P50, P95: 5th, 50th (median) and 95th percentiles over all trials. )"
                     R"(CVaR95: the mean of the worst 5&#8239;% of trials, the tail to hold a reserve against.{}</p>)",
                     targets);
  return out;
}

std::string breakdown_section(const Scenario& s, const SimulationResult& r, std::size_t n) {
  const std::string cur = escape(s.currency);
  std::string out = fmt::format("<h2>Where the money goes</h2>");
  out += fmt::format(
      R"(<p class="explain">Mean of each cost component per trial, in {}. Delay cost is the margin lost on )"
      R"(demand not served while the product is not on sale yet.</p>)",
      cur);
  out += R"(<div class="legend">)";
  for (const Component& c : kComponents)
    out += fmt::format(R"(<span class="item"><span class="swatch" style="--c:{}"></span>{}</span>)", c.colour, c.label);
  out += "</div>";
  out += R"(<figure class="stack">)" + breakdown_chart(s, r) + "</figure>";
  out += R"(<div class="table-wrap"><table><thead><tr><th>option</th>)";
  for (const Component& c : kComponents) out += fmt::format("<th>{}</th>", c.label);
  out += "<th>total</th><th>units sold</th></tr></thead><tbody>";
  for (std::size_t o = 0; o < n; ++o) {
    const auto& m = r.options[o].metrics;
    out += "<tr><td>" + option_label(s, o) + "</td>";
    for (const Component& c : kComponents) out += "<td>" + money(m[c.metric].mean) + "</td>";
    out += fmt::format("<td><strong>{}</strong></td><td>{}</td></tr>", money(m[kTotalCost].mean),
                       money(m[kUnitsSold].mean));
  }
  out += "</tbody></table></div>";
  return out;
}

/// The EVPPI of the inputs worth most to know, as bars in money with their 95 % intervals, and
/// EVPI, the ceiling, as a dashed line.
std::string evppi_chart(const Scenario& s, const ValueOfInformation& v) {
  constexpr std::size_t kMaxBars = 10;
  constexpr double W = 640, bar = 18, gap = 7, top = 22, bottom = 40, right = 70, font = 11.5;
  const std::size_t k = std::min(kMaxBars, v.evppi.size());
  std::vector<std::string> labels;
  double label_w = 0;
  for (std::size_t i = 0; i < k; ++i) {
    std::string path = s.inputs[v.evppi[i].input].path;
    if (path.size() > 44) path = path.substr(0, 43) + "\xE2\x80\xA6";
    label_w = std::max(label_w, text_width(path, font));
    labels.push_back(std::move(path));
  }
  const double left = std::min(280.0, label_w + 12);
  const double H = top + static_cast<double>(k) * (bar + gap) - gap + bottom;
  double hi = v.evpi;
  for (std::size_t i = 0; i < k; ++i)
    hi = std::max(hi, v.evppi[i].estimate.value + kNormal95 * v.evppi[i].estimate.std_error);
  const svg::Ticks xt = svg::nice_ticks(0.0, hi > 0 ? hi : 1.0, 4);
  const svg::LinearScale x(xt.lo(), xt.hi(), left + 10, W - right);
  svg::Svg g(W, H, "Value of knowing each input before signing (EVPPI), with EVPI as the ceiling");
  const std::vector<std::string> xl = svg::tick_labels(xt);
  for (std::size_t i = 0; i < xt.values.size(); ++i) {
    const double px = x(xt.values[i]);
    g.line({px, top - 4}, {px, H - bottom}, xt.values[i] == 0 ? "axis" : "grid");
    g.text({px, H - bottom + 16}, xl[i], Anchor::Middle);
  }
  g.text({(left + W - right) / 2, H - 8}, fmt::format("expected saving from knowing the input first ({})", s.currency),
         Anchor::Middle, "axis-title");
  for (std::size_t i = 0; i < k; ++i) {
    const InformationEstimate& e = v.evppi[i].estimate;
    const double y0 = top + static_cast<double>(i) * (bar + gap);
    const bool real = e.distinguishable();
    g.rect(x(0), y0, x(e.value) - x(0), bar, real ? option_colour(v.choice) : "#BBBBBB",
           fmt::format("{}: EVPPI {} (+/- {}, bias {}){}", s.inputs[v.evppi[i].input].path, money(e.value),
                       money(kNormal95 * e.std_error), money(e.bias), real ? "" : ", not distinguishable from 0"));
    const double lo95 = std::max(0.0, e.value - kNormal95 * e.std_error), hi95 = e.value + kNormal95 * e.std_error;
    g.line({x(lo95), y0 + bar / 2}, {x(hi95), y0 + bar / 2}, "axis");
    g.text({left, y0 + bar / 2 + 4}, labels[i], Anchor::End, "driver");
    g.text({x(hi95) + 4, y0 + bar / 2 + 4}, real ? svg::compact_number(e.value) : std::string("\xE2\x89\x88 0"),
           Anchor::Start, "value");
  }
  const double ev = x(v.evpi);
  g.line({ev, top - 10}, {ev, H - bottom}, "ceiling");
  g.text({ev, top - 12}, fmt::format("EVPI {}", svg::compact_number(v.evpi)), Anchor::Middle, "value");
  return g.str();
}

/// One paired difference: a sentence on its distribution and the tornado of its drivers.
std::string paired_difference_html(const Scenario& s, const PairedDifference& p) {
  const std::string a = escape(s.options[p.a].name), b = escape(s.options[p.b].name), cur = escape(s.currency);
  const MetricSummary& d = p.difference;
  std::string out = fmt::format("<h3>{} &minus; {}{}</h3>", a, b, p.named ? " (--compare)" : "");
  out += fmt::format(
      R"(<p class="explain">Trial by trial, {} {} minus {}'s: mean {} {} (sd {}), P5 {}, P50 {}, P95 {}. )"
      R"(<strong>{}</strong> is the cheaper of the two in {} of trials; in the worst 5&nbsp;% for {} it costs )"
      R"({} {} more on average. Bars: Spearman rank correlation of each input with the difference; hover for the )"
      R"(swing (median difference in the input's highest 10&nbsp;% minus its lowest 10&nbsp;%).</p>)",
      a, s.decision_cost_words(), b, money(d.mean), cur, money(d.sd), money(d.quantiles[kP5]), money(d.quantiles[kP50]),
      money(d.quantiles[kP95]), a, percent(p.p_a_cheaper), a, money(d.cvar95), cur);
  std::vector<SensitivityEntry> entries;
  double total = 0;
  for (const DifferenceDriver& e : p.drivers) total += e.spearman * e.spearman;
  for (const DifferenceDriver& e : p.drivers)
    entries.push_back({e.input, e.spearman, total > 0 ? e.spearman * e.spearman / total : 0.0});
  if (!entries.empty())
    out += "<figure>" + tornado_chart(s, p.a, entries, fmt::format("{} \xE2\x88\x92 {}", a, b)) + "</figure>";
  if (!p.drivers.empty()) {
    out += fmt::format(R"(<div class="table-wrap"><table><thead><tr><th>input</th><th>Spearman</th>)"
                       R"(<th>median {0} &minus; {1}, input lowest 10&nbsp;%</th><th>&hellip; highest 10&nbsp;%</th>)"
                       R"(<th>swing</th></tr></thead><tbody>)",
                       a, b);
    for (std::size_t i = 0; i < std::min<std::size_t>(5, p.drivers.size()); ++i) {
      const DifferenceDriver& e = p.drivers[i];
      out += fmt::format("<tr><td><code>{}</code></td><td>{:+.2f}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                         escape(s.inputs[e.input].path), e.spearman, money(e.low_median), money(e.high_median),
                         money(e.swing()));
    }
    out += "</tbody></table></div>";
  }
  return out;
}

/// EVPI and EVPPI: "What is worth knowing before you sign".
std::string information_section(const Scenario& s, const SimulationResult& r) {
  if (r.paired_difference.empty()) return {};
  const ValueOfInformation& v = r.value_of_information;
  const std::string cur = escape(s.currency);
  std::string out = "<h2>What is worth knowing before you sign</h2>";
  out += fmt::format(
      R"(<p class="explain">Choosing now on mean {} picks <strong>{}</strong>. Knowing every input before )"
      R"(signing would save on average <strong>{} {}</strong> (&plusmn;{}): the expected value of perfect )"
      R"(information (EVPI, the dashed line), which is also the lowest mean regret &mdash; no market test, pilot )"
      R"(run or firmer quote can be worth more. Each bar is what knowing that input alone is worth (EVPPI, from )"
      R"({} equiprobable bins of the input over all {} trials), with its 95&nbsp;% interval; grey bars are not )"
      R"(distinguishable from zero.</p>)",
      s.decision_cost_words(), escape(s.options[v.choice].name), money(v.evpi), cur, money(kNormal95 * v.evpi_stderr),
      kValueBins, count(r.trials));
  out += "<figure>" + evppi_chart(s, v) + "</figure>";
  return out;
}

/// Each option when a top input lands in one of its extreme deciles.
std::string stress_html(const Scenario& s, const SimulationResult& r, std::size_t n) {
  if (r.stress.empty()) return {};
  std::string out = "<h2>If one input turns out badly</h2>";
  out += fmt::format(
      R"(<p class="explain">For the inputs worth most to know: each option's {} when the input lands in its )"
      R"(lowest or highest 10&nbsp;% of trials. P(cheapest) and the choice (lowest mean) are exact; P50 and P95 )"
      R"(come from a DDSketch (relative error &le; {}). A flip: the choice differs from {}.</p>)",
      s.decision_cost_words(), r.sketch_accuracy, escape(s.options[r.value_of_information.choice].name));
  out += R"(<div class="table-wrap"><table><thead><tr><th>input</th><th>decile</th><th>choice</th>)";
  for (std::size_t o = 0; o < n; ++o) out += "<th>" + option_label(s, o) + " P50 / P95 / P(cheapest)</th>";
  out += "</tr></thead><tbody>";
  for (const StressCase& c : r.stress) {
    out += fmt::format("<tr><td><code>{}</code></td><td>{}</td><td>{}{}</td>", escape(s.inputs[c.input].path),
                       c.high ? "top 10&nbsp;%" : "bottom 10&nbsp;%", option_label(s, c.choice),
                       c.flips ? " <strong>(flips)</strong>" : "");
    for (std::size_t o = 0; o < std::min(n, c.options.size()); ++o)
      out += fmt::format("<td>{} / {} / {}</td>", money(c.options[o].p50), money(c.options[o].p95),
                         percent(c.options[o].p_best_cost));
    out += "</tr>";
  }
  return out + "</tbody></table></div>";
}

std::string drivers_section(const Scenario& s, const SimulationResult& r, std::size_t n) {
  bool any = false;
  for (std::size_t o = 0; o < n; ++o) any = any || !r.options[o].sensitivity_total_cost.empty();
  if (!any) return {};
  std::string out = fmt::format("<h2>What drives {}</h2>", s.decision_cost_words());
  // What separates the options leads; each option's own spread follows.
  for (const PairedDifference& p : r.paired_difference) out += paired_difference_html(s, p);
  if (!r.paired_difference.empty()) out += "<h3>Each option's own spread</h3>";
  out += fmt::format(
      R"(<p class="explain">Spearman rank correlation between each uncertain input and the option's {} )"
      R"(over the first {} trials, strongest first (at most eight). A bar to the right: the higher the input, )"
      R"(the higher the cost. The option's own inputs are shown without its name. Narrowing the top inputs )"
      R"((firmer quotes, a contract clause) narrows the spread.</p>)",
      s.decision_cost_words(), count(r.sensitivity_trials));
  out += R"(<div class="smalls">)";
  for (std::size_t o = 0; o < n; ++o) {
    const auto& entries = r.options[o].sensitivity_total_cost;
    if (entries.empty()) continue;
    out += fmt::format(R"(<figure><h3>{}</h3>{}</figure>)", option_label(s, o), tornado_chart(s, o, entries));
  }
  return out + "</div>";
}

/// Format 2: the cash fan chart, then per option how deep the hole gets and when it closes.
std::string cash_section(const Scenario& s, const SimulationResult& r, std::size_t n) {
  const std::string cur = escape(s.currency);
  std::string out = "<h2>Cash</h2>";
  out += fmt::format(
      R"(<p class="explain">Cumulative cash (cash in from sales minus cash out for design, tooling, deposits, )"
      R"(order balances, carrying, quality, leaks and risks) at each month end, in {}. The line is the median )"
      R"((P50) of each month end across trials, the darker band P25 to P75, the paler band P5 to P95. {}</p>)",
      cur,
      s.runway ? fmt::format("The dashed line is the runway of {} {}: where an option's curve goes below it, the "
                             "option needs more cash than is available.",
                             money(*s.runway), cur)
               : std::string("No runway is set (<code>finance.runway</code>), so no cash limit is drawn."));
  out += line_legend(s, n, s.runway ? "runway" : "");
  out += "<figure>" + cash_fan_chart(s, r) + "</figure>";
  out += R"(<div class="table-wrap"><table><thead><tr><th>option</th><th>peak cash P50</th><th>peak cash P95</th>)";
  if (s.runway) out += "<th>P(cash short)</th>";
  out += "<th>payback P50 (months)</th><th>P(no payback)</th><th>units bought (mean)</th></tr></thead><tbody>";
  for (std::size_t o = 0; o < n; ++o) {
    const OptionResult& res = r.options[o];
    out += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td>", option_label(s, o),
                       money(res.metrics[kPeakCash].quantiles[kP50]), money(res.metrics[kPeakCash].quantiles[kP95]));
    if (s.runway) out += "<td>" + optional_percent(res.p_cash_short) + "</td>";
    out += fmt::format("<td>{}</td><td>{}</td><td>{}</td></tr>", months(res.metrics[kPaybackMonths].quantiles[kP50]),
                       percent(res.p_no_payback), money(res.metrics[kUnitsBought].mean));
  }
  out += "</tbody></table></div>";
  out += R"(<p class="note">Peak cash: the most money an option needs at any month end. Payback: the month end )"
         R"(at which cumulative cash is back at zero or above; P(no payback): the share of trials where it never )"
         R"(is within the horizon.</p>)";
  return out;
}

std::string distributions_section(const Scenario& s, const SimulationResult& r, std::size_t n) {
  const std::string cur = escape(s.currency);
  std::string h;
  const bool thresholds = s.targets.budget || s.targets.deadline_months;
  h += "<h2>Distributions</h2>";
  h += R"(<p class="explain">Cumulative share of trials at or below each value, P1 to P99. Read across at 50&#8239;% )"
       R"(for the median; a curve further left is cheaper or faster, a steeper one is less uncertain. Dots mark )"
       R"(the medians.</p>)";
  h += line_legend(s, n, thresholds ? "target" : "");
  std::optional<Threshold> budget, deadline;
  if (s.targets.budget) budget = Threshold{*s.targets.budget, "budget " + svg::compact_number(*s.targets.budget)};
  if (s.targets.deadline_months)
    deadline = Threshold{*s.targets.deadline_months, fmt::format("deadline {} mo", months(*s.targets.deadline_months))};
  h += R"(<div class="figs">)";
  const std::string cost_caption =
      budget ? fmt::format(
                   "Total cost per trial, in {0}. The height where a curve crosses the budget line is the "
                   "option's chance to stay within {1} {0}.",
                   cur, money(budget->value))
             : fmt::format("Total cost per trial, in {}.", cur);
  const std::string ttm_caption =
      deadline ? fmt::format(
                     "Months from the decision until on sale. The height where a curve crosses the deadline "
                     "line is the option's chance to be on sale by month {}.",
                     months(deadline->value))
               : std::string("Months from the decision until on sale.");
  h += fmt::format(R"(<figure>{}<figcaption>{}</figcaption></figure>)",
                   cdf_chart(s, r, kTotalCost, fmt::format("total cost ({})", s.currency), budget), cost_caption);
  h += fmt::format(R"(<figure>{}<figcaption>{}</figcaption></figure>)",
                   cdf_chart(s, r, kTtmMonths, "time to market (months)", deadline), ttm_caption);
  h += "</div>\n";
  return h;
}

std::string provenance(const Scenario& s, const SimulationResult& r, std::string_view generated) {
  std::string trials = count(r.trials);
  if (r.stopped_reason == StopReason::Precision && r.target_precision)
    trials += fmt::format(" (stopped when every option met the target precision of {:g}&#8239;%)",
                          100.0 * *r.target_precision);
  else if (r.target_precision)
    trials += fmt::format(" (the trial limit; the target precision of {:g}&#8239;% was not reached)",
                          100.0 * *r.target_precision);
  const std::string method = r.quantile_method == QuantileMethod::Exact
                                 ? std::string("exact order statistics (Hyndman&ndash;Fan type 7)")
                                 : fmt::format("DDSketch, relative error at most {:g}", r.sketch_accuracy);
  std::vector<std::pair<std::string_view, std::string>> rows = {
      {"tcosim", escape(kVersion)},
      {"scenario", escape(s.name)},
      {"source", "<code>" + escape(visible_text(s.source)) + "</code>"},
      {"sha256", "<code>" + escape(s.sha256) + "</code>"},
      {"seed", fmt::format("{}", r.seed)},
      {"trials", trials},
      {"sampling", r.sampling == Sampling::Lhs     ? "Latin hypercube"
                   : r.sampling == Sampling::Sobol ? "Sobol, digitally shifted (16 replicates)"
                                                   : "random (independent draws)"},
      {"quantiles", method},
      {"horizon", fmt::format("{:g} months", s.horizon_months)},
      {"currency", escape(s.currency)},
  };
  if (s.format >= 2) {
    rows.emplace_back("discount rate", fmt::format("{} a year", percent(s.discount_rate)));
    if (s.runway) rows.emplace_back("runway", money(*s.runway) + " " + escape(s.currency));
  }
  rows.emplace_back("generated", escape(generated));
  std::string out = R"(<footer><h2>Provenance</h2><dl>)";
  for (const auto& [k, v] : rows) out += fmt::format("<dt>{}</dt><dd>{}</dd>", k, v);
  out += "</dl>";
  out += R"(<p class="note">Same scenario, seed, trial count and tcosim version give the same numbers on any )"
         R"(machine and thread count; summary.json holds them unrounded.</p></footer>)";
  return out;
}

}  // namespace

std::string report_html(const Scenario& s, const SimulationResult& r) {
  return report_html(s, r, report_generated_utc());
}

std::string report_html(const Scenario& s, const SimulationResult& r, std::string_view generated) {
  const std::size_t n = std::min(s.options.size(), r.options.size());
  const std::string cur = escape(s.currency);
  std::string h;
  h += html::page_head("tcosim report: " + escape(s.name),
                       "svg .ceiling{stroke:var(--ink);stroke-width:1.5;stroke-dasharray:2 3}");

  h += R"(<header class="top"><p class="overline">tcosim sourcing report</p>)";
  h += fmt::format("<h1>{}</h1>", escape(s.name));
  if (!s.description.empty()) h += fmt::format(R"(<p class="lede">{}</p>)", escape(visible_text(s.description, true)));
  h += fmt::format(
      R"(<p class="meta">{} options &middot; {} trials &middot; seed {} &middot; horizon {} months &middot; )"
      R"(amounts in {} &middot; generated {}</p>)",
      n, count(r.trials), r.seed, fmt::format("{:g}", s.horizon_months), cur, escape(generated));
  h += "</header>\n";

  if (n == 0) return h + "<p>No options.</p></main></body></html>\n";

  h += headline(s, r, n) + "\n";
  h += "<h2>Percentiles</h2>" + percentile_table(s, r, n) + "\n";
  if (s.format >= 2) h += cash_section(s, r, n) + "\n";

  h += distributions_section(s, r, n);

  h += breakdown_section(s, r, n) + "\n";
  h += drivers_section(s, r, n) + "\n";
  h += information_section(s, r) + "\n";
  h += stress_html(s, r, n) + "\n";
  h += provenance(s, r, generated) + "\n";
  h += "</main>\n</body>\n</html>\n";
  return h;
}

}  // namespace tcosim
