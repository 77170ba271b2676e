#include "report/svg_chart.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <utility>

namespace tcosim::svg {

namespace {

// A typographic minus: a hyphen looks too short next to digits on an axis.
constexpr std::string_view kMinus = "\xE2\x88\x92";

std::string with_minus(std::string s) {
  if (!s.empty() && s.front() == '-') s = std::string(kMinus) + s.substr(1);
  return s;
}

/// "1234567" -> "1,234,567"; the integer part only, sign kept in front.
std::string group_thousands(const std::string& s) {
  const std::size_t start = (!s.empty() && s.front() == '-') ? 1 : 0;
  const std::size_t dot = std::min(s.find('.'), s.size());
  std::string out = s.substr(0, start);
  for (std::size_t i = start; i < dot; ++i) {
    if (i > start && (dot - i) % 3 == 0) out += ',';
    out += s[i];
  }
  return out + s.substr(dot);
}

struct Unit {
  double divisor;
  std::string_view suffix;
};

Unit unit_for(double magnitude) {
  if (magnitude >= 1e9) return {1e9, "B"};
  if (magnitude >= 1e6) return {1e6, "M"};
  if (magnitude >= 1e4) return {1e3, "k"};
  return {1.0, ""};
}

/// Fewest decimals (up to 3) that show `step` exactly, so neighbouring ticks never print alike.
int decimals_for(double step) {
  for (int d = 0; d < 3; ++d) {
    const double scaled = step * std::pow(10.0, d);
    if (std::fabs(scaled - std::round(scaled)) < 1e-6 * std::max(1.0, scaled)) return d;
  }
  return 3;
}

}  // namespace

std::string escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string num(double v) {
  if (!std::isfinite(v)) return "0";
  std::string s = fmt::format("{:.1f}", v);
  return s == "-0.0" ? "0.0" : s;
}

Ticks nice_ticks(double lo, double hi, int target) {
  if (!std::isfinite(lo) || !std::isfinite(hi)) lo = 0.0, hi = 1.0;
  if (lo > hi) std::swap(lo, hi);
  if (hi - lo <= 1e-12 * std::max(std::fabs(lo), std::fabs(hi))) {
    const double pad = lo == 0.0 ? 1.0 : std::fabs(lo) * 0.05;
    lo -= pad;
    hi += pad;
  }
  const double raw = (hi - lo) / std::max(1, target);
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = 10.0 * magnitude;
  for (double m : {1.0, 2.0, 2.5, 5.0}) {
    if (m * magnitude >= raw * (1.0 - 1e-9)) {
      step = m * magnitude;
      break;
    }
  }
  // Integer multiples of the step, so ticks carry no accumulated rounding error.
  const auto first = static_cast<long long>(std::floor(lo / step + 1e-9));
  const auto last = static_cast<long long>(std::ceil(hi / step - 1e-9));
  Ticks t;
  t.step = step;
  for (long long k = first; k <= last; ++k) t.values.push_back(static_cast<double>(k) * step);
  if (t.values.size() < 2) t.values.push_back(static_cast<double>(last + 1) * step);
  return t;
}

std::vector<std::string> tick_labels(const Ticks& t) {
  double magnitude = 0.0;
  for (double v : t.values) magnitude = std::max(magnitude, std::fabs(v));
  const Unit u = unit_for(magnitude);
  const int decimals = decimals_for(t.step / u.divisor);
  std::vector<std::string> out;
  for (double v : t.values) {
    if (std::fabs(v) < t.step * 1e-9) {
      out.emplace_back("0");
      continue;
    }
    std::string s = fmt::format("{:.{}f}", v / u.divisor, decimals);
    out.push_back(with_minus(group_thousands(s)) + std::string(u.suffix));
  }
  return out;
}

std::string compact_number(double v) {
  if (!std::isfinite(v)) return fmt::format("{}", v);
  if (v == 0.0) return "0";
  // Round to three significant digits first, so 999,600 becomes "1.00M" rather than "1000k".
  const double digits = std::floor(std::log10(std::fabs(v)));
  const double factor = std::pow(10.0, digits - 2);
  const double r = std::round(v / factor) * factor;
  const Unit u = std::fabs(r) >= 1e3 && std::fabs(r) < 1e4 ? Unit{1e3, "k"} : unit_for(std::fabs(r));
  const double x = std::fabs(r / u.divisor);
  const int decimals = x >= 100.0 ? 0 : x >= 10.0 ? 1 : 2;
  return with_minus(fmt::format("{:.{}f}", r / u.divisor, decimals)) + std::string(u.suffix);
}

Svg::Svg(double width, double height, std::string_view label) : width_(width), height_(height) {
  body_ = fmt::format("<title>{}</title>", escape(label));
}

void Svg::line(Point a, Point b, std::string_view css_class, std::string_view stroke) {
  body_ += fmt::format(R"(<line x1="{}" y1="{}" x2="{}" y2="{}" class="{}")", num(a.x), num(a.y), num(b.x), num(b.y),
                       escape(css_class));
  if (!stroke.empty()) body_ += fmt::format(R"( stroke="{}")", escape(stroke));
  body_ += "/>";
}

/// "x,y x,y ..." for polyline/polygon `points`, skipping non-finite points (a curve with a
/// gap is better than an SVG the browser rejects).
static std::string points_attribute(std::span<const Point> points) {
  std::string coords;
  for (const Point& p : points) {
    if (!std::isfinite(p.x) || !std::isfinite(p.y)) continue;
    if (!coords.empty()) coords += ' ';
    coords += num(p.x) + ',' + num(p.y);
  }
  return coords;
}

void Svg::polyline(std::span<const Point> points, std::string_view stroke, double width, std::string_view dash) {
  const std::string coords = points_attribute(points);
  if (coords.empty()) return;
  body_ += fmt::format(R"(<polyline class="series" points="{}" stroke="{}" stroke-width="{}")", coords, escape(stroke),
                       num(width));
  if (!dash.empty()) body_ += fmt::format(R"( stroke-dasharray="{}")", escape(dash));
  body_ += "/>";
}

void Svg::path(std::span<const Point> points, std::string_view stroke, double width, std::string_view dash,
               std::string_view tooltip) {
  std::string d;
  for (const Point& p : points) {
    if (!std::isfinite(p.x) || !std::isfinite(p.y)) continue;
    d += (d.empty() ? "M" : " L") + num(p.x) + ',' + num(p.y);
  }
  if (d.empty()) return;
  body_ += fmt::format(R"(<path class="series" d="{}" stroke="{}" stroke-width="{}")", d, escape(stroke), num(width));
  if (!dash.empty()) body_ += fmt::format(R"( stroke-dasharray="{}")", escape(dash));
  if (tooltip.empty()) {
    body_ += "/>";
  } else {
    body_ += fmt::format("><title>{}</title></path>", escape(tooltip));
  }
}

void Svg::polygon(std::span<const Point> points, std::string_view fill, double opacity) {
  const std::string coords = points_attribute(points);
  if (coords.empty()) return;
  body_ += fmt::format(R"(<polygon class="band" points="{}" fill="{}" fill-opacity="{:.2f}"/>)", coords, escape(fill),
                       opacity);
}

void Svg::rect(double x, double y, double w, double h, std::string_view fill, std::string_view tooltip) {
  body_ += fmt::format(R"(<rect x="{}" y="{}" width="{}" height="{}" fill="{}")", num(x), num(y), num(std::max(0.0, w)),
                       num(std::max(0.0, h)), escape(fill));
  if (tooltip.empty()) {
    body_ += "/>";
  } else {
    body_ += fmt::format("><title>{}</title></rect>", escape(tooltip));
  }
}

void Svg::circle(Point c, double r, std::string_view fill) {
  body_ += fmt::format(R"(<circle cx="{}" cy="{}" r="{}" fill="{}"/>)", num(c.x), num(c.y), num(r), escape(fill));
}

void Svg::text(Point at, std::string_view s, Anchor anchor, std::string_view css_class, std::string_view fill) {
  body_ += fmt::format(R"(<text x="{}" y="{}" text-anchor="{}" class="{}")", num(at.x), num(at.y),
                       svg::to_string(anchor), escape(css_class));
  if (!fill.empty()) body_ += fmt::format(R"( fill="{}")", escape(fill));
  body_ += fmt::format(">{}</text>", escape(s));
}

std::string Svg::str() const {
  // No xmlns: inside an HTML document the parser puts <svg> in the SVG namespace by itself,
  // and the page then names no URL at all.
  return fmt::format(R"(<svg viewBox="0 0 {} {}" width="{}" height="{}" role="img">{}</svg>)", num(width_),
                     num(height_), num(width_), num(height_), body_);
}

std::string Svg::to_string() const {
  return fmt::format("svg {} x {}, {} bytes of shapes", width_, height_, body_.size());
}

std::string Ticks::to_string() const { return fmt::format("ticks {} (step {})", fmt::join(values, ", "), step); }

std::string LinearScale::to_string() const { return fmt::format("[{}, {}] -> [{}, {}]", d0_, d1_, r0_, r1_); }

std::string Point::to_string() const { return fmt::format("({}, {})", x, y); }

}  // namespace tcosim::svg
