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

Run with Debian's /usr/bin/python3 (numpy, scipy, PyYAML):

    /usr/bin/python3 bench/numpy_peer.py [SCENARIO] [--trials N] [--seed S] [--block B]
                                          [--check-against results/x/summary.json]

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
PERCENTILES = [1, 5, 10, 25, 50, 75, 90, 95, 99]
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

    def __init__(self, path, spec, hi=INF):
        self.path = path
        self.hi = hi
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
            else:
                self.const = INF
        else:
            raise SystemExit(f"{self.path}: unknown distribution {kind!r}")

    def sample(self, rng, n):
        if self.forced is not None:
            return self.forced
        if self.const is not None:
            return self.const
        # MODEL.md section 3: every drawn value clamped at 0 (and at 1 for two fractions).
        return np.clip(self.draw(rng, n), 0.0, self.hi)


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
    def __init__(self, spec):
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

    def inputs(self):
        out = list(self.fields.values())
        for pair in self.delays:
            out.extend(pair)
        if self.leak:
            out.extend(self.leak)
        for pair in self.risks:
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


class Scenario:
    def __init__(self, path):
        with open(path) as f:
            doc = yaml.safe_load(f)
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
        self.options = [Option(o) for o in doc["options"]]
        self._correlations(doc.get("correlations") or [])

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
            # tcosim refuses such a matrix too (exit 1) unless --repair-correlations is given; the
            # peer mirrors the default, so both sides always compare the same, valid matrix.
            raise SystemExit("the correlation matrix is not positive definite; tcosim refuses it as well "
                             "(without --repair-correlations): compare on a valid matrix")
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
                inp.forced = np.clip(inp.ppf(u[:, k]), 0.0, inp.hi)

    def inputs(self):
        out = [self.demand, self.margin]
        for o in self.options:
            out.extend(o.inputs())
        return out


def simulate(sc, trials, seed, block):
    rng = np.random.Generator(np.random.PCG64(seed))
    n_opt = len(sc.options)
    # Every outcome kept (option, metric, trial) for exact percentiles, as tcosim's exact mode.
    store = np.empty((n_opt, len(METRICS), trials))
    for start in range(0, trials, block):
        n = min(block, trials - start)
        sc.draw_correlated(rng, n)
        D = sc.demand.sample(rng, n)
        m = sc.margin.sample(rng, n)
        for o, opt in enumerate(sc.options):
            opt.evaluate(rng, n, sc, D, m, store[o, :, start:start + n])
    return store


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


def summarize(sc, store):
    n = store.shape[2]
    total = store[:, 0, :]
    ttm = store[:, 1, :]
    best = np.argmin(total, axis=0)  # first minimum: ties to the first listed option
    fastest = np.argmin(ttm, axis=0)
    regret = total - total.min(axis=0)
    options = {}
    for o, opt in enumerate(sc.options):
        metrics = {}
        for k, name in enumerate(METRICS):
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
    return options


def median_stderr(q):
    """Asymptotic standard error of a sample median, sqrt(1/(4 n)) / f(median), with the density
    estimated from the P25-P75 spread of the same sample (a finite difference of the inverse CDF)."""
    return lambda n: (q["p75"] - q["p25"]) / 0.5 * math.sqrt(0.25 / n)


def check_against(ours, n_ours, path):
    """z-scores of (numpy - tcosim) for mean and P50 of total_cost and ttm_months, and for
    p_best_cost: independent samples, so the variances add."""
    with open(path) as f:
        theirs = json.load(f)
    n_theirs = theirs["trials"]
    rows = []
    for name, o in ours.items():
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
    return {"against": path, "tcosim_trials": n_theirs, "max_abs_z": max(abs(r["z"]) for r in rows), "rows": rows}


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("scenario", nargs="?", default=os.path.join(here, "..", "scenarios", "default.yaml"))
    ap.add_argument("--trials", type=int)
    ap.add_argument("--seed", type=int)
    ap.add_argument("--block", type=int, default=1 << 16, help="trials per vectorised block (default 65536)")
    ap.add_argument("--check-against", metavar="SUMMARY_JSON", help="tcosim summary.json to compare with")
    ap.add_argument("--full", action="store_true", help="print every statistic, not only the headline")
    args = ap.parse_args()

    sc = Scenario(args.scenario)
    trials = args.trials or sc.trials
    seed = sc.seed if args.seed is None else args.seed
    variates = sum(1 for i in sc.inputs() if i.const is None)
    t0 = time.perf_counter()
    store = simulate(sc, trials, seed, args.block)
    t1 = time.perf_counter()
    options = summarize(sc, store)
    t2 = time.perf_counter()
    out = {"scenario": sc.name, "trials": trials, "seed": seed, "block": args.block,
           "variates_per_trial": variates, "numpy": np.__version__,
           "seconds": t2 - t0, "simulate_s": t1 - t0, "statistics_s": t2 - t1,
           "trials_per_s": trials / (t2 - t0),
           "headline": {name: {"total_cost_p50": o["metrics"]["total_cost"]["quantiles"]["p50"],
                               "total_cost_mean": o["metrics"]["total_cost"]["mean"],
                               "ttm_p50": o["metrics"]["ttm_months"]["quantiles"]["p50"],
                               "p_best_cost": o["p_best_cost"], "p_fastest": o["p_fastest"],
                               "mean_regret": o["mean_regret"]} for name, o in options.items()}}
    if args.full:
        out["options"] = options
    if args.check_against:
        out["check"] = check_against(options, trials, args.check_against)
    json.dump(out, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
