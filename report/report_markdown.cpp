// report.md: what a sourcing manager reads first. Numbers are rounded for people here;
// summary.json and percentiles.csv carry the exact values.
#include "report/report_markdown.hpp"

#include <fmt/format.h>

#include <cmath>
#include <string>

#include "sim/binned_outcomes.hpp"
#include "sim/quantile_levels.hpp"
#include "util/version.hpp"
#include "util/visible_text.hpp"

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

std::string intro(const Scenario& s, const SimulationResult& r) {
  std::string md = fmt::format("# tcosim report: {}\n\n", s.name);
  if (!s.description.empty()) md += visible_text(s.description, true) + "\n\n";
  md += fmt::format(
      "{} trials, seed {}, horizon {} months, amounts in {}; quantiles {}. Scenario `{}` (sha256 {}), tcosim {}.\n\n",
      r.trials, r.seed, s.horizon_months, s.currency,
      r.quantile_method == QuantileMethod::Exact
          ? std::string("exact")
          : fmt::format("from a DDSketch (relative error <= {})", r.sketch_accuracy),
      visible_text(s.source), s.sha256.substr(0, 12), kVersion);
  if (r.target_precision)
    md +=
        fmt::format("Target precision {} (95 % half-width of total cost's mean, P50 and P95): {} after {} trials.\n\n",
                    *r.target_precision,
                    r.stopped_reason == StopReason::Precision ? "reached" : "not reached by the trial limit", r.trials);
  return md;
}

/// How the decision's cost is named in sentences: format 2 decides on the discounted cost.
/// The first bullet: the option cheapest at P50 of the decision metric. In format 2 it names
/// the discount rate and still gives the nominal total cost, which the format-1 reader knows.
std::string cheapest_line(const Scenario& s, const SimulationResult& r) {
  const Metric cost = s.decision_metric();
  const std::size_t o = argmin_by(r, [&](const OptionResult& x) { return x.metrics[cost].quantiles[kP50]; });
  const MetricSummary& m = r.options[o].metrics[cost];
  std::string line = fmt::format("- Cheapest at the median: **{}**, P50 {} {} {} (P5 {} to P95 {})", s.options[o].name,
                                 s.decision_cost_words(), money(m.quantiles[kP50]), s.currency, money(m.quantiles[kP5]),
                                 money(m.quantiles[kP95]));
  if (s.format >= 2)
    line += fmt::format(", discounted at {} a year; P50 total cost (nominal) {} {}", percent(s.discount_rate),
                        money(r.options[o].metrics[kTotalCost].quantiles[kP50]), s.currency);
  return line + ".\n";
}

std::string target_lines(const Scenario& s, const SimulationResult& r) {
  std::string md;
  const std::string& cur = s.currency;
  if (s.targets.budget)
    for (std::size_t o = 0; o < s.options.size(); ++o)
      md += fmt::format("- **{}** exceeds the budget of {} {} in {} of trials.\n", s.options[o].name,
                        money(*s.targets.budget), cur, percent(*r.options[o].p_over_budget));
  if (s.targets.deadline_months)
    for (std::size_t o = 0; o < s.options.size(); ++o)
      md += fmt::format("- **{}** misses the {}-month deadline in {} of trials.\n", s.options[o].name,
                        *s.targets.deadline_months, percent(*r.options[o].p_late));
  return md;
}

std::string decision(const Scenario& s, const SimulationResult& r) {
  const std::string& cur = s.currency;
  auto name = [&](std::size_t o) { return s.options[o].name; };
  const std::size_t most_wins = argmax_by(r, [](const OptionResult& o) { return o.p_best_cost; });
  const std::size_t fastest = argmin_by(r, [](const OptionResult& o) { return o.metrics[kTtmMonths].quantiles[kP50]; });
  const std::size_t least_regret = argmin_by(r, [](const OptionResult& o) { return o.mean_regret; });
  std::string md = "## Decision\n\n" + cheapest_line(s, r);
  md += fmt::format("- Cheapest most often: **{}**, the lowest {} in {} of trials.\n", name(most_wins),
                    s.decision_cost_words(), percent(r.options[most_wins].p_best_cost));
  md += fmt::format("- Fastest to market: **{}**, P50 time to market {} months; fastest in {} of trials.\n",
                    name(fastest), months(r.options[fastest].metrics[kTtmMonths].quantiles[kP50]),
                    percent(r.options[fastest].p_fastest));
  md += fmt::format("- Least regret: **{}**, on average {} {} above the best option of each trial.\n",
                    name(least_regret), money(r.options[least_regret].mean_regret), cur);
  for (std::size_t o = 0; o < s.options.size(); ++o)
    if (r.options[o].p_never_on_sale > 0)
      md += fmt::format("- **{}** never reaches the market within the horizon in {} of trials.\n", name(o),
                        percent(r.options[o].p_never_on_sale));
  return md + target_lines(s, r);
}

/// A percentile table of one cost metric; the decision columns (P(cheapest), mean regret) go
/// with the metric the decision is made on.
std::string cost_table(const Scenario& s, const SimulationResult& r, Metric metric, std::string_view title) {
  const bool decided = metric == s.decision_metric();
  std::string md = fmt::format("\n## {} ({})\n\n", title, s.currency);
  md += decided ? "| option | model | P5 | P50 | P95 | mean | CVaR95 | P(cheapest) | mean regret |\n"
                  "|---|---|---:|---:|---:|---:|---:|---:|---:|\n"
                : "| option | model | P5 | P50 | P95 | mean | CVaR95 |\n|---|---|---:|---:|---:|---:|---:|\n";
  for (std::size_t o = 0; o < s.options.size(); ++o) {
    const MetricSummary& m = r.options[o].metrics[metric];
    md += fmt::format("| {} | {} | {} | {} | {} | {} | {} |", s.options[o].name, to_string(s.options[o].model),
                      money(m.quantiles[kP5]), money(m.quantiles[kP50]), money(m.quantiles[kP95]), money(m.mean),
                      money(m.cvar95));
    if (decided) md += fmt::format(" {} | {} |", percent(r.options[o].p_best_cost), money(r.options[o].mean_regret));
    md += "\n";
  }
  return md;
}

std::string cost_tables(const Scenario& s, const SimulationResult& r) {
  if (s.format < 2) return cost_table(s, r, kTotalCost, "Total cost");
  return cost_table(s, r, kNpvCost, fmt::format("NPV cost at {} a year", percent(s.discount_rate))) +
         cost_table(s, r, kTotalCost, "Total cost, nominal");
}

std::string ttm_table(const Scenario& s, const SimulationResult& r) {
  std::string md = "\n## Time to market (months)\n\n";
  md += "| option | P5 | P50 | P95 | mean | P(fastest) | P(never on sale) |\n";
  md += "|---|---:|---:|---:|---:|---:|---:|\n";
  for (std::size_t o = 0; o < s.options.size(); ++o) {
    const MetricSummary& m = r.options[o].metrics[kTtmMonths];
    md += fmt::format("| {} | {} | {} | {} | {} | {} | {} |\n", s.options[o].name, months(m.quantiles[kP5]),
                      months(m.quantiles[kP50]), months(m.quantiles[kP95]), months(m.mean),
                      percent(r.options[o].p_fastest), percent(r.options[o].p_never_on_sale));
  }
  return md;
}

/// Format 2: how much cash each option ties up and when it comes back (MODEL.md 7.4).
std::string cash_section(const Scenario& s, const SimulationResult& r) {
  const std::string& cur = s.currency;
  std::string md = fmt::format("\n## Cash ({})\n\n", cur);
  md +=
      "Peak cash is the most money an option needs at any month end (cumulative cash out minus cash in); "
      "payback is the month end at which cumulative cash is back at zero or above.";
  if (s.runway)
    md += fmt::format(" P(cash short) is the share of trials whose peak cash exceeds the runway of {} {}.",
                      money(*s.runway), cur);
  md += s.runway ? "\n\n| option | peak cash P50 | peak cash P95 | P(cash short) | payback P50 (months) | "
                   "P(no payback) | units bought (mean) |\n|---|---:|---:|---:|---:|---:|---:|\n"
                 : "\n\n| option | peak cash P50 | peak cash P95 | payback P50 (months) | P(no payback) | "
                   "units bought (mean) |\n|---|---:|---:|---:|---:|---:|\n";
  for (std::size_t o = 0; o < s.options.size(); ++o) {
    const OptionResult& res = r.options[o];
    md += fmt::format("| {} | {} | {} |", s.options[o].name, money(res.metrics[kPeakCash].quantiles[kP50]),
                      money(res.metrics[kPeakCash].quantiles[kP95]));
    if (s.runway) md += fmt::format(" {} |", res.p_cash_short ? percent(*res.p_cash_short) : std::string("-"));
    md += fmt::format(" {} | {} | {} |\n", months(res.metrics[kPaybackMonths].quantiles[kP50]),
                      percent(res.p_no_payback), money(res.metrics[kUnitsBought].mean));
  }
  return md;
}

std::string breakdown_table(const Scenario& s, const SimulationResult& r) {
  std::string md = fmt::format("\n## Mean cost breakdown ({})\n\n", s.currency);
  md +=
      "| option | upfront | purchase | carrying | quality | delay cost | IP loss | risk cost | total | units sold |\n";
  md += "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
  for (std::size_t o = 0; o < s.options.size(); ++o) {
    const auto& m = r.options[o].metrics;
    md += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n", s.options[o].name,
                      money(m[kUpfront].mean), money(m[kPurchase].mean), money(m[kCarrying].mean),
                      money(m[kQuality].mean), money(m[kDelayCost].mean), money(m[kIpLoss].mean),
                      money(m[kRiskCost].mean), money(m[kTotalCost].mean), money(m[kUnitsSold].mean));
  }
  return md;
}

/// z of a two-sided 95 % interval.
constexpr double kNormal95 = 1.959963984540054;

/// Drivers kept in the report's tables of a paired difference.
constexpr std::size_t kDriverRows = 5;

/// One paired difference: its distribution in a sentence, then what moves it.
std::string paired_difference_lines(const Scenario& s, const PairedDifference& p) {
  const std::string &a = s.options[p.a].name, &b = s.options[p.b].name, &cur = s.currency;
  const MetricSummary& d = p.difference;
  std::string md = fmt::format("\n### {} minus {}{}\n\n", a, b, p.named ? " (--compare)" : "");
  md += fmt::format(
      "Over the same trials, {} {} minus {}'s: mean {} {} (sd {}), P5 {}, P50 {}, P95 {}{}. **{}** is the cheaper "
      "of the two in {} of trials; in the worst 5 % for {} it costs on average {} {} more (CVaR95 of the "
      "difference).\n\n",
      a, s.decision_cost_words(), b, money(d.mean), cur, money(d.sd), money(d.quantiles[kP5]), money(d.quantiles[kP50]),
      money(d.quantiles[kP95]),
      p.quantile_source == "exact"
          ? std::string()
          : fmt::format(" (quantiles from the {})",
                        p.quantile_source == "ddsketch" ? "DDSketch" : "sensitivity subsample"),
      a, percent(p.p_a_cheaper), a, money(d.cvar95), cur);
  if (p.drivers.empty()) return md;
  md += fmt::format(
      "| input | Spearman with {} - {} | median difference, input in its lowest 10 % | ... in its highest 10 % | "
      "swing |\n|---|---:|---:|---:|---:|\n",
      a, b);
  for (std::size_t i = 0; i < std::min(kDriverRows, p.drivers.size()); ++i) {
    const DifferenceDriver& e = p.drivers[i];
    md += fmt::format("| `{}` | {:+.2f} | {} | {} | {} |\n", s.inputs[e.input].path, e.spearman, money(e.low_median),
                      money(e.high_median), money(e.swing()));
  }
  return md;
}

/// "What drives the spread" opens with what separates the options (docs/analytics.md).
std::string paired_differences(const Scenario& s, const SimulationResult& r) {
  if (r.paired_difference.empty()) return {};
  std::string md = fmt::format("\n## What drives the spread of {}\n\n", s.decision_cost_words());
  md += fmt::format(
      "First what separates the options: the difference of their {} trial by trial (the two lowest means, and "
      "any pair asked for with --compare), and the inputs that move it, by Spearman rank correlation and swing "
      "(the median difference when the input is in its highest 10 % minus when it is in its lowest 10 %) on the "
      "first {} trials.\n",
      s.decision_cost_words(), r.sensitivity_trials);
  for (const PairedDifference& p : r.paired_difference) md += paired_difference_lines(s, p);
  return md;
}

/// EVPI and the EVPPI of every input that is distinguishable from zero (docs/analytics.md).
std::string value_of_information_section(const Scenario& s, const SimulationResult& r) {
  if (r.paired_difference.empty()) return {};
  const ValueOfInformation& v = r.value_of_information;
  const std::string& cur = s.currency;
  std::string md = "\n## What is worth knowing before you sign\n\n";
  md += fmt::format(
      "Choosing now on mean {} picks **{}**. Knowing every input before signing would save on average {} {} "
      "(+/- {}): the expected value of perfect information (EVPI), which is also the lowest mean regret. No study, "
      "pilot run or firmer quote can be worth more. Knowing one input alone is worth its EVPPI (expected value of "
      "partial perfect information, from {} equiprobable bins of the input over all {} trials):\n\n",
      s.decision_cost_words(), s.options[v.choice].name, money(v.evpi), cur, money(kNormal95 * v.evpi_stderr),
      kValueBins, r.trials);
  md += fmt::format("| input | EVPPI ({}) | share of EVPI | +/- (95 %) |\n|---|---:|---:|---:|\n", cur);
  std::size_t shown = 0, hidden = 0;
  for (const InputInformation& e : v.evppi) {
    if (!e.estimate.distinguishable() || shown == 10) {
      ++hidden;
      continue;
    }
    ++shown;
    md += fmt::format("| `{}` | {} | {} | {} |\n", s.inputs[e.input].path, money(e.estimate.value),
                      percent(v.evpi > 0 ? e.estimate.value / v.evpi : 0.0), money(kNormal95 * e.estimate.std_error));
  }
  if (hidden > 0)
    md += fmt::format(
        "\n{} other inputs are not shown: their EVPPI is not distinguishable from 0 (below its finite-sample bias "
        "plus two standard errors) or below the ten above; summary.json lists every input.\n",
        hidden);
  return md;
}

/// Each option when a top input lands in one of its extreme deciles.
std::string stress_section(const Scenario& s, const SimulationResult& r) {
  if (r.stress.empty()) return {};
  std::string md = fmt::format("\n## If one input turns out badly ({}, {})\n\n", s.decision_cost_words(), s.currency);
  md += fmt::format(
      "For the inputs worth most to know: each option when the input lands in its lowest or its highest 10 % of "
      "trials. P(cheapest) and the choice (lowest mean) are exact; P50 and P95 come from a DDSketch (relative error "
      "<= {}). A flip: the choice differs from **{}**, the choice without information.\n\n",
      r.sketch_accuracy, s.options[r.value_of_information.choice].name);
  for (const StressCase& c : r.stress)
    if (c.flips)
      md += fmt::format(
          "- If `{}` lands in its {} 10 %, **{}** has the lowest mean and is the cheapest in {} of "
          "trials.\n",
          s.inputs[c.input].path, c.high ? "top" : "bottom", s.options[c.choice].name,
          percent(c.options[c.choice].p_best_cost));
  md += "\n| input | decile | choice |";
  for (const auto& o : s.options) md += fmt::format(" {}: P50 / P95 / P(cheapest) |", o.name);
  md += "\n|---|---|---|";
  for (std::size_t o = 0; o < s.options.size(); ++o) md += "---:|";
  md += "\n";
  for (const StressCase& c : r.stress) {
    md += fmt::format("| `{}` | {} | {}{} |", s.inputs[c.input].path, c.high ? "top 10 %" : "bottom 10 %",
                      s.options[c.choice].name, c.flips ? " (flips)" : "");
    for (const StressOption& so : c.options)
      md += fmt::format(" {} / {} / {} |", money(so.p50), money(so.p95), percent(so.p_best_cost));
    md += "\n";
  }
  return md;
}

std::string drivers_table(const Scenario& s, const SimulationResult& r) {
  std::string md =
      r.paired_difference.empty()
          ? fmt::format("\n## What drives the spread of {} (Spearman rank correlation, first {} trials)\n\n",
                        s.decision_cost_words(), r.sensitivity_trials)
          : fmt::format("\n### Each option's own spread (Spearman rank correlation, first {} trials)\n\n",
                        r.sensitivity_trials);
  md += "| option | driver 1 | driver 2 | driver 3 |\n|---|---|---|---|\n";
  for (std::size_t o = 0; o < s.options.size(); ++o) {
    md += "| " + s.options[o].name + " |";
    const auto& drivers = r.options[o].sensitivity_total_cost;
    for (std::size_t i = 0; i < 3; ++i)
      md += i < drivers.size() ? fmt::format(" `{}` {:+.2f} ({:.0f} %) |", s.inputs[drivers[i].input].path,
                                             drivers[i].spearman, 100 * drivers[i].contribution)
                               : std::string(" |");
    md += "\n";
  }
  return md;
}

}  // namespace

std::string report_markdown(const Scenario& s, const SimulationResult& r) {
  std::string md = intro(s, r) + decision(s, r) + cost_tables(s, r) + ttm_table(s, r);
  if (s.format >= 2) md += cash_section(s, r);
  md += breakdown_table(s, r) + paired_differences(s, r) + drivers_table(s, r) + value_of_information_section(s, r) +
        stress_section(s, r);
  md +=
      "\nDelay cost is the margin lost on demand not served while the product is not on sale; "
      "total cost = upfront + purchase + carrying + quality + delay cost + IP loss + risk cost.\n";
  if (s.format >= 2)
    md += fmt::format(
        "NPV cost discounts each month's costs to the decision at {} a year, from the middle of the month.\n",
        percent(s.discount_rate));
  return md;
}

}  // namespace tcosim
