#include "run/sweep.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <exception>
#include <limits>
#include <nlohmann/json.hpp>
#include <numeric>
#include <stdexcept>

#include "input/load_scenario.hpp"
#include "report/result_files.hpp"
#include "run/share_out.hpp"
#include "run/simulate.hpp"
#include "sim/communicator.hpp"
#include "sim/quantile_levels.hpp"
#include "util/error_text.hpp"
#include "util/parse_number.hpp"
#include "util/printable.hpp"

namespace tcosim {

namespace {

namespace fs = std::filesystem;

/// One point as it ran on some rank; `error` empty when it ran.
struct PointRun {
  std::string error;
  SweepPoint point;
  std::string scenario, currency;
  int format = 1;
};

/// The option's sweep.csv columns: its decision cost (npv_cost in format 2), time to market,
/// P(cheapest) and, in format 2, its peak cash.
SweepOption option_statistics(const Scenario& s, std::size_t o, const OptionResult& res) {
  const MetricSummary& c = res.metrics[s.decision_metric()];
  const MetricSummary& t = res.metrics[kTtmMonths];
  SweepOption out{s.options[o].name,      c.mean,         c.quantiles[1], c.quantiles[kP50Index],
                  c.quantiles[kP95Index], t.mean,         t.quantiles[1], t.quantiles[kP50Index],
                  t.quantiles[kP95Index], res.p_best_cost};
  if (s.format >= 2) {
    out.peak_cash_p50 = res.metrics[kPeakCash].quantiles[kP50Index];
    out.peak_cash_p95 = res.metrics[kPeakCash].quantiles[kP95Index];
  }
  return out;
}

/// Grid point `i` as a scenario: the base scenario with the point's values set.
struct PointScenario {
  std::vector<std::string> values;  ///< one per swept parameter
  std::string label;                ///< "path=value, path=value"
  ParseResult parsed;
  /// Why the point is not a valid scenario, every diagnostic on its own line.
  std::string invalid(std::size_t i) const {
    std::string error = fmt::format("point {} ({}) is not a valid scenario", i, label);
    for (const auto& d : parsed.errors) error += '\n' + d.to_string();
    return error;
  }
};

PointScenario load_point(const SweepSpec& spec, std::size_t i) {
  PointScenario p;
  p.values = grid_point(spec.params, i);
  std::vector<std::string> sets = spec.sets;
  for (std::size_t k = 0; k < spec.params.size(); ++k) {
    sets.push_back(spec.params[k].path + "=" + p.values[k]);
    p.label += fmt::format("{}{}={}", k ? ", " : "", spec.params[k].path, p.values[k]);
  }
  const ParseOptions options{.repair_correlations = false, .overrides = sets};
  p.parsed = spec.scenario_text ? parse_scenario_text(*spec.scenario_text, spec.scenario, options)
                                : load_scenario(spec.scenario, options);
  return p;
}

/// Every grid point parsed once, before any runs (parsing is cheap, a run is not): one invalid
/// value fails the sweep at once, naming every invalid point, instead of after the valid ones
/// ran. Every rank parses the whole grid, so under MPI all of them fail alike.
std::vector<PointScenario> load_grid(const SweepSpec& spec, std::size_t n_points) {
  std::vector<PointScenario> grid;
  std::string errors;
  for (std::size_t i = 0; i < n_points; ++i) {
    PointScenario& p = grid.emplace_back(load_point(spec, i));
    if (p.parsed.scenario) continue;
    if (!errors.empty()) errors += '\n';
    errors += p.invalid(i);
  }
  if (!errors.empty()) throw std::runtime_error(errors);
  return grid;
}

/// Runs grid point `i` (a valid scenario) into out_dir/point-<i>/; failures end up in the
/// result's error.
PointRun run_point(const SweepSpec& spec, const PointScenario& p, std::size_t i, std::size_t n_points) {
  PointRun pr;
  pr.point.values = p.values;
  const std::string& label = p.label;
  const Scenario& s = *p.parsed.scenario;
  const fs::path dir = spec.out_dir / fmt::format("point-{}", i);
  try {
    RunConfig cfg = resolve_run_config(s, {.trials = spec.trials});
    cfg.stop = spec.stop;
    const SimulationResult r = simulate(s, cfg);
    if (!spec.out_dir.empty()) write_result_files(dir, s, r);
    for (std::size_t o = 0; o < s.options.size(); ++o)
      pr.point.options.push_back(option_statistics(s, o, r.options[o]));
    pr.scenario = s.name;
    pr.format = s.format;
    pr.currency = s.currency;
    if (!spec.quiet)
      fmt::print(stderr, "point {}/{} ({}): {} trials in {:.2f} s -> {}/\n", i + 1, n_points, label, r.trials,
                 r.elapsed_s, dir.string());
  } catch (const RunInterrupted&) {
    throw;  // the whole sweep stops
  } catch (const std::exception& e) {
    pr.error = fmt::format("point {} ({}): {}", i, label, error_text(e));
  }
  return pr;
}

nlohmann::json encode(const PointRun& pr) {
  nlohmann::json opts = nlohmann::json::array();
  for (const SweepOption& o : pr.point.options)
    opts.push_back({o.name, o.cost_mean, o.cost_p5, o.cost_p50, o.cost_p95, o.ttm_mean, o.ttm_p5, o.ttm_p50, o.ttm_p95,
                    o.p_best_cost, o.peak_cash_p50, o.peak_cash_p95});
  return {{"error", pr.error},          {"format", pr.format},     {"values", pr.point.values},
          {"options", std::move(opts)}, {"scenario", pr.scenario}, {"currency", pr.currency}};
}

void decode(const nlohmann::json& e, PointRun& pr) {
  pr.error = e.at("error").get<std::string>();
  pr.point.values = e.at("values").get<std::vector<std::string>>();
  pr.scenario = e.at("scenario").get<std::string>();
  pr.currency = e.at("currency").get<std::string>();
  pr.format = e.at("format").get<int>();
  for (const auto& o : e.at("options"))
    pr.point.options.push_back({o[0].get<std::string>(), o[1].get<double>(), o[2].get<double>(), o[3].get<double>(),
                                o[4].get<double>(), o[5].get<double>(), o[6].get<double>(), o[7].get<double>(),
                                o[8].get<double>(), o[9].get<double>(), o[10].get<double>(), o[11].get<double>()});
}

/// The sweep in grid order; the first point that failed, or whose options differ, throws.
SweepResults assemble(const SweepSpec& spec, std::vector<PointRun>& runs) {
  SweepResults sweep;
  for (const SweepParam& p : spec.params) sweep.params.push_back(p.path);
  for (std::size_t i = 0; i < runs.size(); ++i) {
    PointRun& pr = runs[i];
    if (!pr.error.empty()) throw std::runtime_error(pr.error);
    if (!sweep.points.empty() && pr.point.options.size() != sweep.points.front().options.size())
      throw std::runtime_error(
          fmt::format("point {} has a different set of options; a sweep compares the same options", i));
    if (!sweep.points.empty() && pr.format != sweep.format)  // the columns compare one cost throughout
      throw std::runtime_error(fmt::format("point {} is format {}, point 0 format {}; a sweep compares one format", i,
                                           pr.format, sweep.format));
    pr.point.report = fmt::format("point-{}/report.html", i);
    sweep.points.push_back(std::move(pr.point));
    sweep.scenario = pr.scenario;
    sweep.currency = pr.currency;
    sweep.format = pr.format;
  }
  return sweep;
}

}  // namespace

std::string SweepParam::to_string() const { return fmt::format("{}={}", path, fmt::join(values, ",")); }

std::string SweepSpec::to_string() const {
  return fmt::format("{}: {} -> {}", scenario.empty() ? "(default scenario)" : scenario, fmt::join(params, " x "),
                     out_dir.string());
}

std::size_t grid_size(const std::vector<SweepParam>& params) {
  std::size_t n = 1;
  for (const SweepParam& p : params) n *= p.values.size();
  return n;
}

std::vector<std::string> grid_point(const std::vector<SweepParam>& params, std::size_t i) {
  std::vector<std::string> values(params.size());
  for (std::size_t k = params.size(); k-- > 0;) {
    values[k] = params[k].values[i % params[k].values.size()];
    i /= params[k].values.size();
  }
  return values;
}

std::vector<double> numeric_values(const SweepParam& param) {
  std::vector<double> xs;
  for (const std::string& v : param.values)
    xs.push_back(parse_finite_double(v).value_or(std::numeric_limits<double>::quiet_NaN()));
  return xs;
}

std::optional<std::string> breakeven_usage_error(const SweepSpec& spec) {
  if (!spec.breakeven) return std::nullopt;
  if (spec.params.size() != 1) return fmt::format("--breakeven needs exactly one --param (got {})", spec.params.size());
  for (const std::string& v : spec.params.front().values)
    if (!parse_finite_double(v)) return fmt::format("--breakeven needs numeric values; `{}` is not a number", v);
  return std::nullopt;
}

std::vector<Crossing> find_crossings(const std::vector<double>& xs, const std::vector<SweepPoint>& points) {
  std::vector<std::size_t> order(xs.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t i, std::size_t j) { return xs[i] < xs[j]; });
  auto p50 = [&](std::size_t k, std::size_t o) { return points[order[k]].options[o].cost_p50; };
  const std::vector<SweepOption>& first = points.front().options;
  std::vector<Crossing> out;
  for (std::size_t a = 0; a < first.size(); ++a)
    for (std::size_t b = a + 1; b < first.size(); ++b) {
      auto d = [&](std::size_t k) { return p50(k, a) - p50(k, b); };
      auto cheaper = [&](double diff) { return diff < 0 ? first[a].name : first[b].name; };
      for (std::size_t k = 0; k < order.size(); ++k) {
        const double dk = d(k);
        const double xk = xs[order[k]];
        if (dk == 0.0) {
          out.push_back({first[a].name, first[b].name, xk, p50(k, a), k > 0 ? cheaper(d(k - 1)) : ""});
          continue;
        }
        if (k + 1 == order.size()) break;
        const double dn = d(k + 1);
        if (dn == 0.0 || (dk < 0) == (dn < 0)) continue;
        const double t = dk / (dk - dn);
        out.push_back({first[a].name, first[b].name, xk + t * (xs[order[k + 1]] - xk),
                       p50(k, a) + t * (p50(k + 1, a) - p50(k, a)), cheaper(dk)});
      }
    }
  return out;
}

std::optional<SweepResults> run_sweep(const SweepSpec& spec) {
  const std::size_t n_points = grid_size(spec.params);
  const std::vector<PointScenario> grid = load_grid(spec, n_points);
  std::vector<PointRun> runs(n_points);
  const bool root = share_out(
      Communicator::world(), n_points, [&](std::size_t i) { runs[i] = run_point(spec, grid[i], i, n_points); },
      [&](std::size_t i) { return encode(runs[i]); },
      [&](std::size_t i, const nlohmann::json& e) { decode(e, runs[i]); });
  if (!root) return std::nullopt;
  SweepResults sweep = assemble(spec, runs);
  if (spec.breakeven) sweep.breakeven = find_crossings(numeric_values(spec.params.front()), sweep.points);
  return sweep;
}

}  // namespace tcosim
