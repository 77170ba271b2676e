#include "input/correlation_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string_view>
#include <utility>

#include "input/did_you_mean.hpp"
#include "input/dist_reader.hpp"
#include "sim/correlation_matrix.hpp"

namespace tcosim {

namespace {

using yaml_reader::Located;
using yaml_reader::Reporter;

constexpr std::string_view kEntryShape = "an [input, input, rho] list";
// At most this many entries are named when a matrix is inconsistent: enough for the cycles
// people write by hand, few enough to read.
constexpr std::size_t kMaxConflictsNamed = 6;

std::optional<std::string> read_path(Reporter& r, const Located& at) {
  return yaml_reader::read_string(r, at, "an input path such as market.demand_units or oem-shenzhen.unit_cost");
}

std::optional<double> read_rho(Reporter& r, const Located& at) {
  const auto rho = yaml_reader::read_number(r, at);
  if (!rho) return std::nullopt;
  if (*rho < -1.0 || *rho > 1.0) {
    r.error(at, fmt::format("a rank correlation must lie in [-1, 1], found {}", format_number(*rho)));
    return std::nullopt;
  }
  return rho;
}

/// True for an input whose every draw is the same value: a rank correlation with it means
/// nothing. Besides constants this catches ranges of zero width, a certain or impossible
/// event, and a leak time that is never finite (annual_probability 0).
bool never_varies(const Distribution& d) {
  if (d.is_constant()) return true;
  if (d.kind == DistKind::Exponential) return !(d.p[0] > 0.0);
  return d.variance() == 0.0;
}

/// Reports an unknown or non-varying path; returns its slot otherwise.
std::optional<Slot> resolve(Reporter& r, const Scenario& s, const std::map<std::string_view, Slot>& slots,
                            const std::vector<std::string_view>& paths, const std::string& path, const Located& at) {
  const auto it = slots.find(path);
  if (it == slots.end()) {
    std::string hint = did_you_mean_hint(path, paths);
    // A field path from elsewhere in the file (`options.x.unit_cost`) is the likeliest slip.
    if (hint.empty() && path.starts_with("options.") && slots.contains(std::string_view(path).substr(8))) {
      hint = fmt::format("; input paths have no `options.` prefix: `{}`", path.substr(8));
    }
    if (hint.empty()) hint = "; inputs are named `market.<field>`, `<option>.<field>`, `<option>.delays.<name>`, ...";
    r.error(at, fmt::format("unknown input `{}`{}", path, hint));
    return std::nullopt;
  }
  const InputSpec& in = s.inputs[it->second];
  if (never_varies(in.dist)) {
    r.error(at, fmt::format("`{}` does not vary ({}): there is nothing to correlate; give it a distribution or "
                            "remove this entry",
                            path, in.dist.describe()));
    return std::nullopt;
  }
  return it->second;
}

/// "the entries that conflict most": the eigenvector v of the most negative eigenvalue gives
/// lambda = v' P v = sum_i v_i^2 + sum over entries of 2 v_i v_j P_ij; the entries whose terms
/// are most negative are what drag it below zero. Those within a factor 4 of the worst are named.
std::string conflicting_entries(const CorrelationDraft& draft, const std::vector<std::pair<Slot, Slot>>& cells,
                                const std::vector<double>& pearson, std::size_t n, const SmallestEigenpair& eig) {
  std::vector<std::pair<double, std::size_t>> terms;
  for (std::size_t e = 0; e < cells.size(); ++e) {
    const auto [i, j] = cells[e];
    terms.emplace_back(2.0 * eig.vector[i] * eig.vector[j] * pearson[i * n + j], e);
  }
  std::stable_sort(terms.begin(), terms.end());
  std::vector<std::string> named;
  for (const auto& [term, e] : terms) {
    if (!(term < 0.0) || term > 0.25 * terms.front().first || named.size() == kMaxConflictsNamed) break;
    named.push_back(draft.entries[e].to_string());
  }
  return fmt::format("{}", fmt::join(named, ", "));
}

}  // namespace

std::string CorrelationEntry::to_string() const {
  return fmt::format("[{}, {}, {}] (line {})", a, b, format_number(rho), yaml_reader::line_of(at.mark));
}

std::string CorrelationDraft::to_string() const {
  if (!present) return "no correlations";
  return fmt::format("{}: {} entr{} (line {})", field, entries.size(), entries.size() == 1 ? "y" : "ies",
                     yaml_reader::line_of(mark));
}

CorrelationDraft read_correlations(Reporter& r, const yaml_reader::Mapping& root) {
  CorrelationDraft draft;
  const yaml_reader::Entry* block = root.find("correlations");
  if (block == nullptr) return draft;
  draft.present = true;
  draft.mark = block->key_mark;
  draft.field = block->value.path;
  const auto elements = yaml_reader::read_sequence(r, block->value, "a list of [input, input, rho] entries");
  if (!elements) return draft;
  std::map<std::pair<std::string, std::string>, int> first_line;
  for (const Located& element : *elements) {
    if (!element.node.IsSequence() || element.node.size() != 3) {
      const std::string found = element.node.IsSequence() ? fmt::format("a list of {} item{}", element.node.size(),
                                                                        element.node.size() == 1 ? "" : "s")
                                                          : yaml_reader::describe(element.node);
      r.error(element, fmt::format("expected {}, found {}", kEntryShape, found));
      continue;
    }
    const auto parts = yaml_reader::read_sequence(r, element, kEntryShape);
    const auto a = read_path(r, (*parts)[0]);
    const auto b = read_path(r, (*parts)[1]);
    const auto rho = read_rho(r, (*parts)[2]);
    if (!a || !b || !rho) continue;
    if (*a == *b) {
      r.error(element, fmt::format("correlates `{}` with itself; name two different inputs", *a));
      continue;
    }
    const auto key = std::minmax(*a, *b);
    const auto [it, inserted] =
        first_line.emplace(std::pair(key.first, key.second), yaml_reader::line_of(element.mark));
    if (!inserted) {
      r.error(element, fmt::format("duplicate pair `{}`, `{}`{}", key.first, key.second,
                                   yaml_reader::line_note("first given", it->second)));
      continue;
    }
    draft.entries.push_back(CorrelationEntry{*a, *b, *rho, element, (*parts)[0], (*parts)[1]});
  }
  return draft;
}

void build_correlations(Reporter& r, const CorrelationDraft& draft, bool repair, Scenario& s) {
  if (draft.entries.empty()) return;
  std::map<std::string_view, Slot> slots;
  std::vector<std::string_view> paths;
  for (Slot k = 0; k < s.inputs.size(); ++k) {
    slots.emplace(s.inputs[k].path, k);
    paths.push_back(s.inputs[k].path);
  }

  // Each entry as a cell (i, j) of the matrix, over the inputs in first-mention order.
  CorrelationSpec c;
  std::map<Slot, Slot> index;  // input slot -> row
  std::vector<std::pair<Slot, Slot>> cells;
  bool ok = true;
  const auto row_of = [&](Slot k) {
    const auto [it, inserted] = index.emplace(k, static_cast<Slot>(c.slots.size()));
    if (inserted) c.slots.push_back(k);
    return it->second;
  };
  for (const CorrelationEntry& e : draft.entries) {
    const auto a = resolve(r, s, slots, paths, e.a, e.a_at);
    const auto b = resolve(r, s, slots, paths, e.b, e.b_at);
    if (!a || !b) {
      ok = false;
      continue;
    }
    const Slot i = row_of(*a);
    cells.emplace_back(i, row_of(*b));
  }
  if (!ok) return;

  const std::size_t n = c.slots.size();
  c.spearman.assign(n * n, 0.0);
  c.pearson.assign(n * n, 0.0);
  for (std::size_t i = 0; i < n; ++i) c.spearman[i * n + i] = c.pearson[i * n + i] = 1.0;
  for (std::size_t e = 0; e < cells.size(); ++e) {
    const auto [i, j] = cells[e];
    const double rho = draft.entries[e].rho;
    c.spearman[i * n + j] = c.spearman[j * n + i] = rho;
    c.pearson[i * n + j] = c.pearson[j * n + i] = spearman_to_pearson(rho);
  }

  const SmallestEigenpair eig = smallest_eigenpair(c.pearson, n);
  if (eig.value < -kPsdTolerance) {
    if (!repair) {
      r.error(draft.mark, draft.field,
              fmt::format("these rank correlations cannot all hold at once (their correlation matrix is not positive "
                          "semi-definite: smallest eigenvalue {:.3g}); the entries that conflict most: {}. Weaken one "
                          "of them, or run with --repair-correlations to use the nearest valid matrix",
                          eig.value, conflicting_entries(draft, cells, c.pearson, n, eig)));
      return;
    }
    c.pearson = nearest_correlation(c.pearson, n).matrix;
    c.repaired = true;
  }
  c.cholesky = correlation_factor(c.pearson, n);
  s.correlation = std::move(c);
}

std::string describe_correlation(const Scenario& s) {
  const CorrelationSpec& c = s.correlation;
  if (c.empty()) return {};
  const std::size_t n = c.slots.size();
  std::string out;
  if (c.repaired) {
    double distance2 = 0.0;
    for (std::size_t i = 0; i < n * n; ++i) {
      const double d = c.pearson[i] - spearman_to_pearson(c.spearman[i]);
      distance2 += d * d;
    }
    std::vector<double> requested(n * n);
    std::transform(c.spearman.begin(), c.spearman.end(), requested.begin(), spearman_to_pearson);
    out += fmt::format(
        "correlations: the requested rank correlations cannot all hold at once (smallest eigenvalue {:.3g}); using the "
        "nearest valid correlation matrix instead (Higham 2002; Frobenius distance {:.3g} between the requested and "
        "the used normal-score correlations)\n",
        smallest_eigenpair(requested, n).value, std::sqrt(distance2));
  } else {
    out += "correlations: the requested rank correlations are used as given\n";
  }
  out += "rank correlations (Spearman) used, between:\n";
  for (std::size_t i = 0; i < n; ++i) out += fmt::format("  [{}] {}\n", i + 1, s.inputs[c.slots[i]].path);
  out += "      ";
  for (std::size_t j = 0; j < n; ++j) out += fmt::format(" {:>7}", fmt::format("[{}]", j + 1));
  out += '\n';
  for (std::size_t i = 0; i < n; ++i) {
    out += fmt::format("  {:>4}", fmt::format("[{}]", i + 1));
    for (std::size_t j = 0; j < n; ++j) {
      const double used = pearson_to_spearman(c.pearson[i * n + j]);
      out += fmt::format(" {:7.4f}", std::fabs(used) < 5e-5 ? 0.0 : used);  // no "-0.0000" from rounding
    }
    out += '\n';
  }
  if (c.repaired) {
    out += "changed (requested -> used):\n";
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = i + 1; j < n; ++j) {
        const double requested = c.spearman[i * n + j];
        const double used = pearson_to_spearman(c.pearson[i * n + j]);
        // Four decimals is what the matrix shows; smaller changes are rounding of the repair.
        if (std::fabs(used - requested) < 5e-5) continue;
        out += fmt::format("  {} ~ {}: {} -> {:.4f}\n", s.inputs[c.slots[i]].path, s.inputs[c.slots[j]].path,
                           format_number(requested), used);
      }
    }
  }
  return out;
}

}  // namespace tcosim
