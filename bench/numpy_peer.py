#!/usr/bin/python3
"""The NumPy/SciPy peer of tcosim: the same model, written the way an analyst would.

It reads the same scenario YAML, draws every input the way docs/model.md describes (every
trial draws every non-constant input, clamps as in section 3, defaults by model as in
section 4), evaluates MODEL.md section 3 for every option over blocks of trials with array
operations, and keeps every outcome of all ten metrics so that percentiles are exact
(numpy.percentile, linear = Hyndman-Fan type 7, as tcosim). It exists to measure tcosim's
throughput against the realistic alternative (bench/compare.sh), and to cross-check tcosim's
numbers statistically (--check-against): the random streams differ, so agreement is within
standard errors, not bit for bit.

Format 2 (`tcosim: 2`, MODEL.md section 7) is an independent implementation written from the
spec alone (Option.evaluate_monthly): monthly demand rates, the format-1 purchase rule or lots,
prices by arrival month with price change and tariff events, every booking of 7.4, npv_cost,
the cash C_k per month end, peak_cash, payback_months, units_bought, p_no_payback (below zero and never back
within the horizon), p_cash_short (with finance.runway) and the cash curve (P5-P95 of C_k, type 7);
the decision (p_best_cost, mean_regret) uses npv_cost. Arrays are [months, trials] per block.

Run with Debian's /usr/bin/python3 (numpy, scipy, PyYAML):

    /usr/bin/python3 bench/numpy_peer.py [SCENARIO] [--trials N] [--seed S] [--block B]
                                          [--check-against results/x/summary.json] [--full]
    /usr/bin/python3 bench/numpy_peer.py --selftest     # cases worked by hand (see selftest())

--check-against exits 3 (after printing) when any |z| > 5 or, in format 2, tcosim's summary
lacks a statistic the peer computes.

Prints one JSON object on stdout: trials, seconds (sampling, evaluation and statistics; not
the YAML parse, matching tcosim's elapsed_s), trials_per_s, per option the statistics in the
shape of tcosim's summary.json, and with --check-against a z-score per headline statistic.
"""
import argparse
import json
import math
import os
import sys
import time

import numpy as np
import yaml
from scipy import special

METRICS = ["total_cost", "ttm_months", "upfront", "purchase", "carrying", "quality",
           "delay_cost", "ip_loss", "risk_cost", "units_sold"]
METRICS2 = METRICS + ["npv_cost", "peak_cash", "payback_months", "units_bought"]  # format 2 (MODEL.md 7.4)
PERCENTILES = [1, 5, 10, 25, 50, 75, 90, 95, 99]
CASH_PERCENTILES = [5, 25, 50, 75, 95]  # the cash curve (MODEL.md 7.5)
Z90 = 1.2815515655446004  # standard normal 0.9 quantile, for lognormal {median, p90}
INF = math.inf

DEFAULTS = {  # docs/model.md section 4; None: required
    "oem": {"moq": ("uniform", 2000, 5000), "development_months": ("uniform", 2, 4),
            "production_months": ("uniform", 2, 4)},
    "odm": {"moq": ("uniform", 500, 1000), "development_months": 0,
            "production_months": ("uniform", 2, 4)},
    "contract": {"moq": None, "development_months": None, "production_months": None},
}
OPTION_FIELDS = ["design_cost", "tooling_cost", "unit_cost", "freight_per_unit", "duty_rate",
                 "defect_rate", "moq", "development_months", "production_months"]
UPPER_CLAMP_ONE = {"defect_rate", "margin_loss"}


class Input:
    """One sampled input: a sampler of n values (or a Python float when constant) and its clamp."""

    def __init__(self, path, spec, hi=INF, lo=0.0):
        self.path = path
        self.hi = hi
        self.lo = lo  # 0 for every format-1 field; -0.99 for growth and price change (MODEL.md 7.1)
        self.const = None
        self.draw = None
        self.ppf = None  # inverse CDF (u array -> values), for the Gaussian copula
        self.forced = None  # this block's values when the input is correlated
        self._build(spec)

    def _build(self, spec):
        if isinstance(spec, tuple):  # model defaults
            spec = {"dist": spec[0], "min": spec[1], "max": spec[2]}
        if isinstance(spec, (int, float)):
            self.const = float(spec)
            return
        kind = spec["dist"]
        if kind == "uniform":
            lo, hi = float(spec["min"]), float(spec["max"])
            self.draw = lambda rng, n: rng.uniform(lo, hi, n)
            self.ppf = lambda u: lo + (hi - lo) * u
        elif kind == "triangular":
            lo, mode, hi = float(spec["min"]), float(spec["mode"]), float(spec["max"])
            if lo == hi:
                self.const = lo
            else:
                self.draw = lambda rng, n: rng.triangular(lo, mode, hi, n)
                fc = (mode - lo) / (hi - lo)
                self.ppf = lambda u: np.where(u < fc, lo + np.sqrt(u * (hi - lo) * (mode - lo)),
                                              hi - np.sqrt((1 - u) * (hi - lo) * (hi - mode)))
        elif kind == "pert":
            lo, mode, hi = float(spec["min"]), float(spec["mode"]), float(spec["max"])
            lam = float(spec.get("lambda", 4.0))
            if lo == hi:
                self.const = lo
            else:
                a = 1 + lam * (mode - lo) / (hi - lo)
                b = 1 + lam * (hi - mode) / (hi - lo)
                self.draw = lambda rng, n: lo + (hi - lo) * rng.beta(a, b, n)
                self.ppf = lambda u: lo + (hi - lo) * special.betaincinv(a, b, u)  # scipy.stats.beta.ppf
        elif kind == "normal":
            mean, sd = float(spec["mean"]), float(spec["sd"])
            if "min" not in spec and "max" not in spec:
                self.draw = lambda rng, n: rng.normal(mean, sd, n)
                self.ppf = lambda u: mean + sd * special.ndtri(u)
            elif sd == 0:
                self.const = min(max(mean, float(spec.get("min", -INF))), float(spec.get("max", INF)))
            else:
                self.draw, self.ppf = truncated_normal(mean, sd, float(spec.get("min", -INF)),
                                                       float(spec.get("max", INF)))
        elif kind == "lognormal":
            if "mean" in spec:
                mean, sd = float(spec["mean"]), float(spec["sd"])
                s2 = math.log1p((sd / mean) ** 2)
                mu, sigma = math.log(mean) - 0.5 * s2, math.sqrt(s2)
            else:
                median, p90 = float(spec["median"]), float(spec["p90"])
                mu, sigma = math.log(median), math.log(p90 / median) / Z90
            self.draw = lambda rng, n: rng.lognormal(mu, sigma, n)
            self.ppf = lambda u: np.exp(mu + sigma * special.ndtri(u))
        elif kind == "beta":
            a, b = float(spec["alpha"]), float(spec["beta"])
            lo, hi = float(spec.get("min", 0.0)), float(spec.get("max", 1.0))
            self.draw = lambda rng, n: lo + (hi - lo) * rng.beta(a, b, n)
            self.ppf = lambda u: lo + (hi - lo) * special.betaincinv(a, b, u)
        elif kind == "discrete":
            values = np.asarray(spec["values"], dtype=float)
            w = np.asarray(spec.get("weights", [1.0] * len(values)), dtype=float)
            p = w / w.sum()
            if len(values) == 1:
                self.const = float(values[0])
            else:
                order = np.argsort(values, kind="stable")
                sv, cum = values[order], np.cumsum(p[order])
                cum[-1] = 1.0
                self.draw = lambda rng, n: rng.choice(values, size=n, p=p)
                self.ppf = lambda u: sv[np.minimum(np.searchsorted(cum, u), len(sv) - 1)]
        elif kind == "bernoulli":  # internal: event occurrence
            prob = float(spec["p"])
            self.draw = lambda rng, n: (rng.random(n) < prob).astype(float)
        elif kind == "exponential":  # internal: leak time, rate per month (0: never)
            rate = float(spec["rate"])
            if rate > 0:
                self.draw = lambda rng, n: rng.exponential(1.0 / rate, n)
                self.ppf = lambda u: -np.log1p(-u) / rate  # a tariff's or a leak's time may be correlated
            else:
                self.const = INF
        else:
            raise SystemExit(f"{self.path}: unknown distribution {kind!r}")

    def sample(self, rng, n):
        if self.forced is not None:
            return self.forced
        if self.const is not None:
            return self.const if self.lo == 0.0 else max(self.const, self.lo)
        # MODEL.md section 3: every drawn value clamped at 0 (and at 1 for two fractions);
        # 7.1: growth_per_year and price_change_per_year at -0.99 instead of 0.
        return np.clip(self.draw(rng, n), self.lo, self.hi)


def truncated_normal(mean, sd, lo, hi):
    """Inverse CDF on the truncated window; a window above the mean is mirrored into the lower
    tail, where ndtr keeps relative precision (as tcosim does)."""
    a, b = (lo - mean) / sd, (hi - mean) / sd
    sign = 1.0
    if a + b > 0:
        a, b, sign = -b, -a, -1.0
    pa, pb = special.ndtr(a), special.ndtr(b)

    def ppf(u):
        if sign < 0:
            u = 1.0 - u  # mirrored window: keep the draw increasing in u
        z = special.ndtri(pa + u * (pb - pa))
        return np.clip(mean + sign * sd * z, lo, hi)

    def draw(rng, n):
        z = special.ndtri(pa + rng.random(n) * (pb - pa))
        return np.clip(mean + sign * sd * z, lo, hi)

    return draw, ppf


class Option:
    def __init__(self, spec, fmt=1):
        self.name = spec["name"]
        self.model = spec["model"]
        prefix = self.name + "."
        defaults = DEFAULTS[self.model]
        self.fields = {}
        for f in OPTION_FIELDS:
            value = spec.get(f, defaults.get(f, 0))
            if value is None:
                raise SystemExit(f"{self.name}: {f} is required for a {self.model} option")
            self.fields[f] = Input(prefix + f, value, 1.0 if f in UPPER_CLAMP_ONE else INF)
        self.delays = [(Input(f"{prefix}delays.{d['name']}.occurs", {"dist": "bernoulli", "p": d["probability"]}),
                        Input(f"{prefix}delays.{d['name']}", d["months"])) for d in spec.get("delays", [])]
        self.leak = None
        if "ip_leak" in spec:
            leak = spec["ip_leak"]
            p = float(leak["annual_probability"])
            rate = -math.log1p(-p) / 12.0 if p > 0 else 0.0
            self.leak = (Input(prefix + "ip_leak.time", {"dist": "exponential", "rate": rate}),
                         Input(prefix + "ip_leak.margin_loss", leak["margin_loss"], 1.0),
                         Input(prefix + "ip_leak.response_cost", leak.get("response_cost", 0)))
        self.risks = [(Input(f"{prefix}risks.{r['name']}.occurs", {"dist": "bernoulli", "p": r["probability"]}),
                       Input(f"{prefix}risks.{r['name']}", r["cost"])) for r in spec.get("risks", [])]
        # Format 2 (MODEL.md 7.1): payment terms, lots, price change, tariff events.
        self.deposit = float((spec.get("payment") or {}).get("deposit", 0.0))
        self.cover = spec.get("order_cover_months")  # None: the format-1 purchase rule (7.3)
        self.price_change = None
        self.tariffs = []
        if fmt >= 2:
            self.price_change = Input(prefix + "price_change_per_year", spec.get("price_change_per_year", 0.0), lo=-0.99)
            for t in spec.get("tariff_events", []) or []:
                p = float(t["annual_probability"])
                rate = -math.log1p(-p) / 12.0 if p > 0 else 0.0
                self.tariffs.append((Input(f"{prefix}tariff_events.{t['name']}.time", {"dist": "exponential", "rate": rate}),
                                     Input(f"{prefix}tariff_events.{t['name']}.added_rate", t["added_rate"])))

    def inputs(self):
        out = list(self.fields.values())
        for pair in self.delays:
            out.extend(pair)
        if self.leak:
            out.extend(self.leak)
        for pair in self.risks:
            out.extend(pair)
        if self.price_change is not None:
            out.append(self.price_change)
        for pair in self.tariffs:
            out.extend(pair)
        return out

    def evaluate(self, rng, n, sc, D, m, out):
        """MODEL.md section 3 over n trials; writes the ten metrics into out[0..9]."""
        H = sc.horizon
        x = {f: inp.sample(rng, n) for f, inp in self.fields.items()}
        delay = 0.0
        for occurs, months in self.delays:
            delay = delay + occurs.sample(rng, n) * months.sample(rng, n)
        leak = [inp.sample(rng, n) for inp in self.leak] if self.leak else None
        risk = np.zeros(n)
        for occurs, cost in self.risks:
            risk = risk + occurs.sample(rng, n) * cost.sample(rng, n)
        r = D / H
        ttm = x["development_months"] + x["production_months"] + delay
        S = np.maximum(0.0, H - ttm)
        U = r * S
        lc = x["unit_cost"] * (1.0 + x["duty_rate"]) + x["freight_per_unit"]
        q_moq = np.ceil(x["moq"])
        Q = np.maximum(U, q_moq)
        upfront = x["design_cost"] + x["tooling_cost"]
        purchase = Q * lc - sc.salvage * (Q - U) * lc
        carrying = sc.carrying * lc * (q_moq / 2.0) * (S / 12.0)
        quality = x["defect_rate"] * U * lc
        delay_cost = m * (D - U)
        if leak is not None:
            T, loss, response = leak
            lost = response + loss * m * r * np.maximum(0.0, H - np.maximum(T, ttm))
            ip = np.where(T < H, lost, 0.0)
        else:
            ip = 0.0
        for k, v in enumerate([ttm, upfront, purchase, carrying, quality, delay_cost, ip, risk, U], start=1):
            out[k] = v
        out[0] = upfront + purchase + carrying + quality + delay_cost + ip + risk

    def evaluate_monthly(self, rng, n, sc, mk, out, cash):
        """MODEL.md section 7 over n trials: every cost booked per month (7.4), the cash curve C_k
        into cash[0..M-1], and the 14 format-2 metrics into out[0..13]. Arrays are [months, trials]."""
        H, M = sc.horizon, sc.months
        k, e = sc.k, sc.e  # [M, 1]: month index and month end e_k = min(k + 1, H)
        D, m, rho, cum = mk["D"], mk["m"], mk["rho"], mk["cum"]
        idx = np.arange(n)
        vec = lambda v: np.full(n, float(v)) if np.ndim(v) == 0 else v
        # Draws in the format-1 order, then the format-2 inputs of this option.
        x = {f: vec(inp.sample(rng, n)) for f, inp in self.fields.items()}
        delay = np.zeros(n)
        for occurs, months in self.delays:
            delay = delay + occurs.sample(rng, n) * months.sample(rng, n)
        leak = [vec(inp.sample(rng, n)) for inp in self.leak] if self.leak else None
        risk = np.zeros(n)
        for occurs, cost in self.risks:
            risk = risk + occurs.sample(rng, n) * cost.sample(rng, n)
        c = vec(self.price_change.sample(rng, n))
        tariffs = [(vec(t.sample(rng, n)), vec(a.sample(rng, n))) for t, a in self.tariffs]

        dev, prod = x["development_months"], x["production_months"]
        ttm = dev + prod + delay
        on_sale = ttm < H
        last = M - 1

        def F(t):
            """Demand of [0, t] (t an array broadcasting against [trials]): piecewise linear in t."""
            t = np.clip(t, 0.0, H)
            j = np.minimum(np.floor(t), last).astype(np.int64)
            jj = np.broadcast_to(j, np.broadcast_shapes(j.shape, (n,)))
            cols = np.broadcast_to(idx, jj.shape)
            return cum[jj, cols] + rho[jj, cols] * (t - jj)

        def F_inverse(y):
            """The time at which the demand of [0, t] reaches y (rates are > 0 wherever it matters)."""
            j = np.minimum((cum[1:] < y).sum(axis=0), last)
            r = rho[j, idx]
            return j + np.where(r > 0, (y - cum[j, idx]) / np.where(r > 0, r, 1.0), 0.0)

        # 7.2: sales and the demand lost before launch, month by month.
        on_sale_months = np.clip(e - np.maximum(k, ttm), 0.0, None)  # months on sale within month k
        sold = rho * on_sale_months
        U = sold.sum(axis=0)
        delay_k = m * rho * np.clip(np.minimum(e, ttm) - k, 0.0, None)
        F_ttm = F(np.minimum(ttm, H))

        # 7.3: ex-works and landed unit prices of a unit arriving in month k.
        p = x["unit_cost"] * (1.0 + c) ** (k / 12.0)
        extra = np.zeros((M, n))
        for tau, a in tariffs:
            extra = extra + (tau <= k) * a
        lc = p * (1.0 + x["duty_rate"] + extra) + x["freight_per_unit"]
        q = np.ceil(x["moq"])

        arr = np.zeros((M, n))    # units arriving in month k
        depo = np.zeros((M, n))   # deposits booked in month k (by order month)
        dep = self.deposit
        if self.cover is None:
            # Format-1 rule: q units at ttm, then units arrive as they are sold (A = max(q, Sold)).
            L = q

            def arrived_before(t):  # units arrived in [0, t)
                return np.where(t <= ttm, 0.0, np.maximum(q, F(np.minimum(t, H)) - F_ttm)) * on_sale

            a_k, a_e = arrived_before(np.broadcast_to(k, (M, n))), arrived_before(np.broadcast_to(e, (M, n)))
            arr = a_e - a_k
            # A unit arriving at t was ordered at t - prod: the arrivals of month k split between
            # order months floor(k - prod) and the next one, at b = floor(k - prod) + 1 + prod.
            j0 = np.floor(k - prod)
            b = np.minimum(j0 + 1.0 + prod, e)
            first = arrived_before(b) - a_k
            rows = np.clip(np.stack([j0, j0 + 1.0]), 0, last).astype(np.int64)
            vals = np.stack([first, arr - first]) * (dep * p)
            flat = (rows * n + idx).ravel()
            depo += np.bincount(flat, weights=vals.ravel(), minlength=M * n).reshape(M, n)
            last_arrival = np.where(q >= U, np.minimum(np.floor(ttm), last), last).astype(np.int64)
        else:
            # Lots (7.3): L = max(q, ceil(v D / H)); n_lots = max(1, ceil(U / L)).
            v = float(self.cover)
            L = np.maximum(q, np.ceil(v * D / H))
            n_lots = np.where(L > 0, np.maximum(1.0, np.ceil(U / np.where(L > 0, L, 1.0))), 1.0)
            n_lots = np.where(on_sale, n_lots, 0.0)  # never on sale: handled below
            last_arrival = np.full(n, last, dtype=np.int64)
            for i in range(int(n_lots.max()) if n else 0):
                active = i < n_lots
                a = ttm if i == 0 else F_inverse(F_ttm + i * L)
                size = np.where(i < n_lots - 1, L, np.maximum(q, U - (n_lots - 1) * L)) * active
                am = np.clip(np.floor(a), 0, last).astype(np.int64)
                om = np.clip(np.floor(a - prod), 0, last).astype(np.int64)
                arr[am, idx] += size
                depo[om, idx] += dep * p[am, idx] * size
                last_arrival = np.where(active, am, last_arrival)
        # Never on sale: the first order (q units) is still bought; balance in month M-1, deposit in
        # the month of ttm - prod (M-1 if later), both at the prices of month M-1.
        never = ~on_sale
        arr[last] += q * never
        om = np.clip(np.floor(np.maximum(ttm - prod, 0.0)), 0, last).astype(np.int64)
        depo[om, idx] += dep * p[last] * q * never
        last_arrival = np.where(never, last, last_arrival)
        Q = arr.sum(axis=0)

        # 7.4: every cost in its month.
        salvage = sc.salvage * (Q - U) * lc[last_arrival, idx]
        purchase_k = lc * arr
        purchase_k[last] -= salvage
        carrying_k = sc.carrying * lc * (L / 2.0) * on_sale_months / 12.0
        quality_k = x["defect_rate"] * lc * sold
        has_dev = dev > 0
        done = np.where(has_dev, np.minimum(e, dev) / np.where(has_dev, dev, 1.0), 1.0)  # share of design done by e_k
        done[last] = 1.0  # the part after H in month M-1
        design_k = x["design_cost"] * np.diff(done, axis=0, prepend=0.0)
        tooling_k = np.zeros((M, n))
        tooling_k[0] += x["tooling_cost"] / 2.0
        tm = np.where(dev < H, np.minimum(np.floor(dev), last), last).astype(np.int64)
        tooling_k[tm, idx] += x["tooling_cost"] / 2.0
        risk_k = np.zeros((M, n))
        risk_k[np.where(on_sale, np.minimum(np.floor(ttm), last), last).astype(np.int64), idx] += risk
        response_k = np.zeros((M, n))
        if leak is not None:
            T, loss, response = leak
            leaked = T < H
            response_k[np.clip(np.floor(np.where(leaked, T, 0.0)), 0, last).astype(np.int64), idx] += response * leaked
            ip_margin_k = loss * m * rho * np.clip(e - np.maximum(k, np.maximum(T, ttm)), 0.0, None)
        else:
            ip_margin_k = np.zeros((M, n))
        cost_k = (design_k + tooling_k + purchase_k + carrying_k + quality_k + delay_k + ip_margin_k
                  + response_k + risk_k)

        # Cash (7.4): out = design, tooling, balances (lc_k - deposit p_k per arriving unit), deposits
        # by order month, carrying, quality, the leak's response cost, risks; in = m per unit sold,
        # plus the salvage in month M-1. C_k: cumulative at the end of month k.
        out_k = design_k + tooling_k + (lc - dep * p) * arr + depo + carrying_k + quality_k + response_k + risk_k
        in_k = m * sold
        in_k[last] += salvage
        C = np.cumsum(in_k - out_k, axis=0)
        cash[:, :] = C
        peak = np.maximum(0.0, (-C).max(axis=0))
        negative = C < 0
        seen = np.maximum.accumulate(negative, axis=0)
        back = (C >= 0)
        back[1:] &= seen[:-1]
        back[0] = False
        ever_back = back.any(axis=0)
        e_flat = np.broadcast_to(e, (M, 1))[:, 0]
        payback = np.where(~negative.any(axis=0), 0.0, np.where(ever_back, e_flat[back.argmax(axis=0)], H))

        parts = [ttm, (design_k + tooling_k).sum(0), purchase_k.sum(0), carrying_k.sum(0), quality_k.sum(0),
                 delay_k.sum(0), (ip_margin_k + response_k).sum(0), risk_k.sum(0), U]
        for i, v in enumerate(parts, start=1):
            out[i] = v
        out[0] = cost_k.sum(axis=0)
        out[10] = (cost_k * sc.discount).sum(axis=0)
        out[11] = peak
        out[12] = payback
        out[13] = Q


class Scenario:
    def __init__(self, path=None, doc=None):
        if doc is None:
            with open(path) as f:
                doc = yaml.safe_load(f)
        self.fmt = int(doc.get("tcosim", 1))
        self.name = doc["name"]
        self.horizon = float(doc["horizon_months"])
        run = doc.get("run", {}) or {}
        self.trials = int(run.get("trials", 100000))
        self.seed = int(run.get("seed", 1))
        finance = doc.get("finance", {}) or {}
        self.carrying = float(finance.get("carrying_rate", 0.25))
        self.salvage = float(finance.get("salvage_fraction", 0.0))
        market = doc["market"]
        self.demand = Input("market.demand_units", market["demand_units"])
        self.margin = Input("market.unit_margin", market["unit_margin"])
        self.growth = None
        self.discount_rate = float(finance.get("discount_rate", 0.0))
        self.runway = finance.get("runway")
        if self.fmt >= 2:
            # MODEL.md 7.1/7.2: the demand profile and the months.
            profile = market.get("demand_profile") or {}
            self.growth = Input("market.demand_profile.growth_per_year", profile.get("growth_per_year", 0.0), lo=-0.99)
            self.seasonality = np.asarray(profile.get("seasonality", [1.0] * 12), dtype=float)
            self.start_month = int(profile.get("start_month", 1))
            self.months = int(math.ceil(self.horizon))
            k = np.arange(self.months, dtype=float)
            self.k = k[:, None]
            self.e = np.minimum(k + 1.0, self.horizon)[:, None]
            self.length = self.e - self.k
            self.mid = (self.k + self.e) / 2.0
            self.discount = (1.0 + self.discount_rate) ** (-self.mid / 12.0)
            self.season = self.seasonality[(self.start_month - 1 + np.arange(self.months)) % 12][:, None]
            self.years = np.floor(k / 12.0)[:, None]
        self.options = [Option(o, self.fmt) for o in doc["options"]]
        self._correlations(doc.get("correlations") or [])

    def market_months(self, D, g, n):
        """7.2: monthly demand rates rho_k (constant within a month) integrating to D over [0, H],
        and the cumulative demand at the month starts, both [months (+1), trials]."""
        D = np.full(n, float(D)) if np.ndim(D) == 0 else D
        w = (1.0 + g) ** self.years * self.season  # [M, n] (g a scalar or [n])
        w = np.broadcast_to(w, (self.months, n))
        W = (w * self.length).sum(axis=0)
        rho = D * w / W
        cum = np.vstack([np.zeros((1, n)), np.cumsum(rho * self.length, axis=0)])
        return {"D": D, "rho": rho, "cum": cum}

    def _correlations(self, entries):
        """Gaussian copula as docs/model.md 7.4: Spearman rho -> Pearson 2 sin(pi rho / 6),
        Cholesky factor L; per block z = L x standard normals, u = Phi(z), x = F^-1(u)."""
        by_path = {i.path: i for i in self.inputs()}
        self.correlated = []
        for a, b, _ in entries:
            for path in (a, b):
                if by_path[path] not in self.correlated:
                    self.correlated.append(by_path[path])
        m = len(self.correlated)
        if m == 0:
            return
        index = {id(inp): k for k, inp in enumerate(self.correlated)}
        r = np.eye(m)
        for a, b, rho in entries:
            i, j = index[id(by_path[a])], index[id(by_path[b])]
            r[i, j] = r[j, i] = 2.0 * math.sin(math.pi * float(rho) / 6.0)
        try:
            self.chol = np.linalg.cholesky(r)
        except np.linalg.LinAlgError:
            if np.linalg.eigvalsh(r).min() < -1e-10:
                # tcosim refuses such a matrix too (exit 1) unless --repair-correlations is given; the
                # peer mirrors the default, so both sides always compare the same, valid matrix.
                raise SystemExit("the correlation matrix is not positive semi-definite; tcosim refuses it as "
                                 "well (without --repair-correlations): compare on a valid matrix")
            # Singular but valid (a rank correlation of exactly 1, e.g. one tariff action hitting two
            # suppliers): docs/model.md 7.4 step 3, a column whose pivot is below 1e-12 stays zero.
            self.chol = semidefinite_cholesky(r)
        for inp in self.correlated:
            if inp.const is None and inp.ppf is None:
                raise SystemExit(f"{inp.path}: no inverse CDF for a correlated input of this family")

    def draw_correlated(self, rng, n):
        """This block's values of the correlated inputs (Input.sample returns them)."""
        if not self.correlated:
            return
        z = rng.standard_normal((n, len(self.correlated))) @ self.chol.T
        u = np.clip(special.ndtr(z), 2.0 ** -53, 1.0 - 2.0 ** -53)
        for k, inp in enumerate(self.correlated):
            if inp.const is None:
                inp.forced = np.clip(inp.ppf(u[:, k]), inp.lo, inp.hi)

    def inputs(self):
        out = [self.demand, self.margin]
        if self.growth is not None:
            out.append(self.growth)
        for o in self.options:
            out.extend(o.inputs())
        return out


def semidefinite_cholesky(r):
    """Lower-triangular L with L L^T = r for a positive semi-definite r; rows scaled to unit length."""
    m = len(r)
    low = np.zeros((m, m))
    for j in range(m):
        d = r[j, j] - low[j, :j] @ low[j, :j]
        if d < 1e-12:
            continue
        low[j, j] = math.sqrt(d)
        for i in range(j + 1, m):
            low[i, j] = (r[i, j] - low[i, :j] @ low[j, :j]) / low[j, j]
    return low / np.linalg.norm(low, axis=1, keepdims=True)


def simulate(sc, trials, seed, block):
    """Every outcome kept (option, metric, trial) for exact percentiles, as tcosim's exact mode;
    in format 2 also the cash curve C_k of every trial (option, month, trial)."""
    rng = np.random.Generator(np.random.PCG64(seed))
    n_opt = len(sc.options)
    if sc.fmt < 2:
        store = np.empty((n_opt, len(METRICS), trials))
        for start in range(0, trials, block):
            n = min(block, trials - start)
            sc.draw_correlated(rng, n)
            D = sc.demand.sample(rng, n)
            m = sc.margin.sample(rng, n)
            for o, opt in enumerate(sc.options):
                opt.evaluate(rng, n, sc, D, m, store[o, :, start:start + n])
        return store, None
    store = np.empty((n_opt, len(METRICS2), trials))
    cash = np.empty((n_opt, sc.months, trials))
    for start in range(0, trials, block):
        n = min(block, trials - start)
        sc.draw_correlated(rng, n)
        D = sc.demand.sample(rng, n)
        m = sc.margin.sample(rng, n)
        g = sc.growth.sample(rng, n)
        mk = sc.market_months(D, g, n)
        mk["m"] = m
        for o, opt in enumerate(sc.options):
            opt.evaluate_monthly(rng, n, sc, mk, store[o, :, start:start + n], cash[o, :, start:start + n])
    return store, cash


def cvar95(v):
    """Mean of the top 5 % with the boundary value counted fractionally (docs/model.md 7.3)."""
    n = v.size
    k = 0.05 * n
    kf = int(math.floor(k))
    frac = k - kf
    if k == 0:
        return float(v.max())
    part = np.partition(v, n - kf - 1)
    return float((part[n - kf:].sum() + frac * part[n - kf - 1]) / k)


def summarize(sc, store, cash=None):
    n = store.shape[2]
    names = METRICS if sc.fmt < 2 else METRICS2
    # The decision: total_cost in format 1, npv_cost in format 2 (MODEL.md 7.4).
    total = store[:, 0, :] if sc.fmt < 2 else store[:, METRICS2.index("npv_cost"), :]
    ttm = store[:, 1, :]
    best = np.argmin(total, axis=0)  # first minimum: ties to the first listed option
    fastest = np.argmin(ttm, axis=0)
    regret = total - total.min(axis=0)
    options = {}
    for o, opt in enumerate(sc.options):
        metrics = {}
        for k, name in enumerate(names):
            v = store[o, k]
            sd = float(v.std(ddof=1)) if n > 1 else 0.0
            q = np.percentile(v, PERCENTILES)
            metrics[name] = {"mean": float(v.mean()), "sd": sd, "stderr": sd / math.sqrt(n),
                             "min": float(v.min()), "max": float(v.max()), "cvar95": cvar95(v),
                             "quantiles": {f"p{p}": float(x) for p, x in zip(PERCENTILES, q)}}
        options[opt.name] = {"model": opt.model,
                             "p_best_cost": float(np.mean(best == o)),
                             "p_fastest": float(np.mean(fastest == o)),
                             "mean_regret": float(regret[o].mean()),
                             "p_never_on_sale": float(np.mean(ttm[o] >= sc.horizon)),
                             "metrics": metrics}
        if cash is not None:
            res = options[opt.name]
            # MODEL.md 7.4: cash went below zero and never came back to >= 0 (a trial that came
            # back and dipped again has its payback and is not counted).
            payback = store[o, METRICS2.index("payback_months")]
            res["p_no_payback"] = float(np.mean((cash[o, -1] < 0) & (payback >= sc.horizon)))
            if sc.runway is not None:
                res["p_cash_short"] = float(np.mean(store[o, METRICS2.index("peak_cash")] > float(sc.runway)))
            curve = np.percentile(cash[o], CASH_PERCENTILES, axis=1)  # [5, months], linear = type 7
            res["cash_curve"] = {"month_end": [float(x) for x in sc.e[:, 0]],
                                 **{f"p{p}": [float(x) for x in row] for p, row in zip(CASH_PERCENTILES, curve)}}
    return options


def median_stderr(q):
    """Asymptotic standard error of a sample median, sqrt(1/(4 n)) / f(median), with the density
    estimated from the P25-P75 spread of the same sample (a finite difference of the inverse CDF)."""
    return lambda n: (q["p75"] - q["p25"]) / 0.5 * math.sqrt(0.25 / n)


Z_THRESHOLD = 5.0  # --check-against exits 3 when any |z| exceeds it (see check_against)


def zscore(a, b, se):
    """(a - b) / se; with se = 0 (a constant outcome on both sides) any difference beyond rounding
    is a disagreement, reported as z = +-1e12."""
    if se > 0:
        return (a - b) / se
    return 0.0 if abs(a - b) <= 1e-9 * (1.0 + abs(a) + abs(b)) else math.copysign(1e12, a - b)


def quantile_stderr(sample, p, h=0.02):
    """Asymptotic standard error of the sample p-quantile times sqrt(n): sqrt(p (1 - p)) / f(Q(p)),
    the density estimated from this sample by the finite difference (Q(p + h) - Q(p - h)) / 2h."""
    lo, hi = np.percentile(sample, [100 * (p - h), 100 * (p + h)])
    return math.sqrt(p * (1 - p)) * (hi - lo) / (2 * h)


def check_against(ours, n_ours, path, sc=None, store=None, cash=None):
    """z-scores of (numpy - tcosim) for mean and P50 of total_cost and ttm_months, and for
    p_best_cost: independent samples, so the variances add.

    Format 2 adds: the mean of every metric (standard errors of both summaries), the P50 of
    npv_cost and peak_cash, mean_regret (standard error from this sample's sd of regret, for both
    sides), p_no_payback and p_cash_short (binomial), and the P50 of C_k at every month end of the
    cash curve. A quantile's standard error is the asymptotic one, sqrt(p (1 - p) / n) / f, with
    the density f estimated from this sample (quantile_stderr), applied to both sample sizes.
    A statistic tcosim's summary lacks is listed under "missing" and fails the check."""
    with open(path) as f:
        theirs = json.load(f)
    n_theirs = theirs["trials"]
    rows = []
    missing = []
    both = math.sqrt(1.0 / n_ours + 1.0 / n_theirs)
    for o_idx, (name, o) in enumerate(ours.items()):
        t = theirs["options"][name]
        for metric in ("total_cost", "ttm_months"):
            a, b = o["metrics"][metric], t["metrics"][metric]
            se = math.hypot(a["stderr"], b["stderr"])
            rows.append({"option": name, "stat": f"{metric}.mean", "numpy": a["mean"], "tcosim": b["mean"],
                         "z": (a["mean"] - b["mean"]) / se if se > 0 else 0.0})
            sa = median_stderr(a["quantiles"])(n_ours)
            sb = median_stderr(b["quantiles"])(n_theirs)
            se = math.hypot(sa, sb)
            pa, pb = a["quantiles"]["p50"], b["quantiles"]["p50"]
            rows.append({"option": name, "stat": f"{metric}.p50", "numpy": pa, "tcosim": pb,
                         "z": (pa - pb) / se if se > 0 else 0.0})
        pa, pb = o["p_best_cost"], t["p_best_cost"]
        se = math.sqrt(pa * (1 - pa) / n_ours + pb * (1 - pb) / n_theirs)
        rows.append({"option": name, "stat": "p_best_cost", "numpy": pa, "tcosim": pb,
                     "z": (pa - pb) / se if se > 0 else 0.0})
        if sc is None or sc.fmt < 2:
            continue
        for k, metric in enumerate(METRICS2):
            if metric in ("total_cost", "ttm_months"):
                continue
            b = t["metrics"].get(metric)
            if b is None:
                missing.append(f"{name}.metrics.{metric}")
                continue
            a = o["metrics"][metric]
            rows.append({"option": name, "stat": f"{metric}.mean", "numpy": a["mean"], "tcosim": b["mean"],
                         "z": zscore(a["mean"], b["mean"], math.hypot(a["stderr"], b["stderr"]))})
            if metric in ("npv_cost", "peak_cash"):
                se = quantile_stderr(store[o_idx, k], 0.5) * both
                pa, pb = a["quantiles"]["p50"], b["quantiles"]["p50"]
                rows.append({"option": name, "stat": f"{metric}.p50", "numpy": pa, "tcosim": pb,
                             "z": zscore(pa, pb, se)})
        npv = store[:, METRICS2.index("npv_cost"), :]
        regret_sd = float((npv[o_idx] - npv.min(axis=0)).std(ddof=1)) if n_ours > 1 else 0.0
        rows.append({"option": name, "stat": "mean_regret", "numpy": o["mean_regret"], "tcosim": t["mean_regret"],
                     "z": zscore(o["mean_regret"], t["mean_regret"], regret_sd * both)})
        for key in ("p_no_payback", "p_cash_short"):
            if key not in o:
                continue
            if key not in t:
                missing.append(f"{name}.{key}")
                continue
            pa, pb = o[key], t[key]
            se = math.sqrt(pa * (1 - pa) / n_ours + pb * (1 - pb) / n_theirs)
            rows.append({"option": name, "stat": key, "numpy": pa, "tcosim": pb, "z": zscore(pa, pb, se)})
        curve = t.get("cash_curve")
        if curve is None or "p50" not in curve:
            missing.append(f"{name}.cash_curve")
            continue
        if len(curve["p50"]) != sc.months:
            missing.append(f"{name}.cash_curve (tcosim has {len(curve['p50'])} month ends, the peer {sc.months})")
            continue
        for k in range(sc.months):
            se = quantile_stderr(cash[o_idx, k], 0.5) * both
            pa, pb = o["cash_curve"]["p50"][k], curve["p50"][k]
            rows.append({"option": name, "stat": f"cash_curve.p50[{o['cash_curve']['month_end'][k]:g}]",
                         "numpy": pa, "tcosim": pb, "z": zscore(pa, pb, se)})
    out = {"against": path, "tcosim_trials": n_theirs, "max_abs_z": max(abs(r["z"]) for r in rows), "rows": rows}
    if sc is not None and sc.fmt >= 2:
        out["missing"] = missing
    out["z_threshold"] = Z_THRESHOLD
    out["passed"] = out["max_abs_z"] <= Z_THRESHOLD and not missing
    return out


def selftest():
    """Cases worked by hand (MODEL.md section 7), constants only, so every number can be checked
    with a calculator. H = 22 months, D = 2,200 units (rho = 100 a month, flat), m = $20,
    carrying_rate 0, salvage_fraction 0.2, discount_rate 0.10.

    Option "lots-a" (contract): design $1,200, tooling $800, unit_cost $10, duty 0.10, freight $1,
    moq 500, development 4 + production 2 months (ttm = 6, U = 100 x 16 = 1,600), deposit 0.3,
    order_cover_months 6, price_change_per_year -0.19 (so p_k = 10 x 0.81^(k/12): p_6 = 9.00,
    p_12 = 8.10, p_18 = 7.29), one tariff event (+0.25) whose time is forced to 10.5 (it applies
    from month 11 on), a risk of probability 1 costing $500.
      L = max(500, ceil(6 x 2200 / 22) = 600) = 600; n = ceil(1600 / 600) = 3 lots:
      lot 0: 600 at t = 6 (ordered at 4); lot 1: 600 when Sold = 600, t = 12 (ordered at 10);
      lot 2: max(500, 1600 - 1200) = 500 at t = 18 (ordered at 16). Q = 1,700, 100 left over.
      lc_6 = 9 x 1.10 + 1 = 10.90; lc_12 = 8.10 x 1.35 + 1 = 11.935; lc_18 = 7.29 x 1.35 + 1 = 10.8415
      deposits 0.3 p_k x lot: 1,620 (month 4), 1,458 (month 10), 1,093.50 (month 16)
      balances (lc_k - 0.3 p_k) x lot: 8.20 x 600 = 4,920 (month 6), 9.505 x 600 = 5,703 (month 12),
        8.6545 x 500 = 4,327.25 (month 18)
      salvage 0.2 x 100 x lc_18 = 216.83 (month 21); purchase = 6,540 + 7,161 + 5,420.75 - 216.83 = 18,904.92
      design 300 in months 0-3; tooling 400 in month 0 and 400 in month 4 (the month holding t = 4);
      risk 500 in month 6; delay_cost 20 x 100 x 6 = 12,000 (2,000 in each of months 0-5)
      total_cost = 1,200 + 800 + 18,904.92 + 12,000 + 500 = 33,404.92
      cash: sales bring 2,000 a month from month 6; C_k = -700, -1,000, -1,300, -1,600, -3,620,
        -3,620, -7,040, -5,040, -3,040, -1,040, -498, 1,502, -2,201, -201, 1,799, 3,799, 4,705.50,
        6,705.50, 4,378.25, 6,378.25, 8,378.25, 10,595.08
      peak_cash 7,040; payback_months 12 (C_11 >= 0 first, e_11 = 12; the dip of month 12 after it
      does not move it); C_21 >= 0 so not in p_no_payback.
    Option "asap-b" (odm, the format-1 purchase rule): unit_cost $12, no duty or freight, moq 500,
    development 0.5 + production 1.5 (ttm = 2, U = 2,000 = Q), deposit 0.5.
      500 units arrive at t = 2 (ordered at 0.5: deposit 3,000 in month 0, balance 3,000 in month 2);
      Sold reaches 500 at t = 7, then 100 units arrive each month 7-21 (balance 600 each); those of
      month k were ordered over [k - 1.5, k - 0.5): deposit 300 in month k-2 and 300 in month k-1,
      so deposits 300 (month 5), 600 (months 6-19), 300 (month 20).
      C_k = -3,000, -3,000, -4,000, -2,000, 0, 1,700, 3,100, 3,900, then +800 a month to 13,500
        (month 19), 14,600, 16,000. peak_cash 4,000; payback_months 5 (C_4 = 0 >= 0, e_4 = 5).
      total_cost = 2,000 x 12 + delay 20 x 100 x 2 = 28,000.
    Option "late-c" (contract, never on sale): tooling $1,000, unit_cost $10, moq 300, development
    25 + production 2 (ttm 27 >= 22), deposit 0.5, lots of 3 months.
      the first order (300 units) is bought in month 21 at p_21 = 10: deposit 1,500 and balance
      1,500 in month 21 (its order time 25 is after it); salvage 0.2 x 300 x 10 = 600 in month 21;
      tooling 500 in month 0 and 500 in month 21 (development ends after H).
      purchase = 3,000 - 600 = 2,400; delay_cost = 20 x 2,200 = 44,000; total 47,400;
      C_0..C_20 = -500, C_21 = -500 - 500 - 3,000 + 600 = -3,400; peak_cash 3,400;
      payback_months 22 (= H) and counted in p_no_payback.
    Also: rates with growth and seasonality integrate to D over a fractional horizon, and a
    format-2 copy of a format-1 scenario (no new fields) reproduces the ten format-1 metrics."""
    doc = {"tcosim": 2, "name": "selftest", "horizon_months": 22,
           "market": {"demand_units": 2200, "unit_margin": 20},
           "finance": {"carrying_rate": 0.0, "salvage_fraction": 0.2, "discount_rate": 0.10, "runway": 5000},
           "options": [
               {"name": "lots-a", "model": "contract", "design_cost": 1200, "tooling_cost": 800, "unit_cost": 10,
                "freight_per_unit": 1, "duty_rate": 0.1, "moq": 500, "development_months": 4,
                "production_months": 2, "payment": {"deposit": 0.3}, "order_cover_months": 6,
                "price_change_per_year": -0.19,
                "tariff_events": [{"name": "forced", "annual_probability": 0.5, "added_rate": 0.25}],
                "risks": [{"name": "sure", "probability": 1.0, "cost": 500}]},
               {"name": "asap-b", "model": "odm", "unit_cost": 12, "moq": 500, "development_months": 0.5,
                "production_months": 1.5, "payment": {"deposit": 0.5}},
               {"name": "late-c", "model": "contract", "tooling_cost": 1000, "unit_cost": 10, "moq": 300,
                "development_months": 25, "production_months": 2, "payment": {"deposit": 0.5},
                "order_cover_months": 3}]}
    sc = Scenario(doc=doc)
    sc.options[0].tariffs[0][0].const = 10.5  # force the tariff's time
    store, cash = simulate(sc, 3, 1, 3)
    res = summarize(sc, store, cash)
    fails = []

    def near(what, got, want, tol=1e-9):
        if not np.allclose(got, want, rtol=tol, atol=1e-7):
            fails.append(f"{what}: got {np.round(got, 6).tolist()}, want {np.round(want, 6).tolist()}")

    M = sc.months
    a_cost = np.zeros(M)
    a_cost[0:4] += 300
    a_cost[[0, 4]] += 400
    a_cost[0:6] += 2000
    a_cost[6] += 6540 + 500
    a_cost[12] += 7161
    a_cost[18] += 5420.75
    a_cost[21] -= 216.83
    a = dict(zip(METRICS2, store[0, :, 0]))
    near("lots-a metrics", [a[k] for k in METRICS2],
         [33404.92, 6, 2000, 18904.92, 0, 0, 12000, 0, 500, 1600,
          float((a_cost * 1.1 ** (-(np.arange(M) + 0.5) / 12)).sum()), 7040, 12, 1700])
    near("lots-a cost by month sums to total", a_cost.sum(), 33404.92)
    near("lots-a C_k", cash[0, :, 0],
         [-700, -1000, -1300, -1600, -3620, -3620, -7040, -5040, -3040, -1040, -498, 1502, -2201, -201, 1799,
          3799, 4705.5, 6705.5, 4378.25, 6378.25, 8378.25, 10595.08])
    b = dict(zip(METRICS2, store[1, :, 0]))
    b_cost = np.zeros(M)
    b_cost[0:2] += 2000
    b_cost[2] += 6000
    b_cost[7:] += 1200
    near("asap-b metrics", [b[k] for k in METRICS2],
         [28000, 2, 0, 24000, 0, 0, 4000, 0, 0, 2000,
          float((b_cost * 1.1 ** (-(np.arange(M) + 0.5) / 12)).sum()), 4000, 5, 2000])
    near("asap-b C_k", cash[1, :, 0],
         [-3000, -3000, -4000, -2000, 0, 1700, 3100] + [3900 + 800 * i for i in range(13)] + [14600, 16000])
    c = dict(zip(METRICS2, store[2, :, 0]))
    near("late-c metrics", [c[k] for k in ("total_cost", "upfront", "purchase", "delay_cost", "units_sold",
                                           "peak_cash", "payback_months", "units_bought")],
         [47400, 1000, 2400, 44000, 0, 3400, 22, 300])
    near("late-c C_k", cash[2, :, 0], [-500] * 21 + [-3400])
    near("p_no_payback", [res[o]["p_no_payback"] for o in ("lots-a", "asap-b", "late-c")], [0, 0, 1])
    near("p_cash_short (runway 5,000)", [res[o]["p_cash_short"] for o in ("lots-a", "asap-b", "late-c")], [1, 0, 0])
    near("p_best_cost on npv_cost", [res[o]["p_best_cost"] for o in ("lots-a", "asap-b", "late-c")], [0, 1, 0])

    # Demand profile: rates integrate to D over a fractional horizon with growth and seasonality.
    prof = dict(doc, horizon_months=30.5,
                market={"demand_units": 2200, "unit_margin": 20,
                        "demand_profile": {"growth_per_year": 0.3, "start_month": 11,
                                           "seasonality": [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 3]}})
    sp = Scenario(doc=prof)
    mk = sp.market_months(2200.0, 0.3, 2)
    near("profile integrates to D", mk["cum"][-1], [2200, 2200])
    near("rho_1 / rho_0 = Dec / Nov", mk["rho"][1, 0] / mk["rho"][0, 0], 1.5)
    near("rho_12 / rho_0 = growth", mk["rho"][12, 0] / mk["rho"][0, 0], 1.3)

    # Format-2 copy of a format-1 scenario (none of the new fields): the ten metrics of section 3.
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "..", "scenarios", "smart-speaker-format1.yaml")
    if os.path.exists(path):
        with open(path) as f:
            d1 = yaml.safe_load(f)
        s1, s2 = Scenario(doc=d1), Scenario(doc=dict(d1, tcosim=2))
        st1, _ = simulate(s1, 4000, 7, 1000)
        st2, c2 = simulate(s2, 4000, 7, 1000)
        if not np.allclose(st2[:, :10, :], st1, rtol=1e-9, atol=1e-6):
            fails.append("format-2 copy of smart-speaker-format1 differs from format 1 in the section-3 metrics")
        near("npv_cost = total_cost at rate 0", st2[:, 10, :], st2[:, 0, :])
        if not np.all(st2[:, 13, :] >= st2[:, 9, :] - 1e-6):
            fails.append("units_bought < units_sold somewhere")
    if fails:
        print("selftest FAILED:\n  " + "\n  ".join(fails), file=sys.stderr)
        sys.exit(1)
    print("selftest: ok (three options worked by hand, the demand profile, format 2 = format 1 without new fields)")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("scenario", nargs="?", default=os.path.join(here, "..", "scenarios", "default.yaml"))
    ap.add_argument("--trials", type=int)
    ap.add_argument("--seed", type=int)
    ap.add_argument("--block", type=int, default=1 << 16, help="trials per vectorised block (default 65536; "
                    "format 2 caps it at 2^21 / months so that a [months, block] array stays near 16 MB)")
    ap.add_argument("--check-against", metavar="SUMMARY_JSON", help="tcosim summary.json to compare with")
    ap.add_argument("--full", action="store_true", help="print every statistic, not only the headline")
    ap.add_argument("--selftest", action="store_true", help="check the peer against cases worked by hand, then exit")
    args = ap.parse_args()
    if args.selftest:
        selftest()
        return

    sc = Scenario(args.scenario)
    trials = args.trials or sc.trials
    seed = sc.seed if args.seed is None else args.seed
    block = args.block if sc.fmt < 2 else max(1, min(args.block, (1 << 21) // sc.months))
    variates = sum(1 for i in sc.inputs() if i.const is None)
    t0 = time.perf_counter()
    store, cash = simulate(sc, trials, seed, block)
    t1 = time.perf_counter()
    options = summarize(sc, store, cash)
    t2 = time.perf_counter()
    out = {"scenario": sc.name, "trials": trials, "seed": seed, "block": block,
           "variates_per_trial": variates, "numpy": np.__version__,
           "seconds": t2 - t0, "simulate_s": t1 - t0, "statistics_s": t2 - t1,
           "trials_per_s": trials / (t2 - t0),
           "headline": {name: {"total_cost_p50": o["metrics"]["total_cost"]["quantiles"]["p50"],
                               "total_cost_mean": o["metrics"]["total_cost"]["mean"],
                               "ttm_p50": o["metrics"]["ttm_months"]["quantiles"]["p50"],
                               "p_best_cost": o["p_best_cost"], "p_fastest": o["p_fastest"],
                               "mean_regret": o["mean_regret"]} for name, o in options.items()}}
    if sc.fmt >= 2:
        out["format"] = sc.fmt
        for name, o in options.items():
            h = out["headline"][name]
            h["npv_cost_p50"] = o["metrics"]["npv_cost"]["quantiles"]["p50"]
            h["npv_cost_mean"] = o["metrics"]["npv_cost"]["mean"]
            h["peak_cash_p50"] = o["metrics"]["peak_cash"]["quantiles"]["p50"]
            h["peak_cash_p95"] = o["metrics"]["peak_cash"]["quantiles"]["p95"]
            h["payback_months_p50"] = o["metrics"]["payback_months"]["quantiles"]["p50"]
            h["p_no_payback"] = o["p_no_payback"]
            if "p_cash_short" in o:
                h["p_cash_short"] = o["p_cash_short"]
    if args.full:
        out["options"] = options
    if args.check_against:
        out["check"] = check_against(options, trials, args.check_against, sc, store, cash)
    json.dump(out, sys.stdout, indent=2)
    sys.stdout.write("\n")
    if args.check_against and not out["check"]["passed"]:
        bad = [r for r in out["check"]["rows"] if abs(r["z"]) > Z_THRESHOLD]
        for r in bad:
            print(f"check: {r['option']} {r['stat']}: numpy {r['numpy']:.6g} tcosim {r['tcosim']:.6g} z {r['z']:.2f}",
                  file=sys.stderr)
        for m in out["check"].get("missing", []):
            print(f"check: tcosim's summary lacks {m}", file=sys.stderr)
        sys.exit(3)


if __name__ == "__main__":
    main()
