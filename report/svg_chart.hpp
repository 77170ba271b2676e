#pragma once
// A small SVG builder for the charts of report.html. Every number is written with a fixed
// number of decimals and every string is escaped, so the same chart always gives the same
// bytes and no user text can open a tag. Styling (fonts, axis greys) comes from the page's
// CSS classes; only data colours are written inline.
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "util/enum_names.hpp"

namespace tcosim::svg {

/// Text and attribute values for HTML or SVG: & < > " ' become entities.
std::string escape(std::string_view s);

/// A coordinate or length with one decimal ("12.5"; never "-0.0").
std::string num(double v);

/// Round tick values covering [lo, hi]: steps of 1, 2, 2.5 or 5 times a power of ten,
/// about `target` of them, the first <= lo and the last >= hi. A zero-width range is widened.
struct Ticks {
  std::vector<double> values;
  double step = 1.0;
  double lo() const { return values.front(); }
  double hi() const { return values.back(); }
  /// "ticks 0, 500, 1000 (step 500)".
  std::string to_string() const;
};
Ticks nice_ticks(double lo, double hi, int target = 6);

/// Labels for an axis's ticks with one suffix for all, chosen by the largest tick (k, M, B),
/// and just enough decimals to tell neighbours apart: 0, 500k, 1.0M -> "0", "0.5M", "1.0M".
std::vector<std::string> tick_labels(const Ticks& t);

/// A single amount to three significant digits with a suffix: 1926744 -> "1.93M", 24505 -> "24.5k".
std::string compact_number(double v);

/// Maps a data interval linearly onto a pixel interval (either may be reversed).
class LinearScale {
 public:
  LinearScale(double d0, double d1, double r0, double r1) : d0_(d0), d1_(d1), r0_(r0), r1_(r1) {}
  double operator()(double v) const { return d1_ == d0_ ? r0_ : r0_ + (v - d0_) / (d1_ - d0_) * (r1_ - r0_); }
  /// "[0, 10] -> [100, 0]": the data interval, then the pixel interval.
  std::string to_string() const;

 private:
  double d0_, d1_, r0_, r1_;
};

/// A position in viewBox units.
struct Point {
  double x = 0.0, y = 0.0;
  /// "(12.5, 40)".
  std::string to_string() const;
};

/// Where a text sits relative to its point.
enum class Anchor { Start, Middle, End };
/// The SVG text-anchor value: "start", "middle", "end".
constexpr std::string_view to_string(Anchor a) noexcept {
  constexpr EnumNames<Anchor, 3> kNames{{"start", "middle", "end"}};
  return kNames.of(a);
}

/// One <svg> element, built shape by shape. Sizes are in viewBox units; the element scales
/// to its container's width (CSS), keeping its aspect ratio.
class Svg {
 public:
  /// `label` is the chart's accessible name, written as its <title>.
  Svg(double width, double height, std::string_view label);

  /// `css_class` styles it (see the page's CSS); `stroke` overrides the colour when not empty.
  void line(Point a, Point b, std::string_view css_class, std::string_view stroke = {});
  /// A line through the points; non-finite points are skipped. `dash` is a stroke-dasharray.
  void polyline(std::span<const Point> points, std::string_view stroke, double width, std::string_view dash = {});
  /// The same line as a <path> ("M x,y L x,y ..."), with `tooltip` as its <title> when given.
  void path(std::span<const Point> points, std::string_view stroke, double width, std::string_view dash = {},
            std::string_view tooltip = {});
  /// A closed filled shape through the points (non-finite points skipped), e.g. an uncertainty band.
  void polygon(std::span<const Point> points, std::string_view fill, double opacity);
  /// `tooltip`, when given, becomes a <title> child (shown on hover, read by screen readers).
  void rect(double x, double y, double w, double h, std::string_view fill, std::string_view tooltip = {});
  void circle(Point c, double r, std::string_view fill);
  void text(Point at, std::string_view s, Anchor anchor = Anchor::Start, std::string_view css_class = "tick",
            std::string_view fill = {});

  double width() const { return width_; }
  double height() const { return height_; }
  /// The finished element.
  std::string str() const;
  /// "svg 640 x 400, 1234 bytes of shapes": its size, not its markup (str() has that).
  std::string to_string() const;

 private:
  double width_, height_;
  std::string body_;
};

}  // namespace tcosim::svg
