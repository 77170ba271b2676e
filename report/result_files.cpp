#include "report/result_files.hpp"

#include <fmt/format.h>

#include <utility>
#include <vector>

#include "sim/quantile_levels.hpp"
#include "util/atomic_file.hpp"
#include "util/csv_field.hpp"
#include "util/version.hpp"

namespace tcosim {

namespace {

const char* method_name(QuantileMethod m) { return m == QuantileMethod::Exact ? "exact" : "ddsketch"; }

nlohmann::ordered_json metric_json(const MetricSummary& m) {
  nlohmann::ordered_json q, ci;
  for (std::size_t i = 0; i < kQuantileLevels.size(); ++i) {
    q[std::string(kQuantileNames[i])] = m.quantiles[i];
    ci[std::string(kQuantileNames[i])] = {m.quantile_ci95[i][0], m.quantile_ci95[i][1]};
  }
  return {{"mean", m.mean}, {"sd", m.sd},         {"stderr", m.stderr_mean},   {"min", m.min},
          {"max", m.max},   {"cvar95", m.cvar95}, {"quantiles", std::move(q)}, {"quantile_ci95", std::move(ci)}};
}

/// Statistic name/value pairs of one metric, in the order summary.json lists them.
std::vector<std::pair<std::string, double>> metric_rows(const MetricSummary& m) {
  std::vector<std::pair<std::string, double>> rows = {{"mean", m.mean}, {"sd", m.sd},   {"stderr", m.stderr_mean},
                                                      {"min", m.min},   {"max", m.max}, {"cvar95", m.cvar95}};
  for (std::size_t i = 0; i < kQuantileLevels.size(); ++i) rows.emplace_back(kQuantileNames[i], m.quantiles[i]);
  for (std::size_t i = 0; i < kQuantileLevels.size(); ++i) {
    rows.emplace_back(fmt::format("{}_ci95_lo", kQuantileNames[i]), m.quantile_ci95[i][0]);
    rows.emplace_back(fmt::format("{}_ci95_hi", kQuantileNames[i]), m.quantile_ci95[i][1]);
  }
  return rows;
}

}  // namespace

/// Drivers of one output, strongest first, as MODEL.md-style records.
nlohmann::ordered_json sensitivity_json(const Scenario& s, const std::vector<SensitivityEntry>& entries) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const SensitivityEntry& e : entries)
    list.push_back({{"input", s.inputs[e.input].path}, {"spearman", e.spearman}, {"contribution", e.contribution}});
  return list;
}

nlohmann::ordered_json summary_json(const Scenario& s, const SimulationResult& r) {
  nlohmann::ordered_json j;
  j["tcosim_version"] = std::string(kVersion);
  j["scenario"] = s.name;
  j["scenario_sha256"] = s.sha256;
  j["seed"] = r.seed;
  j["trials"] = r.trials;
  j["sampling"] = to_string(r.sampling);
  j["stopped_reason"] = r.stopped_reason == StopReason::Precision ? "precision" : "trials";
  if (r.target_precision) j["target_precision"] = *r.target_precision;
  j["quantile_method"] = method_name(r.quantile_method);
  if (r.quantile_method == QuantileMethod::Sketch) j["quantile_relative_error"] = r.sketch_accuracy;
  j["currency"] = s.currency;
  j["horizon_months"] = s.horizon_months;
  if (s.targets.budget || s.targets.deadline_months) {
    nlohmann::ordered_json t = nlohmann::ordered_json::object();
    if (s.targets.budget) t["budget"] = *s.targets.budget;
    if (s.targets.deadline_months) t["deadline_months"] = *s.targets.deadline_months;
    j["targets"] = std::move(t);
  }
  j["sensitivity_trials"] = r.sensitivity_trials;
  nlohmann::ordered_json options = nlohmann::ordered_json::object();
  for (std::size_t o = 0; o < s.options.size(); ++o) {
    const OptionResult& res = r.options[o];
    nlohmann::ordered_json opt;
    opt["model"] = std::string(to_string(s.options[o].model));
    opt["p_best_cost"] = res.p_best_cost;
    opt["p_fastest"] = res.p_fastest;
    opt["mean_regret"] = res.mean_regret;
    opt["p_never_on_sale"] = res.p_never_on_sale;
    if (res.p_over_budget) opt["p_over_budget"] = *res.p_over_budget;
    if (res.p_late) opt["p_late"] = *res.p_late;
    nlohmann::ordered_json metrics;
    for (std::size_t m = 0; m < kMetricCount; ++m) metrics[std::string(kMetricNames[m])] = metric_json(res.metrics[m]);
    opt["metrics"] = std::move(metrics);
    opt["sensitivity"] = {{"total_cost", sensitivity_json(s, res.sensitivity_total_cost)},
                          {"ttm_months", sensitivity_json(s, res.sensitivity_ttm)}};
    options[s.options[o].name] = std::move(opt);
  }
  j["options"] = std::move(options);
  j["elapsed_s"] = r.elapsed_s;
  j["trials_per_s"] = r.elapsed_s > 0 ? static_cast<double>(r.trials) / r.elapsed_s : 0.0;
  return j;
}

static void create_output_folder(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw std::runtime_error("cannot create output folder " + dir.string() + ": " + ec.message());
}

std::string percentiles_csv(const Scenario& s, const SimulationResult& r) {
  std::string out = "option,metric,statistic,value\n";
  for (std::size_t o = 0; o < s.options.size(); ++o) {
    const std::string& name = s.options[o].name;
    const OptionResult& res = r.options[o];
    for (std::size_t m = 0; m < kMetricCount; ++m)
      for (const auto& [stat, value] : metric_rows(res.metrics[m]))
        out += fmt::format("{},{},{},{}\n", name, kMetricNames[m], stat, value);
    std::vector<std::pair<const char*, double>> decision = {{"p_best_cost", res.p_best_cost},
                                                            {"p_fastest", res.p_fastest},
                                                            {"mean_regret", res.mean_regret},
                                                            {"p_never_on_sale", res.p_never_on_sale}};
    if (res.p_over_budget) decision.emplace_back("p_over_budget", *res.p_over_budget);
    if (res.p_late) decision.emplace_back("p_late", *res.p_late);
    for (const auto& [stat, value] : decision) out += fmt::format("{},decision,{},{}\n", name, stat, value);
  }
  return out;
}

std::string samples_csv(const Scenario& s, const SimulationResult& r) {
  std::string out = "trial";
  for (const InputSpec& in : s.inputs) {
    out += ',';
    out += csv_field(in.path);
  }
  for (const OptionSpec& o : s.options)
    for (std::string_view m : kMetricNames) {
      out += ',';
      out += csv_field(fmt::format("{}.{}", o.name, m));
    }
  out += '\n';
  const SampleTable& t = r.samples;
  for (std::size_t row = 0; row < t.rows; ++row) {
    out += fmt::format("{}", row);
    const double* v = t.values.data() + row * t.width;
    for (std::size_t c = 0; c < t.width; ++c) out += fmt::format(",{}", v[c]);
    out += '\n';
  }
  return out;
}

void write_result_files(const std::filesystem::path& dir, const Scenario& s, const SimulationResult& r) {
  // summary.json goes last: its presence marks a complete set of results.
  std::vector<std::pair<std::string, std::string>> files = {
      {"percentiles.csv", percentiles_csv(s, r)},
      {"report.md", report_markdown(s, r)},
      {"report.html", report_html(s, r)},
  };
  if (r.samples.rows > 0) files.emplace_back("samples.csv", samples_csv(s, r));
  files.emplace_back("summary.json", summary_json(s, r).dump(2) + "\n");
  create_output_folder(dir);
  for (const auto& [name, content] : files) write_file_atomically(dir / name, content);
}

void prepare_output_folder(const std::filesystem::path& dir) {
  create_output_folder(dir);
  const std::filesystem::path probe = dir / ".tcosim-write-test";
  write_file_atomically(probe, std::string(4096, '\n'));
  std::error_code ec;
  std::filesystem::remove(probe, ec);
  // Temporary files of a process killed while writing (AtomicFile names them <file>.tmp.<pid>).
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
    if (entry.path().filename().string().find(".tmp.") != std::string::npos) std::filesystem::remove(entry.path(), ec);
  std::filesystem::remove(dir / "summary.json", ec);
  if (ec)
    throw std::runtime_error("cannot remove the previous " + (dir / "summary.json").string() + ": " + ec.message());
}

}  // namespace tcosim
