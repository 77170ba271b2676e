#pragma once
// Pieces shared by tcosim's self-contained HTML pages (report.html, the batch and sweep
// index.html): the page's CSS and <head>, the option palette and the fixed number formats.
// Everything is deterministic: the same inputs give the same bytes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace tcosim::html {

/// Okabe & Ito's palette per option index (colour-vision safe); past eight it repeats with dashes.
std::string_view option_colour(std::size_t o);
/// The stroke-dasharray of option `o`'s line ("" for solid).
std::string_view option_dash(std::size_t o);

/// 1234567 -> "1,234,567".
std::string count(std::uint64_t n);
/// 1234567.8 -> "1,234,568"; amounts under 100 keep cents; a minus sign, not a hyphen.
std::string money(double v);
/// 0.123 -> "12.3&#8239;%" (HTML); rare events keep two significant digits instead of "0.0 %".
std::string percent(double p);

/// The page's stylesheet (inside <style>).
std::string_view css();
/// "<!DOCTYPE html>" through "<main>\n": charset, a Content-Security-Policy that allows
/// nothing but inline styles, the generator, `title` (already escaped) and the CSS, followed
/// by `extra_css` (a page's own rules).
std::string page_head(std::string_view escaped_title, std::string_view extra_css = {});

/// A relative URL path for a file path: every byte outside [A-Za-z0-9-._~/] percent-encoded.
std::string url_path(std::string_view path);

}  // namespace tcosim::html
