#include "report/results_xlsx.hpp"

#include <fmt/format.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <stdexcept>
#include <string_view>
#include <utility>

#include "report/percentile_rows.hpp"
#include "report/samples_csv.hpp"
#include "sim/quantile_levels.hpp"
#include "util/utc_clock.hpp"

namespace tcosim {

namespace {

namespace fs = std::filesystem;

/// Metrics counted in units or months; every other metric is money.
bool is_money(std::string_view metric) {
  return metric != "ttm_months" && metric != "units_sold" && metric != "payback_months" && metric != "units_bought";
}

/// A workbook being built in a private temporary file (libxlsxwriter writes only to files);
/// bytes() closes it and returns the file's contents.
class Workbook {
 public:
  explicit Workbook(const std::string& currency) : path_(temp_path()) {
    lxw_workbook_options options{};
    options.constant_memory = LXW_FALSE;
    wb_ = workbook_new_opt(path_.c_str(), &options);
    if (wb_ == nullptr) throw std::runtime_error("results.xlsx: cannot create " + path_.string());
    // The creation date is the file's only varying byte: SOURCE_DATE_EPOCH fixes it, as for report.html.
    lxw_doc_properties properties{};
    properties.created = report_generated_time();
    workbook_set_properties(wb_, &properties);
    bold = workbook_add_format(wb_);
    format_set_bold(bold);
    title = workbook_add_format(wb_);
    format_set_bold(title);
    format_set_font_size(title, 14);
    // The currency as a number format: values stay numbers a user can sum and chart.
    money = workbook_add_format(wb_);
    format_set_num_format(money, fmt::format("#,##0 \"{}\"", currency).c_str());
    percent = workbook_add_format(wb_);
    format_set_num_format(percent, "0.0%");
    decimal = workbook_add_format(wb_);
    format_set_num_format(decimal, "0.00");
    whole = workbook_add_format(wb_);
    format_set_num_format(whole, "#,##0");
  }
  ~Workbook() {
    if (wb_ != nullptr) workbook_close(wb_);
    std::error_code ec;
    fs::remove(path_, ec);
  }
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;

  lxw_worksheet* sheet(const char* name) { return workbook_add_worksheet(wb_, name); }
  lxw_chart* chart(std::uint8_t type) { return workbook_add_chart(wb_, type); }

  std::string bytes() {
    const lxw_error err = workbook_close(wb_);
    wb_ = nullptr;
    if (err != LXW_NO_ERROR) throw std::runtime_error(std::string("results.xlsx: ") + lxw_strerror(err));
    std::ifstream in(path_, std::ios::binary);
    std::string out((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) throw std::runtime_error("results.xlsx: cannot read back " + path_.string());
    return out;
  }

  lxw_format *bold, *title, *money, *percent, *decimal, *whole;

 private:
  static fs::path temp_path() {
    static std::atomic<unsigned> counter{0};
    return fs::temp_directory_path() / fmt::format("tcosim-{}-{}.xlsx", ::getpid(), counter++);
  }
  fs::path path_;
  lxw_workbook* wb_ = nullptr;
};

/// Writes a number, or for a value Excel cannot hold (an infinity, NaN) its name as text.
void put(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, double v, lxw_format* f = nullptr) {
  if (std::isfinite(v)) {
    worksheet_write_number(ws, row, col, v, f);
  } else {
    worksheet_write_string(ws, row, col, std::isnan(v) ? "NaN" : (v > 0 ? "inf" : "-inf"), nullptr);
  }
}

void put(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const std::string& text, lxw_format* f = nullptr) {
  worksheet_write_string(ws, row, col, text.c_str(), f);
}

void header(lxw_worksheet* ws, lxw_row_t row, const std::vector<std::string>& names, lxw_format* bold) {
  for (std::size_t c = 0; c < names.size(); ++c) put(ws, row, static_cast<lxw_col_t>(c), names[c], bold);
}

void add_series(lxw_chart* chart, const char* sheet, lxw_row_t first, lxw_row_t last, lxw_col_t x, lxw_col_t y,
                const std::string& name) {
  lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
  chart_series_set_categories(series, sheet, first, x, last, x);
  chart_series_set_values(series, sheet, first, y, last, y);
  chart_series_set_name(series, name.c_str());
}

template <class Key>
std::size_t argmin_option(const SimulationResult& r, Key key) {
  std::size_t best = 0;
  for (std::size_t o = 1; o < r.options.size(); ++o)
    if (key(r.options[o]) < key(r.options[best])) best = o;
  return best;
}

/// The statistics of percentiles.csv, wide: per option and metric one row, per statistic a
/// column (in summary.json's order); the decision statistics in a table of their own.
lxw_row_t percentile_tables(Workbook& wb, lxw_worksheet* ws, lxw_row_t row, const Scenario& s,
                            const SimulationResult& r) {
  const std::vector<ResultRow> rows = result_rows(s, r);
  std::vector<std::string> stats, decision_stats;
  for (const ResultRow& x : rows) {
    auto& names = x.metric == "decision" ? decision_stats : stats;
    if (std::find(names.begin(), names.end(), x.statistic) == names.end()) names.push_back(x.statistic);
  }
  // Statistics follow the key columns: option and metric, or option alone.
  auto column_of = [](const std::vector<std::string>& names, const std::string& stat, std::size_t keys) {
    return static_cast<lxw_col_t>(
        keys + static_cast<std::size_t>(std::find(names.begin(), names.end(), stat) - names.begin()));
  };
  put(ws, row++, 0, fmt::format("Percentiles per option and metric ({}; months; units)", s.currency), wb.bold);
  std::vector<std::string> names{"option", "metric"};
  names.insert(names.end(), stats.begin(), stats.end());
  header(ws, row, names, wb.bold);
  std::map<std::pair<std::string, std::string>, lxw_row_t> row_of;
  for (const ResultRow& x : rows) {
    if (x.metric == "decision") continue;
    auto [it, added] = row_of.try_emplace({x.option, x.metric}, static_cast<lxw_row_t>(row + 1 + row_of.size()));
    if (added) {
      put(ws, it->second, 0, x.option);
      put(ws, it->second, 1, x.metric);
    }
    put(ws, it->second, column_of(stats, x.statistic, 2), x.value, is_money(x.metric) ? wb.money : wb.decimal);
  }
  row += static_cast<lxw_row_t>(row_of.size()) + 2;
  put(ws, row++, 0, "Decision statistics per option", wb.bold);
  names = {"option"};
  names.insert(names.end(), decision_stats.begin(), decision_stats.end());
  header(ws, row, names, wb.bold);
  std::map<std::string, lxw_row_t> option_row;
  for (const ResultRow& x : rows) {
    if (x.metric != "decision") continue;
    auto [it, added] = option_row.try_emplace(x.option, static_cast<lxw_row_t>(row + 1 + option_row.size()));
    if (added) put(ws, it->second, 0, x.option);
    put(ws, it->second, column_of(decision_stats, x.statistic, 1), x.value,
        x.statistic.starts_with("p_") ? wb.percent : wb.money);
  }
  return row + static_cast<lxw_row_t>(option_row.size()) + 2;
}

/// The quantiles of `metric` per option against their levels, and a scatter chart of them (the CDFs).
lxw_row_t cdf_table(Workbook& wb, lxw_worksheet* ws, lxw_row_t row, const Scenario& s, const SimulationResult& r,
                    Metric metric, const std::string& label, lxw_row_t chart_row) {
  put(ws, row++, 0, "CDF of " + label + " (quantile per option at each level)", wb.bold);
  std::vector<std::string> names{"level"};
  for (const OptionSpec& o : s.options) names.push_back(o.name);
  header(ws, row++, names, wb.bold);
  const lxw_row_t first = row;
  for (std::size_t i = 0; i < kQuantileLevels.size(); ++i, ++row) {
    put(ws, row, 0, kQuantileLevels[i], wb.percent);
    for (std::size_t o = 0; o < s.options.size(); ++o)
      put(ws, row, static_cast<lxw_col_t>(o + 1), r.options[o].metrics[metric].quantiles[i],
          is_money(kMetricNames[metric]) ? wb.money : wb.decimal);
  }
  lxw_chart* chart = wb.chart(LXW_CHART_SCATTER_STRAIGHT_WITH_MARKERS);
  for (std::size_t o = 0; o < s.options.size(); ++o)
    add_series(chart, "Decision", first, row - 1, static_cast<lxw_col_t>(o + 1), 0, s.options[o].name);
  chart_title_set_name(chart, ("CDF of " + label).c_str());
  chart_axis_set_name(chart->x_axis, label.c_str());
  chart_axis_set_name(chart->y_axis, "P(value <= x)");
  chart_axis_set_max(chart->y_axis, 1.0);
  worksheet_insert_chart(ws, chart_row, 8, chart);
  return row + 1;
}

void decision_sheet(Workbook& wb, const Scenario& s, const SimulationResult& r) {
  lxw_worksheet* ws = wb.sheet("Decision");
  worksheet_set_column(ws, 0, 0, 28, nullptr);
  worksheet_set_column(ws, 1, 40, 14, nullptr);
  put(ws, 0, 0, "tcosim results: " + s.name, wb.title);
  put(ws, 1, 0, s.description);
  put(ws, 2, 0,
      fmt::format("{} trials, seed {}, horizon {} months, amounts in {}; quantiles {}", r.trials, r.seed,
                  s.horizon_months, s.currency, to_string(r.quantile_method)));
  const Metric cost = s.decision_metric();
  const std::string cost_label(s.decision_cost_words());
  header(ws, 4, {"Decision", "option", "measure", "value"}, wb.bold);
  const std::size_t median =
      argmin_option(r, [&](const OptionResult& o) { return o.metrics[cost].quantiles[kP50Index]; });
  const std::size_t often = argmin_option(r, [](const OptionResult& o) { return -o.p_best_cost; });
  const std::size_t fastest =
      argmin_option(r, [](const OptionResult& o) { return o.metrics[kTtmMonths].quantiles[kP50Index]; });
  const std::size_t regret = argmin_option(r, [](const OptionResult& o) { return o.mean_regret; });
  auto line = [&](lxw_row_t row, const char* what, std::size_t o, const std::string& measure, double v, lxw_format* f) {
    put(ws, row, 0, what);
    put(ws, row, 1, s.options[o].name);
    put(ws, row, 2, measure);
    put(ws, row, 3, v, f);
  };
  line(5, "Cheapest at the median", median, "P50 " + cost_label, r.options[median].metrics[cost].quantiles[kP50Index],
       wb.money);
  line(6, "Cheapest most often", often, "P(cheapest)", r.options[often].p_best_cost, wb.percent);
  line(7, "Fastest to market", fastest, "P50 time to market (months)",
       r.options[fastest].metrics[kTtmMonths].quantiles[kP50Index], wb.decimal);
  line(8, "Least regret", regret, "mean regret", r.options[regret].mean_regret, wb.money);
  lxw_row_t row = percentile_tables(wb, ws, 10, s, r);
  const lxw_row_t cdf_start = row;
  row = cdf_table(wb, ws, row, s, r, cost, cost_label, cdf_start);
  cdf_table(wb, ws, row, s, r, kTtmMonths, "time to market (months)", cdf_start + 16);
}

void breakdown_sheet(Workbook& wb, const Scenario& s, const SimulationResult& r) {
  lxw_worksheet* ws = wb.sheet("Breakdown");
  worksheet_set_column(ws, 0, 10, 14, nullptr);
  constexpr Metric kParts[] = {kUpfront, kPurchase, kCarrying, kQuality, kDelayCost, kIpLoss, kRiskCost};
  put(ws, 0, 0, fmt::format("Mean cost breakdown ({})", s.currency), wb.title);
  std::vector<std::string> names{"option"};
  for (Metric m : kParts) names.emplace_back(kMetricNames[m]);
  names.insert(names.end(), {"total_cost", "units_sold"});
  header(ws, 2, names, wb.bold);
  for (std::size_t o = 0; o < s.options.size(); ++o) {
    const auto row = static_cast<lxw_row_t>(3 + o);
    const auto& m = r.options[o].metrics;
    put(ws, row, 0, s.options[o].name);
    for (std::size_t k = 0; k < std::size(kParts); ++k)
      put(ws, row, static_cast<lxw_col_t>(k + 1), m[kParts[k]].mean, wb.money);
    put(ws, row, static_cast<lxw_col_t>(std::size(kParts) + 1), m[kTotalCost].mean, wb.money);
    put(ws, row, static_cast<lxw_col_t>(std::size(kParts) + 2), m[kUnitsSold].mean, wb.whole);
  }
  const auto last = static_cast<lxw_row_t>(2 + s.options.size());
  lxw_chart* chart = wb.chart(LXW_CHART_BAR_STACKED);
  for (std::size_t k = 0; k < std::size(kParts); ++k)
    add_series(chart, "Breakdown", 3, last, 0, static_cast<lxw_col_t>(k + 1), std::string(kMetricNames[kParts[k]]));
  chart_title_set_name(chart, "Mean total cost by component");
  chart_axis_set_name(chart->x_axis, s.currency.c_str());
  worksheet_insert_chart(ws, last + 2, 0, chart);
}

/// Format 2: per month end, each option's P5..P95 of cumulative cash; the fan as lines.
void cash_sheet(Workbook& wb, const Scenario& s, const SimulationResult& r) {
  lxw_worksheet* ws = wb.sheet("Cash");
  worksheet_set_column(ws, 0, 40, 14, nullptr);
  put(ws, 0, 0, fmt::format("Cumulative cash at each month end, percentiles across trials ({})", s.currency), wb.title);
  std::vector<std::string> names{"month_end"};
  for (const OptionSpec& o : s.options)
    for (const char* p : {"p5", "p25", "p50", "p75", "p95"}) names.push_back(o.name + " " + p);
  if (s.runway) names.emplace_back("-runway");
  header(ws, 2, names, wb.bold);
  const std::vector<double>& months = r.options.front().cash_curve.month_end;
  for (std::size_t k = 0; k < months.size(); ++k) {
    const auto row = static_cast<lxw_row_t>(3 + k);
    put(ws, row, 0, months[k], wb.decimal);
    for (std::size_t o = 0; o < s.options.size(); ++o) {
      const CashCurve& c = r.options[o].cash_curve;
      const std::vector<double>* levels[] = {&c.p5, &c.p25, &c.p50, &c.p75, &c.p95};
      for (std::size_t l = 0; l < 5; ++l)
        put(ws, row, static_cast<lxw_col_t>(1 + 5 * o + l), (*levels[l])[k], wb.money);
    }
    if (s.runway) put(ws, row, static_cast<lxw_col_t>(1 + 5 * s.options.size()), -*s.runway, wb.money);
  }
  const auto last = static_cast<lxw_row_t>(2 + months.size());
  lxw_chart* chart = wb.chart(LXW_CHART_SCATTER_STRAIGHT);
  for (std::size_t o = 0; o < s.options.size(); ++o)
    for (std::size_t l : {0u, 2u, 4u})
      add_series(chart, "Cash", 3, last, 0, static_cast<lxw_col_t>(1 + 5 * o + l), names[1 + 5 * o + l]);
  if (s.runway) add_series(chart, "Cash", 3, last, 0, static_cast<lxw_col_t>(1 + 5 * s.options.size()), "-runway");
  chart_title_set_name(chart, "Cash fan: P5, P50 and P95 of cumulative cash");
  chart_axis_set_name(chart->x_axis, "months from the decision");
  chart_axis_set_name(chart->y_axis, s.currency.c_str());
  worksheet_insert_chart(ws, 2, static_cast<lxw_col_t>(names.size() + 1), chart);
}

void drivers_sheet(Workbook& wb, const Scenario& s, const SimulationResult& r) {
  lxw_worksheet* ws = wb.sheet("Drivers");
  worksheet_set_column(ws, 0, 1, 16, nullptr);
  worksheet_set_column(ws, 3, 3, 40, nullptr);
  worksheet_set_column(ws, 4, 5, 14, nullptr);
  put(ws, 0, 0,
      fmt::format("What drives the spread (Spearman rank correlation, first {} trials)", r.sensitivity_trials),
      wb.title);
  header(ws, 2, {"option", "output", "rank", "input", "spearman", "contribution"}, wb.bold);
  lxw_row_t row = 3;
  for (std::size_t o = 0; o < s.options.size(); ++o) {
    const std::pair<std::string_view, const std::vector<SensitivityEntry>*> outputs[] = {
        {to_string(s.decision_metric()), &r.options[o].sensitivity_total_cost},
        {"ttm_months", &r.options[o].sensitivity_ttm}};
    for (const auto& [output, entries] : outputs)
      for (std::size_t i = 0; i < entries->size(); ++i, ++row) {
        const SensitivityEntry& e = (*entries)[i];
        put(ws, row, 0, s.options[o].name);
        put(ws, row, 1, std::string(output));
        put(ws, row, 2, static_cast<double>(i + 1));
        put(ws, row, 3, s.inputs[e.input].path);
        put(ws, row, 4, e.spearman, wb.decimal);
        put(ws, row, 5, e.contribution, wb.percent);
      }
  }
}

void samples_sheet(Workbook& wb, const Scenario& s, const SimulationResult& r) {
  lxw_worksheet* ws = wb.sheet("Samples");
  std::vector<std::string> names{"trial"};
  const std::vector<std::string> columns = sample_column_names(s);
  names.insert(names.end(), columns.begin(), columns.end());
  header(ws, 0, names, wb.bold);
  const SampleTable& t = r.samples;
  for (std::size_t row = 0; row < t.rows; ++row) {
    put(ws, static_cast<lxw_row_t>(row + 1), 0, static_cast<double>(row));
    for (std::size_t c = 0; c < t.width; ++c)
      put(ws, static_cast<lxw_row_t>(row + 1), static_cast<lxw_col_t>(c + 1), t.values[row * t.width + c]);
  }
  worksheet_freeze_panes(ws, 1, 1);
}

void scenario_sheet(Workbook& wb, const Scenario& s) {
  lxw_worksheet* ws = wb.sheet("Scenario");
  worksheet_set_column(ws, 0, 0, 44, nullptr);
  worksheet_set_column(ws, 1, 1, 56, nullptr);
  worksheet_set_column(ws, 2, 5, 14, nullptr);
  put(ws, 0, 0, "Scenario " + s.name, wb.title);
  lxw_row_t row = 2;
  auto setting = [&](const char* key, const std::string& text) {
    put(ws, row, 0, key, wb.bold);
    put(ws, row++, 1, text);
  };
  setting("source", s.source);
  setting("sha256", s.sha256);
  auto number = [&](const char* key, double v, lxw_format* f) {
    put(ws, row, 0, key, wb.bold);
    put(ws, row++, 1, v, f);
  };
  number("format", s.format, nullptr);
  setting("currency", s.currency);
  number("horizon_months", s.horizon_months, nullptr);
  if (s.format >= 2) number("discount_rate", s.discount_rate, wb.percent);
  if (s.runway) number("runway", *s.runway, wb.money);
  number("options", static_cast<double>(s.options.size()), nullptr);
  for (const OptionSpec& o : s.options) setting(("  " + o.name).c_str(), std::string(to_string(o.model)));
  ++row;
  header(ws, row++, {"input", "distribution", "family", "mean", "clamp low", "clamp high"}, wb.bold);
  for (const InputSpec& in : s.inputs) {
    put(ws, row, 0, in.path);
    put(ws, row, 1, in.dist.describe());
    put(ws, row, 2, std::string(to_string(in.dist.kind)));
    put(ws, row, 3, in.dist.mean());
    put(ws, row, 4, in.lo);
    put(ws, row, 5, in.hi);
    ++row;
  }
}

}  // namespace

std::string results_xlsx(const Scenario& s, const SimulationResult& r) {
  Workbook wb(s.currency);
  decision_sheet(wb, s, r);
  breakdown_sheet(wb, s, r);
  if (s.format >= 2) cash_sheet(wb, s, r);
  drivers_sheet(wb, s, r);
  if (r.samples.rows > 0) samples_sheet(wb, s, r);
  scenario_sheet(wb, s);
  return wb.bytes();
}

std::string batch_overview_xlsx(const std::vector<BatchJob>& jobs) {
  Workbook wb("");
  lxw_worksheet* ws = wb.sheet("Batch");
  worksheet_set_column(ws, 0, 1, 28, nullptr);
  worksheet_set_column(ws, 2, 12, 14, nullptr);
  header(ws, 0,
         {"scenario", "file", "status", "trials", "wall s", "cheapest at P50", "cost compared", "P50 cost",
          "P50 peak cash", "P95 peak cash", "workbook", "error"},
         wb.bold);
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    const BatchJob& j = jobs[i];
    const auto row = static_cast<lxw_row_t>(i + 1);
    put(ws, row, 0, j.scenario);
    put(ws, row, 1, j.file);
    put(ws, row, 2, std::string(to_string(j.status)));
    if (j.status == JobStatus::Failed) {
      put(ws, row, 11, j.error);
      continue;
    }
    put(ws, row, 3, static_cast<double>(j.trials), wb.whole);
    if (j.status == JobStatus::Ok) put(ws, row, 4, j.wall_s, wb.decimal);
    if (j.cheapest.empty()) continue;
    put(ws, row, 5, j.cheapest);
    put(ws, row, 6, std::string(j.format >= 2 ? "npv_cost" : "total_cost"));
    put(ws, row, 7, j.cheapest_p50, wb.whole);
    if (j.format >= 2) {
      put(ws, row, 8, j.peak_cash_p50, wb.whole);
      put(ws, row, 9, j.peak_cash_p95, wb.whole);
    }
    // Only a run of this batch surely wrote a workbook (a skipped one kept its earlier files).
    if (j.status == JobStatus::Ok && !j.scenario.empty())
      worksheet_write_url(ws, row, 10, ("external:" + j.scenario + "/results.xlsx").c_str(), nullptr);
  }
  worksheet_freeze_panes(ws, 1, 0);
  return wb.bytes();
}

}  // namespace tcosim
