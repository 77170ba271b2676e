#!/usr/bin/env python3
"""How many trials random, Latin hypercube and Sobol sampling need for the same precision.

For each scenario, scheme (random, lhs, sobol) and trial count (2^14, 2^16, 2^18 by default)
runs build/tcosim with seeds 1..S and measures, per option, the variance across seeds of the
mean, P50 and P95 of total_cost (and of npv_cost in format 2). From the spread at the largest
trial count it estimates the trials each scheme needs for a 95 % half-width of +-0.5 % on P50
and P95 (n * (1.96 sd / (0.005 |value|))^2: the 1/n law of random sampling and LHS, which is
conservative for Sobol, whose error falls faster), and the time that takes at each scheme's
measured throughput (one thread), against the NumPy peer's random sampling (bench/numpy_peer.py).
A benchmark, not a test: it prints figures (and --json writes them), it asserts nothing.

Usage: bench/qmc_efficiency.py [--bin build/tcosim] [--seeds 30] [--sizes 14,16,18]
                               [--big 2] [--scenarios scenarios/*.yaml] [--json out.json]
       bench/qmc_efficiency.py --markdown out.json      # the tables of docs/performance.md
"""
import argparse
import glob
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time

SCHEMES = ["random", "lhs", "sobol"]  # --schemes replaces it; random always comes first


def run_tcosim(binary, scenario, trials, seed, sampling, out):
    cmd = [binary, "run", scenario, "--trials", str(trials), "--seed", str(seed), "--sampling", sampling,
           "--threads", "1", "-q", "--out", out]
    subprocess.run(cmd, check=True, stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    with open(os.path.join(out, "summary.json")) as f:
        return json.load(f)


def headline(summary):
    """{(option, metric, stat): value} for total_cost and npv_cost."""
    out = {}
    for name, o in summary["options"].items():
        for metric in ("total_cost", "npv_cost"):
            if metric not in o["metrics"]:
                continue
            m = o["metrics"][metric]
            out[(name, metric, "mean")] = m["mean"]
            out[(name, metric, "p50")] = m["quantiles"]["p50"]
            out[(name, metric, "p95")] = m["quantiles"]["p95"]
    return out


def peer_rate(scenario, trials):
    here = os.path.dirname(os.path.abspath(__file__))
    cmd = ["/usr/bin/python3", os.path.join(here, "numpy_peer.py"), scenario, "--trials", str(trials), "--seed", "1"]
    r = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return json.loads(r.stdout)["trials_per_s"]


def measure(args, scenario, sizes):
    """values[scheme][n][key] = list over seeds; rate[scheme] = trials/s at the largest n."""
    values = {s: {n: {} for n in sizes} for s in SCHEMES}
    rate = {}
    with tempfile.TemporaryDirectory() as tmp:
        for scheme in SCHEMES:
            for n in sizes:
                rates = []
                for seed in range(1, args.seeds + 1):
                    summary = run_tcosim(args.bin, scenario, n, seed, scheme, tmp)
                    rates.append(summary["trials_per_s"])
                    for key, v in headline(summary).items():
                        values[scheme][n].setdefault(key, []).append(v)
                rate[scheme] = statistics.median(rates)
    return values, rate


def needed(sd, value, n, rel=0.005):
    return n * (1.959964 * sd / (rel * abs(value))) ** 2 if value else float("nan")


def report(name, sizes, values, rate, peer):
    big = sizes[-1]
    rows = []
    print(f"\n## {name}: variance across seeds, ratio random / scheme (higher is better)")
    others = SCHEMES[1:]
    print(f"{'option / metric':<36}{'stat':>5}" +
          "".join(f"{f'{scheme} 2^{int(math.log2(n))}':>16}" for n in sizes for scheme in others))
    for key in values["random"][big]:
        option, metric, stat = key
        line = f"{option + ' ' + metric:<36}{stat:>5}"
        for n in sizes:
            vr = statistics.variance(values["random"][n][key])
            for scheme in others:
                vs = statistics.variance(values[scheme][n][key])
                ratio = vr / vs if vs > 0 else float("inf")
                line += f"{ratio:>16.1f}"
                rows.append({"scenario": name, "option": option, "metric": metric, "stat": stat, "trials": n,
                             "scheme": scheme, "variance": vs, "variance_random": vr, "ratio": ratio})
        print(line)
    print(f"\n## {name}: trials for +-0.5 % at 95 % (from the spread at 2^{int(math.log2(big))}), worst option")
    need = {}
    for scheme in SCHEMES:
        for stat in ("p50", "p95"):
            worst = 0.0
            for key, vals in values[scheme][big].items():
                if key[2] != stat:
                    continue
                worst = max(worst, needed(statistics.stdev(vals), statistics.mean(vals), big))
            need[(scheme, stat)] = worst
    print(f"{'scheme':<8}{'P50 trials':>14}{'P95 trials':>14}{'trials/s':>12}{'time P50+P95 (s)':>18}")
    times = {}
    for scheme in SCHEMES:
        n = max(need[(scheme, "p50")], need[(scheme, "p95")])
        times[scheme] = n / rate[scheme]
        print(f"{scheme:<8}{need[(scheme, 'p50')]:>14,.0f}{need[(scheme, 'p95')]:>14,.0f}{rate[scheme]:>12,.0f}"
              f"{times[scheme]:>18.3f}")
    if peer:
        n = max(need[("random", "p50")], need[("random", "p95")])
        times["numpy_peer_random"] = n / peer
        print(f"{'peer':<8}{need[('random', 'p50')]:>14,.0f}{need[('random', 'p95')]:>14,.0f}{peer:>12,.0f}"
              f"{times['numpy_peer_random']:>18.3f}")
    return rows, {"scenario": name, "needed": {f"{k[0]}_{k[1]}": v for k, v in need.items()},
                  "trials_per_s": rate, "numpy_peer_trials_per_s": peer, "seconds_to_precision": times}


def markdown(path):
    """The figures of a --json file as the Markdown tables of docs/performance.md."""
    with open(path) as f:
        data = json.load(f)
    rows = data["rows"]
    schemes = sorted({r["scheme"] for r in rows}, key=lambda s: SCHEMES.index(s) if s in SCHEMES else 99)
    for summary in data["summaries"]:
        name = summary["scenario"]
        mine = [r for r in rows if r["scenario"] == name]
        sizes = sorted({r["trials"] for r in mine})
        print(f"\n**{name}**: variance across {data['seeds']} seeds, random / scheme (min-max over options)\n")
        head = "| metric | stat | " + " | ".join(f"{s} 2^{int(math.log2(n))}" for n in sizes for s in schemes) + " |"
        print(head)
        print("|" + "---|" * (2 + len(sizes) * len(schemes)))
        for metric in ("total_cost", "npv_cost"):
            for stat in ("mean", "p50", "p95"):
                cells = []
                for n in sizes:
                    for s in schemes:
                        ratios = [r["ratio"] for r in mine
                                  if r["metric"] == metric and r["stat"] == stat and r["trials"] == n and r["scheme"] == s]
                        cells.append(f"{min(ratios):.0f}-{max(ratios):.0f}" if ratios else "")
                if any(cells):
                    print(f"| {metric} | {stat} | " + " | ".join(cells) + " |")
    print("\n| scenario | scheme | trials for P50 | trials for P95 | trials/s (1 thread) | seconds to both |")
    print("|---|---|---:|---:|---:|---:|")
    for summary in data["summaries"]:
        need, rate, t = summary["needed"], summary["trials_per_s"], summary["seconds_to_precision"]
        for s in SCHEMES:
            if f"{s}_p50" in need:
                print(f"| {summary['scenario']} | {s} | {need[f'{s}_p50']:,.0f} | {need[f'{s}_p95']:,.0f} | "
                      f"{rate[s]:,.0f} | {t[s]:.2f} |")
        if summary.get("numpy_peer_trials_per_s"):
            print(f"| {summary['scenario']} | NumPy peer, random | {need['random_p50']:,.0f} | {need['random_p95']:,.0f} | "
                  f"{summary['numpy_peer_trials_per_s']:,.0f} | {t['numpy_peer_random']:.2f} |")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", default=os.environ.get("TCOSIM_BIN", "build/tcosim"))
    ap.add_argument("--seeds", type=int, default=30)
    ap.add_argument("--sizes", default="14,16,18", help="log2 of the trial counts")
    ap.add_argument("--big", type=int, default=99,
                    help="only the first BIG scenarios run the largest size (CPU budget)")
    ap.add_argument("--scenarios", nargs="*", default=sorted(glob.glob("scenarios/*.yaml")))
    ap.add_argument("--no-peer", action="store_true", help="skip timing the NumPy peer")
    ap.add_argument("--schemes", default="random,lhs,sobol", help="comma-separated; random first (the reference)")
    ap.add_argument("--json", help="write every figure here")
    ap.add_argument("--markdown", metavar="JSON", help="print the tables of an earlier --json file, then exit")
    args = ap.parse_args()
    if args.markdown:
        markdown(args.markdown)
        return
    SCHEMES[:] = args.schemes.split(",")
    if SCHEMES[0] != "random":
        ap.error("--schemes must start with random, the reference of every ratio")
    sizes_all = [1 << int(s) for s in args.sizes.split(",")]
    rows, summaries = [], []
    started = time.time()
    for i, scenario in enumerate(args.scenarios):
        sizes = sizes_all if i < args.big else sizes_all[:-1]
        name = os.path.basename(scenario)
        values, rate = measure(args, scenario, sizes)
        peer = None if args.no_peer else peer_rate(scenario, sizes[-1])
        r, s = report(name, sizes, values, rate, peer)
        rows += r
        summaries.append(s)
        print(f"({time.time() - started:.0f} s so far)", file=sys.stderr)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"seeds": args.seeds, "sizes": sizes_all, "rows": rows, "summaries": summaries}, f, indent=1)


if __name__ == "__main__":
    main()
