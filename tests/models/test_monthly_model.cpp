// The monthly model of format 2 (models/monthly_model.hpp, MODEL.md section 7): hand-computed
// trials for each purchase rule, and the identities that tie it to section 3.
#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>
#include <vector>

#include "models/monthly_model.hpp"
#include "models/trial.hpp"
#include "support/printable.hpp"
#include "support/scenario_fixtures.hpp"

using namespace tcosim;
using tcosim::test::parse_or_fail;
using tcosim::test::slot_of;

namespace {

// Every input constant. H = 6 months, D = 600 (100 units a month), m = 40. Launch at
// ttm = dev + prod = 2. The format-2 fields are added by the tests below, input by input, so
// that each case states exactly what it adds to this format-1 base.
const char* kMonthlyBase = R"(
tcosim: 1
name: months-by-hand
horizon_months: 6
market: {demand_units: 600, unit_margin: 40}
finance: {carrying_rate: 0.24, salvage_fraction: 0.5}
options:
  - name: a
    model: oem
    design_cost: 1200
    tooling_cost: 1000
    unit_cost: 10
    duty_rate: 0.1
    freight_per_unit: 1
    defect_rate: 0.01
    moq: 249.5
    development_months: 1
    production_months: 1
    ip_leak: {annual_probability: 0.5, margin_loss: 0.5, response_cost: 100}
    risks: [{name: recert, probability: 1, cost: 300}]
  - name: b
    model: odm
    unit_cost: 12
    moq: 500
    production_months: 3
)";

Slot add_input(Scenario& s, const std::string& path, double value, double lo = 0.0) {
  s.inputs.push_back(InputSpec{path, 0, Distribution::constant(value), lo});
  return static_cast<Slot>(s.inputs.size() - 1);
}

/// The base as format 2 with option a's price rising 1 % a month ((1 + c)^(1/12) = 1.01) and a
/// tariff of +0.2 duty whose time is pinned to 3.5 (so it applies from month 4), a 30 % deposit.
Scenario case_a() {
  Scenario s = parse_or_fail(kMonthlyBase);
  s.format = 2;
  OptionSpec& a = s.options[0];
  a.deposit = 0.3;
  a.price_change_per_year = add_input(s, "a.price_change_per_year", std::pow(1.01, 12) - 1.0, -0.99);
  a.tariff_events.push_back(
      TariffSlots{"t", add_input(s, "a.tariff_events.t.time", 3.5), add_input(s, "a.tariff_events.t.added_rate", 0.2)});
  s.inputs[slot_of(s, "a.ip_leak.time")].dist = Distribution::constant(4.5);
  return s;
}

std::vector<double> inputs_of(const Scenario& s) {
  std::vector<double> x(s.inputs.size());
  sample_inputs(s, 1, 0, x);
  return x;
}

double sum_of(const std::vector<MonthRow>& rows, double MonthRow::*field) {
  return std::accumulate(rows.begin(), rows.end(), 0.0,
                         [field](double acc, const MonthRow& r) { return acc + r.*field; });
}

}  // namespace

TEST_CASE("format-1 purchase rule with deposit, price change and tariff, month by month by hand") {
  const Scenario s = case_a();
  const std::vector<double> x = inputs_of(s);
  const std::vector<MonthRow> rows = monthly_table(s, s.options[0], x);
  REQUIRE(rows.size() == 6);
  // p_k = 10 x 1.01^k: 10, 10.1, 10.201, 10.30301, 10.4060401, 10.510100501.
  // lc_k = p_k (1 + 0.1 + tariff_k) + 1, tariff 0.2 from month 4 (tau = 3.5 <= k):
  //   12, 12.11, 12.2211, 12.333311, 14.52785213, 14.6631306513.
  // Sold: 100 a month from month 2. q = ceil(249.5) = 250 arrive at ttm = 2; afterwards
  // A(t) = max(250, Sold(t)): A(3) = 250, A(4) = 250, A(5) = 300, A(6) = 400.
  const double sold[] = {0, 0, 100, 100, 100, 100};
  const double arrivals[] = {0, 0, 250, 0, 50, 100};
  // purchase = lc_k x arrivals: 250 x 12.2211, 50 x 14.52785213, 100 x 14.6631306513.
  const double purchase[] = {0, 0, 3055.275, 0, 726.3926065, 1466.31306513};
  // carrying = 0.24 x lc_k x (250 / 2) x 1 month / 12 = 2.5 lc_k in months 2-5.
  const double carrying[] = {0, 0, 30.55275, 30.8332775, 36.319630325, 36.65782662825};
  // quality = 0.01 x lc_k x 100 = lc_k in months 2-5.
  const double quality[] = {0, 0, 12.2211, 12.333311, 14.52785213, 14.6631306513};
  // delay = 40 x 100 in months 0 and 1; leak at 4.5: response 100 in month 4 and
  // 0.5 x 40 x 100 x (5 - 4.5) = 1000, then 2000 in month 5.
  const double delay[] = {4000, 4000, 0, 0, 0, 0};
  const double ip[] = {0, 0, 0, 0, 1100, 2000};
  // design 1200 over [0, dev = 1]: month 0; tooling half in month 0, half in month 1 (dev);
  // the risk in the launch month 2.
  const double design[] = {1200, 0, 0, 0, 0, 0};
  const double tooling[] = {500, 500, 0, 0, 0, 0};
  const double risk[] = {0, 0, 300, 0, 0, 0};
  // Deposits: production takes 1 month, so arrivals of month k were ordered in month k - 1:
  // 0.3 x 10.201 x 250 = 765.075 (month 1), 0.3 x 10.4060401 x 50 = 156.0906015 (month 3),
  // 0.3 x 10.510100501 x 100 = 315.30301503 (month 4).
  const double deposit[] = {0, 765.075, 0, 156.0906015, 315.30301503, 0};
  // Balance = arrivals x (lc_k - 0.3 p_k): 250 x 9.1608, 50 x 11.4060401, 100 x 11.510100501.
  const double balance[] = {0, 0, 2290.2, 0, 570.302005, 1151.0100501};
  // Cash out = design + tooling + balance + deposit + carrying + quality + response + risk;
  // cash in = 40 x sold. C_k = cumulative in - out.
  const double cash_out[] = {1700, 1265.075, 2632.97385, 199.25719, 1036.452502485, 1202.33100737955};
  const double cumulative[] = {-1700, -2965.075, -1598.04885, 2202.69396, 5166.241457515, 7963.9104501354495};
  for (std::size_t k = 0; k < 6; ++k) {
    INFO("month " << k);
    const MonthRow& r = rows[k];
    CHECK(r.month_end == k + 1.0);
    CHECK(r.demand == Approx(100));
    CHECK(r.sold == Approx(sold[k]).margin(1e-9));
    CHECK(r.arrivals == Approx(arrivals[k]).margin(1e-9));
    CHECK(r.purchase == Approx(purchase[k]).margin(1e-9));
    CHECK(r.carrying == Approx(carrying[k]).margin(1e-9));
    CHECK(r.quality == Approx(quality[k]).margin(1e-9));
    CHECK(r.delay_cost == Approx(delay[k]).margin(1e-9));
    CHECK(r.ip_loss == Approx(ip[k]).margin(1e-9));
    CHECK(r.design == Approx(design[k]).margin(1e-9));
    CHECK(r.tooling == Approx(tooling[k]).margin(1e-9));
    CHECK(r.risk_cost == Approx(risk[k]).margin(1e-9));
    CHECK(r.deposit == Approx(deposit[k]).margin(1e-9));
    CHECK(r.balance == Approx(balance[k]).margin(1e-9));
    CHECK(r.cash_out == Approx(cash_out[k]).margin(1e-9));
    CHECK(r.cash_in == Approx(40 * sold[k]).margin(1e-9));
    CHECK(r.cumulative_cash == Approx(cumulative[k]).margin(1e-9));
  }
  const OptionOutcome out = evaluate_option(s, s.options[0], x);
  // The totals are the sums of the months: 19036.08954986455 in all.
  CHECK(out[kPurchase] == Approx(5247.98067163));
  CHECK(out[kCarrying] == Approx(134.36348445325));
  CHECK(out[kQuality] == Approx(53.7453937813));
  CHECK(out[kDelayCost] == Approx(8000));
  CHECK(out[kIpLoss] == Approx(3100));
  CHECK(out[kRiskCost] == 300);
  CHECK(out[kUpfront] == 2200);
  CHECK(out[kTotalCost] == Approx(19036.08954986455));
  CHECK(out[kUnitsSold] == Approx(400));
  CHECK(out[kUnitsBought] == Approx(400));
  CHECK(out[kNpvCost] == Approx(out[kTotalCost]).epsilon(1e-14));  // discount rate 0
  CHECK(out[kPeakCash] == Approx(2965.075));
  CHECK(out[kPaybackMonths] == 4.0);  // C_3 >= 0 after C_2 < 0: the end of month 3
  CHECK(out[kTtmMonths] == 2.0);
}

TEST_CASE("npv_cost discounts each month's bookings at its midpoint") {
  Scenario s = case_a();
  s.discount_rate = 0.12;
  const std::vector<double> x = inputs_of(s);
  // The month totals of the case above: 5700, 4500, 3398.04885, 43.1665885, 1877.240088955,
  // 3517.63402240955, each times 1.12^(-(k + 0.5) / 12): 18609.08940023376.
  const double cost[] = {5700, 4500, 3398.04885, 43.1665885, 1877.240088955, 3517.63402240955};
  double npv = 0.0;
  for (int k = 0; k < 6; ++k) npv += cost[k] * std::pow(1.12, -(k + 0.5) / 12.0);
  CHECK(npv == Approx(18609.08940023376).epsilon(1e-12));
  const OptionOutcome out = evaluate_option(s, s.options[0], x);
  CHECK(out[kNpvCost] == Approx(18609.08940023376).epsilon(1e-12));
  CHECK(out[kTotalCost] == Approx(19036.08954986455));
}

namespace {

// Uncertain inputs everywhere, a demand profile with growth and seasonality, lots for option b.
const char* kUncertain = R"(
tcosim: 1
name: months-uncertain
horizon_months: 30.5
market:
  demand_units: {dist: pert, min: 2000, mode: 6000, max: 15000}
  unit_margin: {dist: uniform, min: 10, max: 30}
finance: {carrying_rate: 0.25, salvage_fraction: 0.3}
options:
  - name: a
    model: oem
    design_cost: {dist: uniform, min: 10000, max: 30000}
    tooling_cost: 20000
    unit_cost: {dist: normal, mean: 8, sd: 1}
    duty_rate: 0.05
    freight_per_unit: 0.4
    defect_rate: 0.01
    delays: [{name: rework, probability: 0.4, months: {dist: uniform, min: 1, max: 4}}]
    ip_leak: {annual_probability: 0.2, margin_loss: 0.3, response_cost: 5000}
    risks: [{name: recert, probability: 0.3, cost: 8000}]
  - name: b
    model: odm
    unit_cost: {dist: uniform, min: 9, max: 11}
    production_months: {dist: uniform, min: 1.5, max: 3.5}
    ip_leak: {annual_probability: 0.1, margin_loss: 0.5}
)";

Scenario uncertain_format2(double discount_rate) {
  Scenario s = parse_or_fail(kUncertain);
  s.format = 2;
  s.discount_rate = discount_rate;
  s.inputs.push_back(InputSpec{"market.demand_profile.growth_per_year", 11, Distribution::uniform(-0.2, 0.5), -0.99});
  s.demand_profile.growth_per_year = static_cast<Slot>(s.inputs.size() - 1);
  s.demand_profile.has_seasonality = true;
  s.demand_profile.seasonality = {1, 1, 1.2, 1, 1, 0.8, 0.8, 1, 1.1, 1.3, 1.8, 2.2};
  s.demand_profile.start_month = 9;
  OptionSpec& b = s.options[1];
  b.deposit = 0.5;
  b.order_cover_months = 2.5;
  s.inputs.push_back(InputSpec{"b.price_change_per_year", 12, Distribution::uniform(-0.1, 0.02), -0.99});
  b.price_change_per_year = static_cast<Slot>(s.inputs.size() - 1);
  s.inputs.push_back(InputSpec{"b.tariff_events.t.time", 13, Distribution::exponential(0.02)});
  s.inputs.push_back(InputSpec{"b.tariff_events.t.added_rate", 14, Distribution::uniform(0.05, 0.25)});
  b.tariff_events.push_back(
      TariffSlots{"t", static_cast<Slot>(s.inputs.size() - 2), static_cast<Slot>(s.inputs.size() - 1)});
  s.options[0].deposit = 0.3;
  return s;
}

}  // namespace

TEST_CASE("the monthly bookings of each component sum to the component, and npv_cost to total_cost at rate 0") {
  const Scenario s = uncertain_format2(0.0);
  std::vector<double> x(s.inputs.size());
  for (std::uint64_t trial = 0; trial < 200; ++trial) {
    sample_inputs(s, 5, trial, x);
    for (const OptionSpec& o : s.options) {
      INFO("trial " << trial << ", option " << o.name);
      const OptionOutcome out = evaluate_option(s, o, x);
      const std::vector<MonthRow> rows = monthly_table(s, o, x);
      const double scale = std::max(1.0, out[kTotalCost]) * 1e-12;
      CHECK(sum_of(rows, &MonthRow::purchase) == Approx(out[kPurchase]).margin(scale));
      CHECK(sum_of(rows, &MonthRow::carrying) == Approx(out[kCarrying]).margin(scale));
      CHECK(sum_of(rows, &MonthRow::quality) == Approx(out[kQuality]).margin(scale));
      CHECK(sum_of(rows, &MonthRow::delay_cost) == Approx(out[kDelayCost]).margin(scale));
      CHECK(sum_of(rows, &MonthRow::ip_loss) == Approx(out[kIpLoss]).margin(scale));
      CHECK(sum_of(rows, &MonthRow::risk_cost) == Approx(out[kRiskCost]).margin(scale));
      CHECK(sum_of(rows, &MonthRow::design) + sum_of(rows, &MonthRow::tooling) == Approx(out[kUpfront]).margin(scale));
      CHECK(sum_of(rows, &MonthRow::sold) == Approx(out[kUnitsSold]).margin(1e-9));
      CHECK(sum_of(rows, &MonthRow::arrivals) == Approx(out[kUnitsBought]).margin(1e-9));
      CHECK(sum_of(rows, &MonthRow::ordered) == Approx(out[kUnitsBought]).margin(1e-9));
      CHECK(sum_of(rows, &MonthRow::demand) == Approx(x[s.demand_units]).epsilon(1e-12));
      CHECK(out[kNpvCost] == Approx(out[kTotalCost]).epsilon(1e-12));
      // Units are bought before they are sold; cash is what the months add up to.
      CHECK(out[kUnitsBought] >= out[kUnitsSold] - 1e-9);
      const double net = sum_of(rows, &MonthRow::cash_in) - sum_of(rows, &MonthRow::cash_out);
      CHECK(rows.back().cumulative_cash == Approx(net).margin(scale));
    }
  }
}

TEST_CASE("a format-2 scenario without its new fields gives the format-1 metrics bit for bit") {
  Scenario f1 = parse_or_fail(kUncertain);
  Scenario f2 = f1;
  f2.format = 2;
  std::vector<double> x(f1.inputs.size());
  for (std::uint64_t trial = 0; trial < 100; ++trial) {
    sample_inputs(f1, 9, trial, x);
    for (std::size_t o = 0; o < f1.options.size(); ++o) {
      const OptionOutcome one = evaluate_option(f1, f1.options[o], x);
      const OptionOutcome two = evaluate_option(f2, f2.options[o], x);
      for (std::size_t m = 0; m < kFormat1MetricCount; ++m) CHECK(one[m] == two[m]);
      CHECK(two[kNpvCost] == Approx(two[kTotalCost]).epsilon(1e-12));
      CHECK(one[kNpvCost] == 0.0);  // format 1 has no such metric
    }
  }
}

TEST_CASE("a tile of trials gives each trial's single-trial bits") {
  const Scenario s = uncertain_format2(0.1);
  const std::size_t n = 77, n_in = s.inputs.size(), per = s.series_per_option();
  std::vector<double> cols(n_in * n), out(per * n);
  TrialSampler sampler(s, 3, Sampling::Random);
  sampler.sample_columns(0, n, cols.data(), n);
  MonthScratch scratch(s);
  for (const OptionSpec& o : s.options) {
    evaluate_option_columns(s, o, cols.data(), n, n, out.data(), n);
    evaluate_months_columns(s, o, cols.data(), n, n, out.data(), n, scratch);
    std::vector<double> x(n_in);
    for (std::size_t t = 0; t < n; ++t) {
      for (std::size_t k = 0; k < n_in; ++k) x[k] = cols[k * n + t];
      const OptionOutcome one = evaluate_option(s, o, x);
      for (std::size_t m = 0; m < kMetricCount; ++m) CHECK(out[m * n + t] == one[m]);
      const std::vector<MonthRow> rows = monthly_table(s, o, x);
      for (std::size_t k = 0; k < rows.size(); ++k) CHECK(out[(kMetricCount + k) * n + t] == rows[k].cumulative_cash);
    }
  }
}

TEST_CASE("orders in lots with a deposit, month by month by hand") {
  Scenario s = parse_or_fail(kMonthlyBase);
  s.format = 2;
  using tcosim::test::pin_input;
  pin_input(s, "a.development_months", 0.5);
  pin_input(s, "a.production_months", 1.5);
  pin_input(s, "a.moq", 119.5);
  pin_input(s, "a.ip_leak.time", 100);  // after the horizon: no leak
  OptionSpec& a = s.options[0];
  a.deposit = 0.5;
  a.order_cover_months = 1.5;
  const std::vector<double> x = inputs_of(s);
  const std::vector<MonthRow> rows = monthly_table(s, a, x);
  // ttm = 0.5 + 1.5 = 2. q = 120; L = max(120, ceil(1.5 x 600 / 6)) = 150; U = 400, so
  // n = ceil(400 / 150) = 3 lots: 150 at ttm = 2, 150 when Sold reaches 150 (t = 3.5), the last
  // max(120, 400 - 300) = 120 when Sold reaches 300 (t = 5). Q = 420.
  // Each was ordered 1.5 months before it arrives: at 0.5 (month 0), 2.0 (month 2), 3.5 (month 3).
  // lc = 10 x 1.1 + 1 = 12 throughout; the deposit is 0.5 x 10 = 5 a unit, the balance 7.
  const double arrivals[] = {0, 0, 150, 150, 0, 120};
  const double ordered[] = {150, 0, 150, 120, 0, 0};
  // purchase = 12 x arrivals; month 5 less the salvage 0.5 x (420 - 400) x 12 = 120.
  const double purchase[] = {0, 0, 1800, 1800, 0, 1320};
  // carrying = 0.24 x 12 x (150 / 2) x 1 / 12 = 18 a month on sale; quality 0.01 x 12 x 100 = 12.
  const double carrying[] = {0, 0, 18, 18, 18, 18};
  // Cash out: month 0 design 1200 + tooling 1000 (dev = 0.5 lies in month 0) + deposit 750;
  // month 2 balance 1050 + deposit 750 + 18 + 12 + risk 300; month 3 balance 1050 + deposit
  // 600 + 30; month 4 30; month 5 balance 840 + 30. Cash in 4000 a month from month 2, plus
  // the salvage 120 in month 5.
  const double cash_out[] = {2950, 0, 2130, 1680, 30, 870};
  const double cash_in[] = {0, 0, 4000, 4000, 4000, 4120};
  const double cumulative[] = {-2950, -2950, -1080, 1240, 5210, 8460};
  for (std::size_t k = 0; k < 6; ++k) {
    INFO("month " << k);
    CHECK(rows[k].arrivals == Approx(arrivals[k]).margin(1e-9));
    CHECK(rows[k].ordered == Approx(ordered[k]).margin(1e-9));
    CHECK(rows[k].deposit == Approx(5 * ordered[k]).margin(1e-9));
    CHECK(rows[k].balance == Approx(7 * arrivals[k]).margin(1e-9));
    CHECK(rows[k].purchase == Approx(purchase[k]).margin(1e-9));
    CHECK(rows[k].carrying == Approx(carrying[k]).margin(1e-9));
    CHECK(rows[k].cash_out == Approx(cash_out[k]).margin(1e-9));
    CHECK(rows[k].cash_in == Approx(cash_in[k]).margin(1e-9));
    CHECK(rows[k].cumulative_cash == Approx(cumulative[k]).margin(1e-9));
  }
  const OptionOutcome out = evaluate_option(s, a, x);
  // 2200 upfront + 4920 purchase + 72 carrying + 48 quality + 8000 delay + 300 risk.
  CHECK(out[kTotalCost] == Approx(15540));
  CHECK(out[kPurchase] == Approx(4920));
  CHECK(out[kUnitsBought] == Approx(420));
  CHECK(out[kUnitsSold] == Approx(400));
  CHECK(out[kPeakCash] == Approx(2950));
  CHECK(out[kPaybackMonths] == 4.0);
}

TEST_CASE("never on sale: the first order is still bought in the last month, its deposit when ordered") {
  Scenario s = parse_or_fail(kMonthlyBase);
  s.format = 2;
  using tcosim::test::pin_input;
  pin_input(s, "a.development_months", 5);
  pin_input(s, "a.production_months", 2);  // ttm = 7 >= H = 6; ordered at 5: month 5
  pin_input(s, "a.ip_leak.time", 100);
  s.options[0].deposit = 0.3;
  const std::vector<double> x = inputs_of(s);
  const std::vector<MonthRow> rows = monthly_table(s, s.options[0], x);
  // q = 250 units at lc = 12, salvage 0.5 x 250 x 12 = 1500 back in month 5. Design 1200 over
  // [0, 5], 240 a month in months 0-4; tooling 500 in month 0 and 500 in month 5 (dev = 5).
  CHECK(rows[5].arrivals == 250);
  CHECK(rows[5].ordered == 250);
  CHECK(rows[5].purchase == Approx(250 * 12 - 1500));
  CHECK(rows[5].cash_in == Approx(1500));
  CHECK(rows[5].deposit == Approx(0.3 * 10 * 250));
  CHECK(rows[0].design == Approx(240));
  CHECK(rows[5].tooling == Approx(500));
  CHECK(rows[5].risk_cost == 300);  // booked in the last month when ttm >= H
  const OptionOutcome out = evaluate_option(s, s.options[0], x);
  // Cash never comes back: out 1200 + 1000 + 3000 + 300, in 1500.
  CHECK(out[kPeakCash] == Approx(1200 + 1000 + 3000 + 300 - 1500));
  CHECK(out[kPaybackMonths] == 6.0);
  CHECK(out[kUnitsSold] == 0.0);
  CHECK(out[kUnitsBought] == 250.0);
}
