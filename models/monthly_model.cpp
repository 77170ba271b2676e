#include "models/monthly_model.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "sim/vector_clones.hpp"

// MODEL.md section 7, a tile of trials at a time. The months are the outer loop and the trials
// the inner one, so every formula runs over a vector of trials; the few per-trial lookups that
// cannot (the cumulative demand at the launch, the deposits booked months before an arrival)
// are separate scalar loops. A trial's numbers depend on its inputs alone, never on its tile.
//
// Notation, per trial and option: D demand, m margin, ttm launch, rho_k demand rate of month k,
// Dem(t) cumulative demand from 0 to t, Sold(t) = max(0, Dem(t) - Dem(ttm)), q = ceil(moq),
// lot size L (q under the format-1 rule), n lots, Q units bought, U units sold.
// Arrivals by time t (units arrived in [0, t)): 0 when t <= ttm, else
//   format-1 rule: max(q, Sold(t));
//   lots: j = min(n, max(1, ceil(Sold(t) / L))) lots, j L units while j < n, Q when all arrived.
// Lot i >= 1 arrives when Sold reaches i L, so it has arrived by t exactly when i L < Sold(t).

namespace tcosim {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr std::size_t kT = MonthScratch::kTile;

/// Per-trial values of one option that the month loop reads (one tile, kT entries each).
struct OptionTile {
  double D[kT], m[kT], ttm[kT], dev[kT], prod[kT], unit[kT], duty[kT], freight[kT], q[kT], design[kT], tooling[kT],
      defect[kT], risk[kT], leak[kT], loss[kT], response[kT];
  double dem_ttm[kT];     ///< Dem(ttm)
  double U[kT], Q[kT];    ///< units sold, units bought
  double lot[kT];         ///< L
  double lots[kT];        ///< n (1 under the format-1 rule)
  double price_step[kT];  ///< (1 + c)^(1/12): the ex-works price's change per month
  double cp[kT];          ///< ceil(production_months): whole months from order to arrival month
};

}  // namespace

MonthGrid::MonthGrid(const Scenario& s) : months(s.months()), end(months), discount(months), season(months) {
  const DemandProfile& p = s.demand_profile;
  // Only the weights' ratios matter (rho_k = D w_k / W); scaled so the largest is 1, a file
  // with weights near the largest double cannot overflow W.
  const double top = *std::max_element(p.seasonality.begin(), p.seasonality.end());
  for (std::size_t k = 0; k < months; ++k) {
    end[k] = std::min(static_cast<double>(k + 1), s.horizon_months);
    const double mid = 0.5 * (static_cast<double>(k) + end[k]);
    discount[k] = std::pow(1.0 + s.discount_rate, -mid / 12.0);
    season[k] = p.has_seasonality ? p.seasonality[(static_cast<std::size_t>(p.start_month) - 1 + k) % 12] / top : 1.0;
  }
}

std::string MonthGrid::to_string() const {
  return fmt::format("MonthGrid{{{} months, discount at the end {}}}", months,
                     discount.empty() ? 1.0 : discount.back());
}

MonthScratch::MonthScratch(const Scenario& s)
    : grid_(s), rate_(grid_.months * kTile), cumulative_((grid_.months + 1) * kTile), flow_(grid_.months * kTile) {}

std::string MonthScratch::to_string() const {
  return fmt::format("MonthScratch{{{} months x {} trials}}", grid_.months, kTile);
}

std::string MonthRow::to_string() const {
  return fmt::format("MonthRow{{month {}, sold {}, arrivals {}, cash out {}, cash in {}, C {}}}", month, sold, arrivals,
                     cash_out, cash_in, cumulative_cash);
}

namespace {

/// Demand rates rho_k and cumulative demand Dem(k) at each month start for trials [t0, t0 + n).
void demand_months(const Scenario& s, const MonthGrid& g, const double* cols, std::size_t stride, std::size_t t0,
                   std::size_t n, double* rate, double* cum) {
  const std::size_t M = g.months;
  const double* D = cols + s.demand_units * stride + t0;
  alignas(64) double grow[kT], yearly[kT], W[kT];
  const Slot growth = s.demand_profile.growth_per_year;
  for (std::size_t i = 0; i < n; ++i) {
    grow[i] = growth == kNoSlot ? 1.0 : 1.0 + cols[growth * stride + t0 + i];
    yearly[i] = 1.0;
    W[i] = 0.0;
  }
  // Weights first (into `rate`), their integral W, then rho_k = D w_k / W; with the default
  // profile every weight is 1 and W = H exactly, so rho_k = D / H = r of section 3.
  for (std::size_t k = 0; k < M; ++k) {
    const double len = g.end[k] - static_cast<double>(k);
    const double season = g.season[k];
    const bool new_year = k > 0 && k % 12 == 0;
    double* w = rate + k * kT;
    for (std::size_t i = 0; i < n; ++i) {
      yearly[i] = new_year ? yearly[i] * grow[i] : yearly[i];
      w[i] = yearly[i] * season;
      W[i] += w[i] * len;
    }
  }
  for (std::size_t i = 0; i < n; ++i) cum[i] = 0.0;
  for (std::size_t k = 0; k < M; ++k) {
    const double len = g.end[k] - static_cast<double>(k);
    double* r = rate + k * kT;
    const double* c0 = cum + k * kT;
    double* c1 = cum + (k + 1) * kT;
    for (std::size_t i = 0; i < n; ++i) {
      r[i] = D[i] * r[i] / W[i];
      c1[i] = c0[i] + r[i] * len;
    }
  }
}

/// Dem(t) of trial i, t >= 0.
inline double demand_by(const MonthGrid& g, const double* rate, const double* cum, std::size_t i, double t) {
  if (!(t < g.end.back())) return cum[g.months * kT + i];
  const auto k = static_cast<std::size_t>(t);
  return cum[k * kT + i] + rate[k * kT + i] * (t - static_cast<double>(k));
}

/// Reads the option's inputs for trials [t0, t0 + n) and works out launch, units and lots.
void load_option(const Scenario& s, const OptionSpec& o, const MonthGrid& g, const double* cols, std::size_t stride,
                 std::size_t t0, std::size_t n, const double* rate, const double* cum, OptionTile& v) {
  const auto col = [&](Slot k, double* dst) {
    for (std::size_t i = 0; i < n; ++i) dst[i] = cols[k * stride + t0 + i];
  };
  col(s.demand_units, v.D), col(s.unit_margin, v.m), col(o.development_months, v.dev);
  col(o.production_months, v.prod), col(o.unit_cost, v.unit), col(o.duty_rate, v.duty);
  col(o.freight_per_unit, v.freight), col(o.moq, v.q), col(o.design_cost, v.design), col(o.tooling_cost, v.tooling);
  col(o.defect_rate, v.defect);
  for (std::size_t i = 0; i < n; ++i) {
    v.ttm[i] = v.dev[i] + v.prod[i];
    v.risk[i] = 0.0;
    v.q[i] = std::ceil(v.q[i]);
    v.leak[i] = kInf, v.loss[i] = 0.0, v.response[i] = 0.0;
  }
  // Summed in the order of section 3 (dev + prod + delay, the delays in turn).
  alignas(64) double delay[kT] = {};
  for (const EventSlots& e : o.delays) {
    for (std::size_t i = 0; i < n; ++i) delay[i] += cols[e.occurs * stride + t0 + i] * cols[e.amount * stride + t0 + i];
  }
  for (const EventSlots& e : o.risks) {
    for (std::size_t i = 0; i < n; ++i)
      v.risk[i] += cols[e.occurs * stride + t0 + i] * cols[e.amount * stride + t0 + i];
  }
  for (std::size_t i = 0; i < n; ++i) v.ttm[i] += delay[i];
  if (o.has_ip_leak)
    col(o.ip_leak.time, v.leak), col(o.ip_leak.margin_loss, v.loss), col(o.ip_leak.response_cost, v.response);
  const double H = s.horizon_months;
  const bool in_lots = o.order_cover_months > 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    v.dem_ttm[i] = demand_by(g, rate, cum, i, v.ttm[i]);
    v.U[i] = std::max(0.0, cum[g.months * kT + i] - v.dem_ttm[i]);
    v.lot[i] = in_lots ? std::max(v.q[i], std::ceil(o.order_cover_months * v.D[i] / H)) : v.q[i];
    v.lots[i] = in_lots ? std::max(1.0, std::ceil(v.U[i] / v.lot[i])) : 1.0;
    v.Q[i] = in_lots ? (v.lots[i] - 1.0) * v.lot[i] + std::max(v.q[i], v.U[i] - (v.lots[i] - 1.0) * v.lot[i])
                     : std::max(v.U[i], v.q[i]);
    const double c = o.price_change_per_year == kNoSlot ? 0.0 : cols[o.price_change_per_year * stride + t0 + i];
    v.price_step[i] = c == 0.0 ? 1.0 : std::pow(1.0 + c, 1.0 / 12.0);
    v.cp[i] = std::ceil(v.prod[i]);
  }
}

/// Sums of one option's monthly bookings over the months, per trial (design, tooling and the
/// risks are booked whole, so their totals are the inputs themselves).
struct Totals {
  double purchase[kT], carrying[kT], quality[kT], delay[kT], ip[kT], npv[kT];
};

/// What one month of the loop passes on: prices, the last arrival's landed cost, the deposits
/// of this month's arrivals and the months they were ordered in.
struct MonthCarry {
  double price[kT], lc_last[kT], tariff[kT], dep_first[kT], dep_second[kT], units_first[kT], units_second[kT];
};

/// Per-trial constants of the month loop, worked out once so the loop has no branch.
struct MonthConstants {
  double dev_div[kT];       ///< development_months, or 1 when it is 0 (no division by zero)
  double dev_pos[kT];       ///< development_months > 0
  double dev_month[kT];     ///< the month holding development_months (the last if later)
  double leak_month[kT];    ///< the month of the leak (the last if later)
  double launch_month[kT];  ///< the month of min(ttm, H)
  double never[kT];         ///< 1 when ttm >= H: never on sale
};

void month_constants(const OptionTile& v, std::size_t n, double H, std::size_t last, MonthConstants& c) {
  const double l = static_cast<double>(last);
  for (std::size_t i = 0; i < n; ++i) {
    c.dev_pos[i] = v.dev[i] > 0.0 ? 1.0 : 0.0;
    c.dev_div[i] = v.dev[i] > 0.0 ? v.dev[i] : 1.0;
    c.dev_month[i] = std::min(std::floor(v.dev[i]), l);
    // A leak at or after H books nothing: a month index no month has.
    c.leak_month[i] = v.leak[i] < H ? std::min(std::floor(v.leak[i]), l) : -1.0;
    c.launch_month[i] = std::min(std::floor(v.ttm[i]), l);
    c.never[i] = v.ttm[i] < H ? 0.0 : 1.0;
  }
}

/// Units arrived in [0, t), given Sold(t) = sold (see the notes at the top).
template <bool kLots>
inline double arrived_by(bool after_launch, double sold, double q, double L, double lots, double Q) {
  double units = std::max(q, sold);
  if constexpr (kLots) {
    const double j = std::min(lots, std::max(1.0, std::ceil(sold / L)));
    units = j < lots ? j * L : Q;
  }
  return after_launch ? units : 0.0;
}

/// Month k for trials [0, n): every booking, the month's net cash into flow[k], the deposits
/// into `carry` for the scatter. Written without branches so it vectorises over trials; kRecord
/// (replay, n == 1) also fills the month's row.
template <bool kLots, bool kRecord>
[[gnu::always_inline]] inline void month_of_trials(const Scenario& s, const OptionSpec& o, const MonthGrid& g,
                                                   std::size_t k, const OptionTile& __restrict v,
                                                   const MonthConstants& __restrict c, const double* __restrict rate,
                                                   const double* __restrict cum, std::size_t n,
                                                   MonthCarry& __restrict carry, Totals& __restrict tot,
                                                   double* __restrict f, MonthRow* row) noexcept {
  const std::size_t last = g.months - 1;
  const double a = static_cast<double>(k), b = g.end[k];
  const double disc = g.discount[k];
  const double is_first = k == 0 ? 1.0 : 0.0, is_last = k == last ? 1.0 : 0.0;
  const double dep = o.deposit, carrying_rate = s.carrying_rate, salvage = s.salvage_fraction;
  const double* rho = rate + k * kT;
  const double *dem_a = cum + k * kT, *dem_b = cum + (k + 1) * kT;
  for (std::size_t i = 0; i < n; ++i) {
    const double ttm = v.ttm[i], q = v.q[i], L = v.lot[i];
    const double p = carry.price[i];
    const double lc = p * (1.0 + v.duty[i] + carry.tariff[i]) + v.freight[i];
    const double sold_a = std::max(0.0, dem_a[i] - v.dem_ttm[i]);
    const double sold_b = is_last != 0.0 ? v.U[i] : std::max(0.0, dem_b[i] - v.dem_ttm[i]);
    const double sold = sold_b - sold_a;
    const double on_sale = std::max(0.0, b - std::max(a, ttm));
    const double before_launch = std::max(0.0, std::min(b, ttm) - a);
    const double by_a = arrived_by<kLots>(a > ttm, sold_a, q, L, v.lots[i], v.Q[i]);
    const double by_b = arrived_by<kLots>(b > ttm, sold_b, q, L, v.lots[i], v.Q[i]);
    // Never on sale: the first order still comes, in the last month (MODEL.md 7.3).
    const double first_order = is_last * c.never[i] * q;
    const double arrivals = by_b - by_a + first_order;
    // Arrivals split by order month: those before the arrival time `split` were ordered in
    // month k - cp, the rest one month later (production_months is not whole).
    const double split = std::min(b, a - v.cp[i] + 1.0 + v.prod[i]);
    const double sold_split = std::max(0.0, dem_a[i] + rho[i] * (split - a) - v.dem_ttm[i]);
    const double by_split_inside = arrived_by<kLots>(split > ttm, sold_split, q, L, v.lots[i], v.Q[i]);
    const double by_split = split < b ? by_split_inside : by_b;
    carry.units_first[i] = by_split - by_a + first_order;
    carry.units_second[i] = by_b - by_split;
    carry.dep_first[i] = dep * p * carry.units_first[i];
    carry.dep_second[i] = dep * p * carry.units_second[i];
    carry.lc_last[i] = arrivals > 0.0 ? lc : carry.lc_last[i];

    const double F_a = (1.0 - is_first) * (c.dev_pos[i] != 0.0 ? std::min(1.0, a / c.dev_div[i]) : 1.0);
    const double F_b_inside = c.dev_pos[i] != 0.0 ? std::min(1.0, b / c.dev_div[i]) : 1.0;
    const double F_b = is_last != 0.0 ? 1.0 : F_b_inside;
    const double design = v.design[i] * (F_b - F_a);
    const double tooling = 0.5 * v.tooling[i] * (is_first + (a == c.dev_month[i] ? 1.0 : 0.0));
    const double carrying = carrying_rate * lc * (L / 2.0) * on_sale / 12.0;
    const double quality = v.defect[i] * lc * sold;
    const double m = v.m[i];
    const double delay = m * rho[i] * before_launch;
    const double response = a == c.leak_month[i] ? v.response[i] : 0.0;
    const double ip = response + v.loss[i] * m * rho[i] * std::max(0.0, b - std::max(a, std::max(v.leak[i], ttm)));
    const double risk = a == c.launch_month[i] ? v.risk[i] : 0.0;
    const double salvage_in = is_last * salvage * (v.Q[i] - v.U[i]) * carry.lc_last[i];
    const double purchase = lc * arrivals - salvage_in;
    const double cost = design + tooling + purchase + carrying + quality + delay + ip + risk;
    tot.purchase[i] += purchase, tot.carrying[i] += carrying, tot.quality[i] += quality;
    tot.delay[i] += delay, tot.ip[i] += ip;
    tot.npv[i] += cost * disc;
    const double balance = arrivals * (lc - dep * p);
    const double cash_out = design + tooling + balance + carrying + quality + response + risk;
    const double cash_in = m * sold + salvage_in;
    f[i] += cash_in - cash_out;
    if constexpr (kRecord) {
      MonthRow& r = *row;
      r.month = k, r.month_end = b, r.demand = rho[i] * (b - a), r.sold = sold, r.arrivals = arrivals;
      r.design = design, r.tooling = tooling, r.purchase = purchase, r.carrying = carrying, r.quality = quality;
      r.delay_cost = delay, r.ip_loss = ip, r.risk_cost = risk, r.balance = balance;
      r.cash_out += cash_out, r.cash_in = cash_in;
    }
    carry.price[i] = p * v.price_step[i];
  }
}

/// The month loop for one purchase rule, with or without recording rows.
template <bool kLots, bool kRecord>
[[gnu::always_inline]] inline void month_loop(const Scenario& s, const OptionSpec& o, const MonthGrid& g,
                                              const double* cols, std::size_t stride, std::size_t t0, std::size_t n,
                                              const OptionTile& v, const double* rate, const double* cum, double* flow,
                                              Totals& tot, MonthRow* rows) noexcept {
  const double H = s.horizon_months;
  MonthConstants c;
  month_constants(v, n, H, g.months - 1, c);
  MonthCarry carry;
  for (std::size_t i = 0; i < n; ++i) carry.price[i] = v.unit[i], carry.lc_last[i] = 0.0;
  for (std::size_t k = 0; k < g.months; ++k) {
    const double a = static_cast<double>(k);
    for (std::size_t i = 0; i < n; ++i) carry.tariff[i] = 0.0;
    for (const TariffSlots& e : o.tariff_events) {
      const double *tau = cols + e.time * stride + t0, *add = cols + e.added_rate * stride + t0;
      for (std::size_t i = 0; i < n; ++i) carry.tariff[i] += tau[i] <= a ? add[i] : 0.0;
    }
    month_of_trials<kLots, kRecord>(s, o, g, k, v, c, rate, cum, n, carry, tot, flow + k * kT,
                                    kRecord ? rows + k : nullptr);
    // Deposits go to the order months, which are this month or earlier (orders before month 0
    // are booked in month 0): a scatter, per trial.
    for (std::size_t i = 0; i < n; ++i) {
      const double first = a - v.cp[i];
      const double j1 = c.never[i] != 0.0 ? std::floor(v.ttm[i] - v.prod[i]) : first;
      const auto month1 = static_cast<std::size_t>(std::clamp(j1, 0.0, a));
      const auto month2 = static_cast<std::size_t>(std::clamp(first + 1.0, 0.0, a));
      flow[month1 * kT + i] -= carry.dep_first[i];
      flow[month2 * kT + i] -= carry.dep_second[i];
      if constexpr (kRecord) {
        rows[month1].deposit += carry.dep_first[i], rows[month1].ordered += carry.units_first[i];
        rows[month1].cash_out += carry.dep_first[i];
        rows[month2].deposit += carry.dep_second[i], rows[month2].ordered += carry.units_second[i];
        rows[month2].cash_out += carry.dep_second[i];
      }
    }
  }
}

/// The whole model for trials [t0, t0 + n) of one option; `rows` (n == 1) records the table.
TCOSIM_VECTOR_CLONES void months_tile(const Scenario& s, const OptionSpec& o, const double* cols, std::size_t stride,
                                      std::size_t t0, std::size_t n, double* out, std::size_t out_stride,
                                      MonthScratch& scratch, MonthRow* rows) noexcept {
  const MonthGrid& g = scratch.grid();
  const std::size_t M = g.months;
  const double H = s.horizon_months;
  double* rate = scratch.rate();
  double* cum = scratch.cumulative_demand();
  double* flow = scratch.flow();
  demand_months(s, g, cols, stride, t0, n, rate, cum);
  OptionTile v;
  load_option(s, o, g, cols, stride, t0, n, rate, cum, v);
  Totals tot{};
  for (std::size_t k = 0; k < M * kT; ++k) flow[k] = 0.0;
  const bool lots = o.order_cover_months > 0.0;
  // Direct calls, not through a pointer: the loops must be inlined into this function's
  // instruction-set clones to be vectorised for them.
  if (rows != nullptr && lots) {
    month_loop<true, true>(s, o, g, cols, stride, t0, n, v, rate, cum, flow, tot, rows);
  } else if (rows != nullptr) {
    month_loop<false, true>(s, o, g, cols, stride, t0, n, v, rate, cum, flow, tot, rows);
  } else if (lots) {
    month_loop<true, false>(s, o, g, cols, stride, t0, n, v, rate, cum, flow, tot, rows);
  } else {
    month_loop<false, false>(s, o, g, cols, stride, t0, n, v, rate, cum, flow, tot, rows);
  }

  // The cash curve C_k, its lowest point and the first recovery after going below zero.
  alignas(64) double C[kT], peak[kT], payback[kT], below[kT], paid[kT];
  for (std::size_t i = 0; i < n; ++i) C[i] = 0.0, peak[i] = 0.0, payback[i] = 0.0, below[i] = 0.0, paid[i] = 0.0;
  const std::size_t mc = s.metric_count();
  for (std::size_t k = 0; k < M; ++k) {
    const double* f = flow + k * kT;
    double* curve = out + (mc + k) * out_stride + t0;
    const double e = g.end[k];
    for (std::size_t i = 0; i < n; ++i) {
      C[i] += f[i];
      curve[i] = C[i];
      peak[i] = std::max(peak[i], -C[i]);
      const bool recovers = below[i] != 0.0 && paid[i] == 0.0 && C[i] >= 0.0;
      payback[i] = recovers ? e : payback[i];
      paid[i] = recovers ? 1.0 : paid[i];
      below[i] = C[i] < 0.0 ? 1.0 : below[i];
    }
    if (rows != nullptr) rows[k].cumulative_cash = C[0];
  }
  const auto put = [&](Metric metric, std::size_t i, double value) { out[metric * out_stride + t0 + i] = value; };
  const bool plain = s.demand_profile.flat() && o.plain_totals();
  for (std::size_t i = 0; i < n; ++i) {
    put(kNpvCost, i, tot.npv[i]);
    put(kPeakCash, i, peak[i]);
    put(kPaybackMonths, i, below[i] != 0.0 && paid[i] == 0.0 ? H : payback[i]);
    if (plain) {
      // The section-3 closed forms stand (bit for bit as format 1); units bought from them too.
      put(kUnitsBought, i, std::max(out[kUnitsSold * out_stride + t0 + i], v.q[i]));
      continue;
    }
    put(kUnitsBought, i, v.Q[i]);
    put(kUnitsSold, i, v.U[i]);
    put(kUpfront, i, v.design[i] + v.tooling[i]);
    put(kPurchase, i, tot.purchase[i]);
    put(kCarrying, i, tot.carrying[i]);
    put(kQuality, i, tot.quality[i]);
    put(kDelayCost, i, tot.delay[i]);
    put(kIpLoss, i, tot.ip[i]);
    put(kRiskCost, i, v.risk[i]);
    put(kTotalCost, i,
        v.design[i] + v.tooling[i] + tot.purchase[i] + tot.carrying[i] + tot.quality[i] + tot.delay[i] + tot.ip[i] +
            v.risk[i]);
  }
}

}  // namespace

void evaluate_months_columns(const Scenario& s, const OptionSpec& o, const double* cols, std::size_t stride,
                             std::size_t n, double* out, std::size_t out_stride, MonthScratch& scratch) noexcept {
  for (std::size_t t0 = 0; t0 < n; t0 += kT) {
    months_tile(s, o, cols, stride, t0, std::min(kT, n - t0), out, out_stride, scratch, nullptr);
  }
}

std::vector<MonthRow> monthly_table(const Scenario& s, const OptionSpec& o, std::span<const double> x) {
  MonthScratch scratch(s);
  std::vector<MonthRow> rows(scratch.grid().months);
  std::vector<double> out(s.series_per_option());
  months_tile(s, o, x.data(), 1, 0, 1, out.data(), 1, scratch, rows.data());
  return rows;
}

}  // namespace tcosim
