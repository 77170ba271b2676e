#pragma once
// `tcosim sweep` as library code: one full run per point of a parameter grid, every point with
// the same seed (common random numbers: points differ only by the swept values, applied as
// --set overrides), and with --breakeven where two options' P50 costs cross (total cost; in
// format 2 npv_cost, the decision metric of MODEL.md 7.4).
// docs/overnight.md describes the outputs and the break-even interpolation.
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "report/sweep_results.hpp"

namespace tcosim {

/// One swept scenario path and its values, as given (`--param PATH=V1,V2,...`).
struct SweepParam {
  std::string path;
  std::vector<std::string> values;

  /// "market.size=1,2,3".
  std::string to_string() const;
};

/// What to sweep and where the points go.
struct SweepSpec {
  std::string scenario;  ///< empty: the embedded default
  std::vector<SweepParam> params;
  std::filesystem::path out_dir;  ///< point-<i>/ for each grid point; empty: no point files
  std::optional<std::uint64_t> trials;
  bool breakeven = false;                  ///< needs exactly one parameter, with numeric values
  std::vector<std::string> sets;           ///< --set overrides applied at every point, before the swept ones
  bool quiet = false;                      ///< no line per point on stderr
  const std::atomic<int>* stop = nullptr;  ///< as RunConfig::stop, for every point's run
  /// The scenario's YAML text when it comes from no file (the Python module); `scenario` then
  /// names it in diagnostics.
  std::optional<std::string> scenario_text = std::nullopt;

  /// "scenario.yaml: market.size=1,2 x vendor.cost=3,4 -> out".
  std::string to_string() const;
};

/// How many points the grid has: the product of the parameters' value counts.
std::size_t grid_size(const std::vector<SweepParam>& params);

/// The values of grid point `i`, one per parameter, row-major (the last parameter varies fastest).
std::vector<std::string> grid_point(const std::vector<SweepParam>& params, std::size_t i);

/// The parameter's values as numbers, in order (a value that is not a number as NaN): the
/// x-axis of the break-even search.
std::vector<double> numeric_values(const SweepParam& param);

/// Why the spec cannot run with --breakeven (not exactly one parameter, or a value that is not a
/// number), as the message after "error: "; nullopt when it can, or breakeven is off.
std::optional<std::string> breakeven_usage_error(const SweepSpec& spec);

/// Where d = P50(a) - P50(b) changes sign between consecutive points (taken in increasing x),
/// by linear interpolation, for every pair of options; a point where d is exactly 0 is a
/// crossing at that point. `points[k]` lies at `xs[k]`; every point has the same options.
std::vector<Crossing> find_crossings(const std::vector<double>& xs, const std::vector<SweepPoint>& points);

/// Runs every grid point into out_dir/point-<i>/ (under MPI point i on rank i mod P), logging
/// each to stderr. On rank 0 returns the results in grid order (with the crossings when
/// spec.breakeven); elsewhere nullopt. Throws std::runtime_error when a point is not a valid
/// scenario or failed, or when the points' options differ.
std::optional<SweepResults> run_sweep(const SweepSpec& spec);

}  // namespace tcosim
