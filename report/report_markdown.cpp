// report.md: what a sourcing manager reads first. Numbers are rounded for people here;
// summary.json and percentiles.csv carry the exact values.
#include "report/report_markdown.hpp"

#include <fmt/format.h>

#include <cmath>
#include <string>

#include "util/version.hpp"

namespace tcosim {

namespace {

/// 1234567.8 -> "1,234,568"; small amounts keep cents.
std::string money(double v) {
  if (!std::isfinite(v)) return fmt::format("{}", v);
  if (std::fabs(v) < 100.0) return fmt::format("{:.2f}", v);
  const long long n = std::llround(v);
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

std::string months(double v) { return fmt::format("{:.1f}", v); }
std::string percent(double p) {
  // Rare but real events must not print as "0.0 %".
  if (p > 0.0 && p < 0.001) return fmt::format("{:.2g} %", 100.0 * p);
  return fmt::format("{:.1f} %", 100.0 * p);
}

std::size_t argmin_by(const SimulationResult& r, auto key) {
  std::size_t best = 0;
  for (std::size_t o = 1; o < r.options.size(); ++o)
    if (key(r.options[o]) < key(r.options[best])) best = o;
  return best;
}

std::size_t argmax_by(const SimulationResult& r, auto key) {
  return argmin_by(r, [&](const OptionResult& o) { return -key(o); });
}

constexpr std::size_t kP5 = 1, kP50 = 4, kP95 = 7;  // positions in kQuantileLevels

}  // namespace

std::string report_markdown(const Scenario& s, const SimulationResult& r) {
  const std::string& cur = s.currency;
  auto name = [&](std::size_t o) { return s.options[o].name; };
  std::string md = fmt::format("# tcosim report: {}\n\n", s.name);
  if (!s.description.empty()) md += s.description + "\n\n";
  md += fmt::format(
      "{} trials, seed {}, horizon {} months, amounts in {}; quantiles {}. Scenario `{}` (sha256 {}), tcosim {}.\n\n",
      r.trials, r.seed, s.horizon_months, cur,
      r.quantile_method == QuantileMethod::Exact
          ? std::string("exact")
          : fmt::format("from a DDSketch (relative error <= {})", r.sketch_accuracy),
      s.source, s.sha256.substr(0, 12), kVersion);
  if (r.target_precision)
    md +=
        fmt::format("Target precision {} (95 % half-width of total cost's mean, P50 and P95): {} after {} trials.\n\n",
                    *r.target_precision,
                    r.stopped_reason == StopReason::Precision ? "reached" : "not reached by the trial limit", r.trials);

  const std::size_t cheapest =
      argmin_by(r, [](const OptionResult& o) { return o.metrics[kTotalCost].quantiles[kP50]; });
  const std::size_t most_wins = argmax_by(r, [](const OptionResult& o) { return o.p_best_cost; });
  const std::size_t fastest = argmin_by(r, [](const OptionResult& o) { return o.metrics[kTtmMonths].quantiles[kP50]; });
  const std::size_t least_regret = argmin_by(r, [](const OptionResult& o) { return o.mean_regret; });
  md += "## Decision\n\n";
  md += fmt::format("- Cheapest at the median: **{}**, P50 total cost {} {} (P5 {} to P95 {}).\n", name(cheapest),
                    money(r.options[cheapest].metrics[kTotalCost].quantiles[kP50]), cur,
                    money(r.options[cheapest].metrics[kTotalCost].quantiles[kP5]),
                    money(r.options[cheapest].metrics[kTotalCost].quantiles[kP95]));
  md += fmt::format("- Cheapest most often: **{}**, the lowest total cost in {} of trials.\n", name(most_wins),
                    percent(r.options[most_wins].p_best_cost));
  md += fmt::format("- Fastest to market: **{}**, P50 time to market {} months; fastest in {} of trials.\n",
                    name(fastest), months(r.options[fastest].metrics[kTtmMonths].quantiles[kP50]),
                    percent(r.options[fastest].p_fastest));
  md += fmt::format("- Least regret: **{}**, on average {} {} above the best option of each trial.\n",
                    name(least_regret), money(r.options[least_regret].mean_regret), cur);
  for (std::size_t o = 0; o < s.options.size(); ++o)
    if (r.options[o].p_never_on_sale > 0)
      md += fmt::format("- **{}** never reaches the market within the horizon in {} of trials.\n", name(o),
                        percent(r.options[o].p_never_on_sale));

  if (s.targets.budget)
    for (std::size_t o = 0; o < s.options.size(); ++o)
      md += fmt::format("- **{}** exceeds the budget of {} {} in {} of trials.\n", name(o), money(*s.targets.budget),
                        cur, percent(*r.options[o].p_over_budget));
  if (s.targets.deadline_months)
    for (std::size_t o = 0; o < s.options.size(); ++o)
      md += fmt::format("- **{}** misses the {}-month deadline in {} of trials.\n", name(o), *s.targets.deadline_months,
                        percent(*r.options[o].p_late));

  md += fmt::format("\n## Total cost ({})\n\n", cur);
  md += "| option | model | P5 | P50 | P95 | mean | CVaR95 | P(cheapest) | mean regret |\n";
  md += "|---|---|---:|---:|---:|---:|---:|---:|---:|\n";
  for (std::size_t o = 0; o < s.options.size(); ++o) {
    const MetricSummary& m = r.options[o].metrics[kTotalCost];
    md += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} | {} |\n", name(o), to_string(s.options[o].model),
                      money(m.quantiles[kP5]), money(m.quantiles[kP50]), money(m.quantiles[kP95]), money(m.mean),
                      money(m.cvar95), percent(r.options[o].p_best_cost), money(r.options[o].mean_regret));
  }
  md += "\n## Time to market (months)\n\n";
  md += "| option | P5 | P50 | P95 | mean | P(fastest) | P(never on sale) |\n";
  md += "|---|---:|---:|---:|---:|---:|---:|\n";
  for (std::size_t o = 0; o < s.options.size(); ++o) {
    const MetricSummary& m = r.options[o].metrics[kTtmMonths];
    md += fmt::format("| {} | {} | {} | {} | {} | {} | {} |\n", name(o), months(m.quantiles[kP5]),
                      months(m.quantiles[kP50]), months(m.quantiles[kP95]), months(m.mean),
                      percent(r.options[o].p_fastest), percent(r.options[o].p_never_on_sale));
  }
  md += fmt::format("\n## Mean cost breakdown ({})\n\n", cur);
  md +=
      "| option | upfront | purchase | carrying | quality | delay cost | IP loss | risk cost | total | units sold |\n";
  md += "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
  for (std::size_t o = 0; o < s.options.size(); ++o) {
    const auto& m = r.options[o].metrics;
    md += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n", name(o), money(m[kUpfront].mean),
                      money(m[kPurchase].mean), money(m[kCarrying].mean), money(m[kQuality].mean),
                      money(m[kDelayCost].mean), money(m[kIpLoss].mean), money(m[kRiskCost].mean),
                      money(m[kTotalCost].mean), money(m[kUnitsSold].mean));
  }
  md += fmt::format("\n## What drives the spread of total cost (Spearman rank correlation, first {} trials)\n\n",
                    r.sensitivity_trials);
  md += "| option | driver 1 | driver 2 | driver 3 |\n|---|---|---|---|\n";
  for (std::size_t o = 0; o < s.options.size(); ++o) {
    md += "| " + name(o) + " |";
    const auto& drivers = r.options[o].sensitivity_total_cost;
    for (std::size_t i = 0; i < 3; ++i)
      md += i < drivers.size() ? fmt::format(" `{}` {:+.2f} ({:.0f} %) |", s.inputs[drivers[i].input].path,
                                             drivers[i].spearman, 100 * drivers[i].contribution)
                               : std::string(" |");
    md += "\n";
  }
  md +=
      "\nDelay cost is the margin lost on demand not served while the product is not on sale; "
      "total cost = upfront + purchase + carrying + quality + delay cost + IP loss + risk cost.\n";
  return md;
}

}  // namespace tcosim
