#!/usr/bin/env bash
# tcosim against its NumPy peer (bench/numpy_peer.py) on the same scenarios and trial counts.
#
#   bench/compare.sh [--trials N] [--reps R] [--json FILE] [SCENARIO...]
#
# Builds nothing: expects build/tcosim (or $TCOSIM). Each scenario (default: every file in
# scenarios/, default.yaml first) runs as `tcosim run --threads 1` and `--threads 2` and as the
# NumPy peer in one process, each R times (default 1; the best run is kept). Format-1 and
# format-2 files both work (the default scenario is format 2): both sides compute exact
# percentiles over every outcome of all ten metrics (format 2: fourteen, plus P5-P95 of the
# cash C_k at every month end); tcosim gets a memory budget large enough to stay in exact
# mode. trials/s is each tool's own timer (sampling, evaluation and statistics; not parsing or
# writing files); the whole command's wall time is recorded too; 1t/np and 2t/np are tcosim's
# trials/s over NumPy's. The NumPy peer also checks its statistics against tcosim's 1-thread run
# (headline statistics; in format 2 also every new metric, probability and the P50 cash curve)
# and reports max |z|; the check fails when |z| > 5 or tcosim's summary lacks a format-2
# statistic. Every scenario still runs and the table is printed; the script then exits 1 if
# any check failed.
#
# Prints a table and writes it as JSON (default bench/results/compare-<date>.json, git-ignored).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin=${TCOSIM:-$root/build/tcosim}
py=/usr/bin/python3  # Debian's: numpy, scipy, PyYAML (the pyenv python3 on PATH has no numpy)
trials=1000000
reps=1
json="$root/bench/results/compare-$(date +%Y%m%d-%H%M%S).json"
scenarios=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --trials) trials=$2; shift 2 ;;
    --reps) reps=$2; shift 2 ;;
    --json) json=$2; shift 2 ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    *) scenarios+=("$1"); shift ;;
  esac
done
if [[ ${#scenarios[@]} -eq 0 ]]; then
  scenarios=("$root/scenarios/default.yaml")
  for f in "$root"/scenarios/*.yaml; do [[ $f == */default.yaml ]] || scenarios+=("$f"); done
fi
[[ -x $bin ]] || { echo "compare.sh: $bin not found; build first (cmake --build build)" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Exact quantiles need 8 bytes x trials x options x 10 metrics (format 2: 14 metrics and every
# month's C_k); 2G (the default) would switch big runs to the sketch, which is not what the peer
# computes.
max_memory=${MAX_MEMORY:-16G}
# NumPy's elementwise kernels are single-threaded; pinning BLAS/OpenMP pools only makes sure
# no idle pool spins against the run.
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1

now() { date +%s.%N; }
rows="$tmp/rows.jsonl"
: >"$rows"
for sc in "${scenarios[@]}"; do
  name=$(basename "$sc" .yaml)
  for threads in 1 2; do
    for ((r = 0; r < reps; ++r)); do
      out="$tmp/$name-$threads-$r"
      t0=$(now)
      "$bin" run "$sc" --trials "$trials" --threads "$threads" --max-memory "$max_memory" -q --out "$out" 2>/dev/null
      t1=$(now)
      echo "{\"tool\":\"tcosim\",\"scenario\":\"$name\",\"threads\":$threads,\"wall_s\":$(awk "BEGIN{print $t1 - $t0}"),\"summary\":\"$out/summary.json\"}" >>"$rows"
    done
  done
  for ((r = 0; r < reps; ++r)); do
    t0=$(now)
    rc=0
    "$py" "$root/bench/numpy_peer.py" "$sc" --trials "$trials" --check-against "$tmp/$name-1-0/summary.json" \
      >"$tmp/$name-numpy-$r.json" || rc=$?
    t1=$(now)
    # 3: the peer ran and its agreement check failed (it says which statistics on stderr); anything
    # else non-zero is a broken run.
    [[ $rc -eq 0 || $rc -eq 3 ]] || { echo "compare.sh: numpy_peer.py failed on $sc (exit $rc)" >&2; exit 1; }
    echo "{\"tool\":\"numpy\",\"scenario\":\"$name\",\"threads\":1,\"wall_s\":$(awk "BEGIN{print $t1 - $t0}"),\"summary\":\"$tmp/$name-numpy-$r.json\"}" >>"$rows"
  done
done

mkdir -p "$(dirname "$json")"
"$py" - "$rows" "$json" "$trials" <<'EOF'
import json, os, platform, subprocess, sys, datetime
rows_path, out_path, trials = sys.argv[1], sys.argv[2], int(sys.argv[3])
best = {}  # (scenario, tool, threads) -> best run
for line in open(rows_path):
    r = json.loads(line)
    s = json.load(open(r["summary"]))
    r["trials_per_s"] = s["trials_per_s"]
    if r["tool"] == "tcosim":
        r["quantile_method"] = s["quantile_method"]
    else:
        r["max_abs_z"] = s["check"]["max_abs_z"]
        r["check_passed"] = s["check"].get("passed", True)
        r["check_missing"] = s["check"].get("missing", [])
        r["variates_per_trial"] = s["variates_per_trial"]
        r["format"] = s.get("format", 1)
    key = (r["scenario"], r["tool"], r["threads"])
    if key not in best or r["trials_per_s"] > best[key]["trials_per_s"]:
        best[key] = r
table = []
for scen in dict.fromkeys(k[0] for k in best):
    t1, t2, np_ = best[(scen, "tcosim", 1)], best[(scen, "tcosim", 2)], best[(scen, "numpy", 1)]
    table.append({
        "scenario": scen, "format": np_["format"], "trials": trials, "variates_per_trial": np_["variates_per_trial"],
        "tcosim_1t_trials_per_s": t1["trials_per_s"], "tcosim_2t_trials_per_s": t2["trials_per_s"],
        "numpy_trials_per_s": np_["trials_per_s"],
        "ratio_1t": t1["trials_per_s"] / np_["trials_per_s"], "ratio_2t": t2["trials_per_s"] / np_["trials_per_s"],
        "scaling_2t": t2["trials_per_s"] / t1["trials_per_s"],
        "wall_s": {"tcosim_1t": t1["wall_s"], "tcosim_2t": t2["wall_s"], "numpy": np_["wall_s"]},
        "wall_ratio_1t": np_["wall_s"] / t1["wall_s"],
        "tcosim_quantile_method": t1["quantile_method"], "agreement_max_abs_z": np_["max_abs_z"],
        "agreement_passed": np_["check_passed"], "agreement_missing": np_["check_missing"],
    })
hdr = (f"{'scenario':34} {'fmt':>3} {'trials':>9} {'tcosim 1t/s':>12} {'tcosim 2t/s':>12} {'numpy/s':>10} "
       f"{'1t/np':>6} {'2t/np':>6} {'2t/1t':>6} {'max|z|':>6} {'check':>5}")
print(hdr)
for t in table:
    print(f"{t['scenario']:34} {t['format']:>3} {t['trials']:>9} {t['tcosim_1t_trials_per_s']:>12.4g} "
          f"{t['tcosim_2t_trials_per_s']:>12.4g} {t['numpy_trials_per_s']:>10.4g} {t['ratio_1t']:>6.2f} "
          f"{t['ratio_2t']:>6.2f} {t['scaling_2t']:>6.2f} {t['agreement_max_abs_z']:>6.2f} "
          f"{'ok' if t['agreement_passed'] else 'FAIL':>5}")
    for m in t["agreement_missing"]:
        print(f"  tcosim's summary lacks {m}")
import numpy
meta = {"date": datetime.datetime.now().isoformat(timespec="seconds"), "machine": platform.machine(),
        "cpus": os.cpu_count(), "numpy": numpy.__version__, "python": platform.python_version()}
try:
    meta["tcosim_git"] = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                                        cwd=os.path.dirname(os.path.abspath(out_path))).stdout.strip()
except OSError:
    pass
json.dump({"meta": meta, "rows": table}, open(out_path, "w"), indent=2)
print(f"wrote {out_path}")
if not all(t["agreement_passed"] for t in table):
    print("agreement check FAILED (|z| > 5 or a missing statistic): see the peer's rows in the JSON", file=sys.stderr)
    sys.exit(1)
EOF
