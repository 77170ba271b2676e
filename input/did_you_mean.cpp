#include "input/did_you_mean.hpp"

#include <algorithm>
#include <cctype>
#include <limits>
#include <vector>

namespace tcosim {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Short words tolerate fewer edits: with a budget of 2, "odn" would already match "odm" and
// "old" alike, and any two 2-letter words are within reach of each other.
std::size_t edit_budget(std::size_t length) {
  if (length <= 3) return 1;
  if (length <= 6) return 2;
  return 3;
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size(), m = b.size();
  // Three rolling rows suffice: the transposition step looks two rows back.
  std::vector<std::size_t> two_back(m + 1), prev(m + 1), cur(m + 1);
  for (std::size_t j = 0; j <= m; ++j) prev[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        cur[j] = std::min(cur[j], two_back[j - 2] + 1);
      }
    }
    std::swap(two_back, prev);
    std::swap(prev, cur);
  }
  return prev[m];
}

std::optional<std::string> did_you_mean(std::string_view word, std::span<const std::string_view> candidates) {
  const std::string w = lower(word);
  if (w.empty()) return std::nullopt;
  std::optional<std::string> best;
  std::size_t best_distance = std::numeric_limits<std::size_t>::max();
  for (std::string_view candidate : candidates) {
    const std::string c = lower(candidate);
    const std::size_t d = edit_distance(w, c);
    // A distance as large as the word itself means every letter was replaced: not a typo.
    if (d > edit_budget(w.size()) || d >= w.size()) continue;
    if (d < best_distance) {
      best_distance = d;
      best = std::string(candidate);
    }
  }
  if (best) return best;
  // Truncated keys are the other common slip; three letters keep `m` from matching `mode`.
  if (w.size() >= 3) {
    for (std::string_view candidate : candidates) {
      if (lower(candidate).starts_with(w)) return std::string(candidate);
    }
  }
  return std::nullopt;
}

std::string did_you_mean_hint(std::string_view word, std::span<const std::string_view> candidates) {
  const auto suggestion = did_you_mean(word, candidates);
  return suggestion ? "; did you mean `" + *suggestion + "`?" : std::string();
}

}  // namespace tcosim
