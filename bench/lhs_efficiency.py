#!/usr/bin/env python3
"""How many trials Latin hypercube sampling saves on a scenario's P50 total cost.

Runs the scenario R times (seeds 1..R) with random and with LHS sampling at the same trial
count, measures the spread (standard deviation across seeds) of each option's P50 total cost,
and reports the variance ratio random/LHS: the factor by which random sampling needs more
trials to reach LHS's standard error (the standard error of a percentile falls as 1/sqrt(n)).
A benchmark, not a test: it prints figures, it asserts nothing.

Usage: bench/lhs_efficiency.py [--bin build/tcosim] [--scenario FILE] [--trials N] [--reps R]
"""
import argparse
import json
import math
import os
import statistics
import subprocess
import tempfile


def p50s(binary, scenario, trials, seed, sampling, out):
    cmd = [binary, "run"] + ([scenario] if scenario else []) + [
        "--trials", str(trials), "--seed", str(seed), "--sampling", sampling, "-q", "--out", out]
    subprocess.run(cmd, check=True, stderr=subprocess.DEVNULL)
    with open(os.path.join(out, "summary.json")) as f:
        summary = json.load(f)
    return {name: o["metrics"]["total_cost"]["quantiles"]["p50"] for name, o in summary["options"].items()}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", default=os.environ.get("TCOSIM_BIN", "build/tcosim"))
    ap.add_argument("--scenario", default="", help="scenario file (default: the embedded default)")
    ap.add_argument("--trials", type=int, default=20000)
    ap.add_argument("--reps", type=int, default=30)
    args = ap.parse_args()
    runs = {"random": [], "lhs": []}
    with tempfile.TemporaryDirectory() as tmp:
        for sampling in runs:
            for seed in range(1, args.reps + 1):
                runs[sampling].append(p50s(args.bin, args.scenario, args.trials, seed, sampling, tmp))
    print(f"P50 total cost over {args.reps} seeds at {args.trials} trials each")
    print(f"{'option':<24}{'sd random':>14}{'sd lhs':>14}{'variance ratio':>16}{'95% CI of ratio':>22}")
    # The ratio of two sample variances from R runs each is F(R-1, R-1)-distributed under equal
    # variances; its 95 % interval is approximated on the log scale, sd(log F) ~ sqrt(4/(R-1)).
    half = 1.96 * math.sqrt(4.0 / (args.reps - 1))
    for name in runs["random"][0]:
        sd_r = statistics.stdev(r[name] for r in runs["random"])
        sd_l = statistics.stdev(r[name] for r in runs["lhs"])
        ratio = (sd_r / sd_l) ** 2
        lo, hi = ratio * math.exp(-half), ratio * math.exp(half)
        print(f"{name:<24}{sd_r:>14.0f}{sd_l:>14.0f}{ratio:>16.2f}{f'[{lo:.2f}, {hi:.2f}]':>22}")
    print("A variance ratio of k means random sampling needs about k times the trials for the same standard error.")


if __name__ == "__main__":
    main()
