#include "report/cash_chart.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <span>
#include <vector>

#include "report/html_page.hpp"
#include "report/svg_chart.hpp"

namespace tcosim {

namespace {

using svg::Anchor;
using svg::Point;

constexpr double W = 880, H = 380, kLeft = 60, kRight = 18, kTop = 26, kBottom = 50;
// Wide enough to see where the options' bands overlap, pale enough that the lines stay readable.
constexpr double kOuterOpacity = 0.12, kInnerOpacity = 0.24;

struct Axes {
  svg::LinearScale x, y;
};

/// Lowest P5 and highest P95 of every option's curve, with 0 (the start) and -runway in range.
std::pair<double, double> cash_range(const Scenario& s, const SimulationResult& r, std::size_t n) {
  double lo = 0.0, hi = 0.0;
  for (std::size_t o = 0; o < n; ++o) {
    for (double v : r.options[o].cash_curve.p5)
      if (std::isfinite(v)) lo = std::min(lo, v);
    for (double v : r.options[o].cash_curve.p95)
      if (std::isfinite(v)) hi = std::max(hi, v);
  }
  if (s.runway) lo = std::min(lo, -*s.runway);
  return {lo, hi};
}

/// The month ends and one percentile series as chart points, from (0, 0).
std::vector<Point> series_points(const Axes& a, const CashCurve& c, const std::vector<double>& values) {
  std::vector<Point> pts{{a.x(0.0), a.y(0.0)}};
  for (std::size_t k = 0; k < c.month_end.size() && k < values.size(); ++k)
    pts.push_back({a.x(c.month_end[k]), a.y(values[k])});
  return pts;
}

/// The area between two percentile series: along the upper one, back along the lower one.
std::vector<Point> band_points(const Axes& a, const CashCurve& c, const std::vector<double>& lower,
                               const std::vector<double>& upper) {
  std::vector<Point> pts = series_points(a, c, upper);
  const std::vector<Point> low = series_points(a, c, lower);
  pts.insert(pts.end(), low.rbegin(), low.rend());
  return pts;
}

/// Month ticks inside [0, horizon]: the curve ends at the horizon, so the axis does too.
std::vector<double> month_ticks(double horizon) {
  std::vector<double> out;
  for (double v : svg::nice_ticks(0.0, horizon, 8).values)
    if (v >= 0.0 && v <= horizon * (1 + 1e-9)) out.push_back(v);
  return out;
}

Axes draw_axes(svg::Svg& g, const Scenario& s, double lo, double hi) {
  const double horizon = s.horizon_months > 0 ? s.horizon_months : 1.0;
  const svg::Ticks yt = svg::nice_ticks(lo, hi, 6);
  const Axes a{svg::LinearScale(0.0, horizon, kLeft, W - kRight),
               svg::LinearScale(yt.lo(), yt.hi(), H - kBottom, kTop)};
  for (double m : month_ticks(horizon)) {
    g.line({a.x(m), kTop}, {a.x(m), H - kBottom}, "grid");
    g.text({a.x(m), H - kBottom + 16}, fmt::format("{:g}", m), Anchor::Middle);
  }
  const std::vector<std::string> yl = svg::tick_labels(yt);
  for (std::size_t i = 0; i < yt.values.size(); ++i) {
    const double py = a.y(yt.values[i]);
    g.line({kLeft, py}, {W - kRight, py}, "grid");
    g.text({kLeft - 6, py + 4}, yl[i], Anchor::End);
  }
  g.line({kLeft, a.y(0.0)}, {W - kRight, a.y(0.0)}, "axis");
  g.line({kLeft, kTop}, {kLeft, H - kBottom}, "axis");
  g.text({kLeft + (W - kLeft - kRight) / 2, H - 10}, "months from the decision", Anchor::Middle, "axis-title");
  g.text({kLeft - 6, kTop - 12}, fmt::format("cumulative cash ({})", s.currency), Anchor::Start, "axis-title");
  return a;
}

void draw_runway(svg::Svg& g, const Axes& a, double runway, std::string_view currency) {
  const double py = a.y(-runway);
  g.line({kLeft, py}, {W - kRight, py}, "threshold");
  g.text({W - kRight - 4, py - 6},
         fmt::format("runway {} {}: cash needed below this line", svg::compact_number(runway), currency), Anchor::End,
         "threshold-label");
}

}  // namespace

std::string cash_fan_chart(const Scenario& s, const SimulationResult& r) {
  const std::size_t n = std::min(s.options.size(), r.options.size());
  bool any = false;
  for (std::size_t o = 0; o < n; ++o) any = any || !r.options[o].cash_curve.empty();
  if (!any) return {};
  const auto [lo, hi] = cash_range(s, r, n);
  svg::Svg g(W, H, "Cumulative cash per option over the months: P5-P95 and P25-P75 bands, P50 line");
  const Axes a = draw_axes(g, s, lo, hi);
  // All bands first, then every line, so no option's band hides another option's median.
  for (std::size_t o = 0; o < n; ++o) {
    const CashCurve& c = r.options[o].cash_curve;
    g.polygon(band_points(a, c, c.p5, c.p95), html::option_colour(o), kOuterOpacity);
    g.polygon(band_points(a, c, c.p25, c.p75), html::option_colour(o), kInnerOpacity);
  }
  for (std::size_t o = 0; o < n; ++o) {
    const CashCurve& c = r.options[o].cash_curve;
    g.path(series_points(a, c, c.p50), html::option_colour(o), 2.5, html::option_dash(o),
           fmt::format("{}: P50 of cumulative cash", s.options[o].name));
  }
  if (s.runway) draw_runway(g, a, *s.runway, s.currency);
  return g.str();
}

}  // namespace tcosim
