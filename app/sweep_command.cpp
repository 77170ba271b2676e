// `tcosim sweep`: one full run per point of a parameter grid, every point with the same seed
// (common random numbers: points differ only by the swept values), via --set overrides.
// docs/overnight.md describes the outputs and the break-even interpolation.
#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <numeric>

#include "app/commands.hpp"
#include "input/load_scenario.hpp"
#include "report/index_html.hpp"
#include "report/result_files.hpp"
#include "run/rank_reports.hpp"
#include "run/simulate.hpp"
#include "run/thread_limit.hpp"
#include "sim/communicator.hpp"
#include "sim/quantile_levels.hpp"
#include "util/atomic_file.hpp"
#include "util/csv_field.hpp"
#include "util/parse_number.hpp"
#include "util/utc_clock.hpp"

namespace tcosim {

namespace {

namespace fs = std::filesystem;

struct Param {
  std::string path;
  std::vector<std::string> values;
};

/// Statistics of one option at one grid point (the columns of sweep.csv).
struct PointOption {
  std::string option;
  double cost_mean = 0, cost_p5 = 0, cost_p50 = 0, cost_p95 = 0;
  double ttm_mean = 0, ttm_p5 = 0, ttm_p50 = 0, ttm_p95 = 0;
  double p_best_cost = 0;
};

/// One crossing of two options' P50 total-cost curves.
struct Crossing {
  std::string a, b;
  double x = 0.0, cost = 0.0;
  std::string cheaper_below;  ///< the cheaper of the two just below x ("" when they touch at the first point)
};

/// Where d = P50(a) - P50(b) changes sign between consecutive grid points, by linear
/// interpolation; a point where d is exactly 0 is a crossing at that point.
std::vector<Crossing> breakeven(const std::vector<double>& xs, const std::vector<std::vector<PointOption>>& points) {
  std::vector<std::size_t> order(xs.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t i, std::size_t j) { return xs[i] < xs[j]; });
  std::vector<Crossing> out;
  const std::size_t n_options = points.front().size();
  for (std::size_t a = 0; a < n_options; ++a)
    for (std::size_t b = a + 1; b < n_options; ++b) {
      auto d = [&](std::size_t k) { return points[order[k]][a].cost_p50 - points[order[k]][b].cost_p50; };
      auto cheaper = [&](double diff) { return diff < 0 ? points[0][a].option : points[0][b].option; };
      for (std::size_t k = 0; k < order.size(); ++k) {
        const double dk = d(k);
        const double xk = xs[order[k]];
        if (dk == 0.0) {
          out.push_back({points[0][a].option, points[0][b].option, xk, points[order[k]][a].cost_p50,
                         k > 0 ? cheaper(d(k - 1)) : ""});
          continue;
        }
        if (k + 1 == order.size()) break;
        const double dn = d(k + 1);
        if (dn == 0.0 || (dk < 0) == (dn < 0)) continue;
        const double x1 = xs[order[k + 1]];
        const double t = dk / (dk - dn);
        const double ca = points[order[k]][a].cost_p50, cn = points[order[k + 1]][a].cost_p50;
        out.push_back({points[0][a].option, points[0][b].option, xk + t * (x1 - xk), ca + t * (cn - ca), cheaper(dk)});
      }
    }
  return out;
}

}  // namespace

int sweep_command(const SweepOptions& opt) {
  std::vector<Param> params;
  for (const std::string& p : opt.params) {
    const std::size_t eq = p.find('=');
    Param param;
    if (eq != std::string::npos && eq > 0) {
      param.path = p.substr(0, eq);
      std::size_t start = eq + 1;
      while (true) {
        const std::size_t comma = p.find(',', start);
        param.values.push_back(p.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
    }
    if (param.path.empty() ||
        std::any_of(param.values.begin(), param.values.end(), [](const std::string& v) { return v.empty(); })) {
      fmt::print(stderr, "error: --param: expected PATH=V1,V2,..., got '{}'\n", p);
      return 2;
    }
    params.push_back(std::move(param));
  }
  std::vector<double> xs;
  if (opt.breakeven) {
    if (params.size() != 1) {
      fmt::print(stderr, "error: --breakeven needs exactly one --param (got {})\n", params.size());
      return 2;
    }
    for (const std::string& v : params[0].values) {
      const auto x = parse_finite_double(v);
      if (!x) {
        fmt::print(stderr, "error: --breakeven needs numeric values; `{}` is not a number\n", v);
        return 2;
      }
      xs.push_back(*x);
    }
  }
  std::size_t n_points = 1;
  for (const Param& p : params) n_points *= p.values.size();

  const ThreadLimit limit(opt.threads);
  const fs::path out(opt.out_dir);

  std::string csv = "point";
  for (const Param& p : params) {
    csv += ',';
    csv += csv_field(p.path);
  }
  csv +=
      ",option,total_cost_mean,total_cost_p5,total_cost_p50,total_cost_p95,ttm_months_mean,ttm_months_p5,"
      "ttm_months_p50,ttm_months_p95,p_best_cost\n";
  // Each point is a whole run; under MPI point i runs on rank i mod P and rank 0 assembles
  // the results in point order, so the files are the same for any number of ranks.
  Communicator& comm = Communicator::world();
  struct PointResult {
    std::string error;  ///< empty: the point ran
    std::vector<std::string> values;
    std::vector<PointOption> options;
    std::string scenario, currency;
  };
  std::vector<PointResult> results(n_points);
  for (std::size_t i = comm.rank(); i < n_points; i += comm.size()) {
    PointResult& pr = results[i];
    // Row-major: the last --param varies fastest.
    pr.values.resize(params.size());
    std::size_t rest = i;
    for (std::size_t k = params.size(); k-- > 0;) {
      pr.values[k] = params[k].values[rest % params[k].values.size()];
      rest /= params[k].values.size();
    }
    std::vector<std::string> sets = opt.sets;
    std::string label;
    for (std::size_t k = 0; k < params.size(); ++k) {
      sets.push_back(params[k].path + "=" + pr.values[k]);
      label += fmt::format("{}{}={}", k ? ", " : "", params[k].path, pr.values[k]);
    }
    ParseResult parsed = load_scenario(opt.scenario, ParseOptions{.repair_correlations = false, .overrides = sets});
    if (!parsed.scenario) {
      pr.error = fmt::format("point {} ({}) is not a valid scenario", i, label);
      for (const auto& d : parsed.errors) {
        pr.error += '\n';
        pr.error += d.to_string();
      }
      continue;
    }
    const Scenario& s = *parsed.scenario;
    const RunConfig cfg = resolve_run_config(s, {.trials = opt.trials});
    const fs::path dir = out / fmt::format("point-{}", i);
    try {
      const SimulationResult r = simulate(s, cfg);
      write_result_files(dir, s, r);
      for (std::size_t o = 0; o < s.options.size(); ++o) {
        const OptionResult& res = r.options[o];
        const MetricSummary& c = res.metrics[kTotalCost];
        const MetricSummary& t = res.metrics[kTtmMonths];
        pr.options.push_back({s.options[o].name, c.mean, c.quantiles[1], c.quantiles[kP50Index], c.quantiles[kP95Index],
                              t.mean, t.quantiles[1], t.quantiles[kP50Index], t.quantiles[kP95Index], res.p_best_cost});
      }
      pr.scenario = s.name;
      pr.currency = s.currency;
      fmt::print(stderr, "point {}/{} ({}): {} trials in {:.2f} s -> {}/\n", i + 1, n_points, label, r.trials,
                 r.elapsed_s, dir.string());
    } catch (const std::exception& e) {
      pr.error = fmt::format("point {} ({}): {}", i, label, e.what());
    }
  }
  if (comm.distributed()) {
    nlohmann::json mine = nlohmann::json::array();
    for (std::size_t i = comm.rank(); i < n_points; i += comm.size()) {
      const PointResult& pr = results[i];
      nlohmann::json opts = nlohmann::json::array();
      for (const PointOption& p : pr.options)
        opts.push_back({p.option, p.cost_mean, p.cost_p5, p.cost_p50, p.cost_p95, p.ttm_mean, p.ttm_p5, p.ttm_p50,
                        p.ttm_p95, p.p_best_cost});
      mine.push_back({{"point", i},
                      {"error", pr.error},
                      {"values", pr.values},
                      {"options", std::move(opts)},
                      {"scenario", pr.scenario},
                      {"currency", pr.currency}});
    }
    const auto others = reports_from_other_ranks(comm, mine);
    if (!others) return 0;
    for (const nlohmann::json& e : *others) {
      PointResult& pr = results[e.at("point").get<std::size_t>()];
      pr.error = e.at("error").get<std::string>();
      pr.values = e.at("values").get<std::vector<std::string>>();
      pr.scenario = e.at("scenario").get<std::string>();
      pr.currency = e.at("currency").get<std::string>();
      for (const auto& o : e.at("options"))
        pr.options.push_back({o[0].get<std::string>(), o[1].get<double>(), o[2].get<double>(), o[3].get<double>(),
                              o[4].get<double>(), o[5].get<double>(), o[6].get<double>(), o[7].get<double>(),
                              o[8].get<double>(), o[9].get<double>()});
    }
  }

  std::vector<std::vector<PointOption>> points;
  SweepIndex index;
  for (const Param& p : params) index.params.push_back(p.path);
  for (std::size_t i = 0; i < n_points; ++i) {
    const PointResult& pr = results[i];
    if (!pr.error.empty()) {
      fmt::print(stderr, "error: {}\n", pr.error);
      return 1;
    }
    for (const PointOption& p : pr.options) {
      csv += fmt::format("{}", i);
      for (const std::string& v : pr.values) {
        csv += ',';
        csv += csv_field(v);
      }
      csv += fmt::format(",{},{},{},{},{},{},{},{},{},{}\n", csv_field(p.option), p.cost_mean, p.cost_p5, p.cost_p50,
                         p.cost_p95, p.ttm_mean, p.ttm_p5, p.ttm_p50, p.ttm_p95, p.p_best_cost);
    }
    if (!points.empty() && pr.options.size() != points.front().size()) {
      fmt::print(stderr, "error: point {} has a different set of options; a sweep compares the same options\n", i);
      return 1;
    }
    points.push_back(pr.options);
    index.scenario = pr.scenario;
    index.currency = pr.currency;
    SweepIndexPoint& ip =
        index.points.emplace_back(SweepIndexPoint{pr.values, {}, fmt::format("point-{}/report.html", i)});
    for (const PointOption& p : pr.options)
      ip.options.push_back({p.option, p.cost_p5, p.cost_p50, p.cost_p95, p.p_best_cost});
  }
  try {
    write_file_atomically(out / "sweep.csv", csv);
    fmt::print(stderr, "wrote {} ({} points)\n", (out / "sweep.csv").string(), n_points);
    if (opt.breakeven) {
      const std::vector<Crossing> crossings = breakeven(xs, points);
      index.breakeven.emplace();
      for (const Crossing& c : crossings) index.breakeven->push_back({c.a, c.b, c.x, c.cost, c.cheaper_below});
      std::string be = "parameter,option_a,option_b,value,p50_total_cost,cheaper_below\n";
      for (const Crossing& c : crossings) {
        be += fmt::format("{},{},{},{},{},{}\n", csv_field(params[0].path), c.a, c.b, c.x, c.cost, c.cheaper_below);
        fmt::print("break-even: {} and {} cross at {} = {:.6g} (P50 total cost {:.0f}){}\n", c.a, c.b, params[0].path,
                   c.x, c.cost, c.cheaper_below.empty() ? "" : fmt::format("; {} is cheaper below", c.cheaper_below));
      }
      if (crossings.empty()) {
        const auto [lo, hi] = std::minmax_element(xs.begin(), xs.end());
        fmt::print("break-even: no two options' P50 total costs cross for {} in [{}, {}]\n", params[0].path, *lo, *hi);
      }
      write_file_atomically(out / "breakeven.csv", be);
    }
    write_file_atomically(out / "index.html", sweep_index_html(index, report_generated_utc()));
  } catch (const std::exception& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return 1;
  }
  return 0;
}

}  // namespace tcosim
