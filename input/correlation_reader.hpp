#pragma once
// The `correlations:` block of a scenario (MODEL.md section 2): reading and checking its
// entries, turning them into the matrices of a Gaussian copula, and describing the result.
// Read in two passes: the shape of each entry is checked with the rest of the file; the input
// paths can only be resolved once the inputs are laid out, i.e. once the rest is valid.
#include <string>
#include <vector>

#include "input/yaml_reader.hpp"
#include "models/scenario.hpp"

namespace tcosim {

/// One `[pathA, pathB, rho]` entry, as written.
struct CorrelationEntry {
  std::string a, b;
  double rho = 0.0;
  yaml_reader::Located at;  ///< the entry
  yaml_reader::Located a_at, b_at;

  /// "[a, b, rho] (line N)", as messages about conflicting entries name it.
  std::string to_string() const;
};

/// The block after its entries' shapes are checked, before their paths are resolved.
struct CorrelationDraft {
  bool present = false;
  YAML::Mark mark;    ///< the `correlations` key: where matrix-level problems are reported
  std::string field;  ///< "correlations"
  std::vector<CorrelationEntry> entries;

  /// "correlations: 3 entries (line 14)", or "no correlations".
  std::string to_string() const;
};

/// Reads `correlations` from the root mapping, reporting every entry that is not a
/// [pathA, pathB, rho] list of two different paths and a finite rho in [-1, 1], and every pair
/// given twice (in either order).
CorrelationDraft read_correlations(yaml_reader::Reporter& r, const yaml_reader::Mapping& root);

/// Resolves the paths against s.inputs (unknown paths get a did-you-mean, inputs that do not vary
/// are errors), builds s.correlation, and checks that the matrix is positive semi-definite:
/// when it is not, reports the entries that conflict most, or, with `repair`, replaces the
/// matrix by the nearest correlation matrix (Higham 2002) and sets CorrelationSpec::repaired.
void build_correlations(yaml_reader::Reporter& r, const CorrelationDraft& draft, bool repair, Scenario& s);

/// The correlation matrix a run uses, for people: every correlated input, then every pair as
/// Spearman rank correlations, requested and used (they differ only after a repair), and
/// whether and how far the matrix was repaired. Empty when the scenario has no correlations.
/// `tcosim run` / `replay` print it when CorrelationSpec::repaired is set.
std::string describe_correlation(const Scenario& s);

}  // namespace tcosim
