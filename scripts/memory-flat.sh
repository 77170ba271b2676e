#!/usr/bin/env bash
# Peak RSS of streaming runs at growing trial counts: past --max-memory the run streams its
# outcomes into per-thread sketches, so memory must stay flat however many trials are run.
#
#   scripts/memory-flat.sh [--max-memory 96M] [--threads 2] [TRIALS...]   (default: 1000000 20000000)
#
# Runs build/tcosim (or $TCOSIM) under /usr/bin/time -v on the default scenario, then on a
# format-2 scenario (tests/data/format2_memory.yaml: each option's 24-month cash curve is 24 more
# sketched series), and prints one row per scenario and trial count: quantile method, peak RSS,
# wall time, trials/s, and the RSS relative to that scenario's first row. Exits 1 when a
# scenario's last row is over 1.25 times its first (memory grew with the trials).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin=${TCOSIM:-$root/build/tcosim}
budget=96M
threads=2
counts=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --max-memory) budget=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) counts+=("$1"); shift ;;
  esac
done
[[ ${#counts[@]} -gt 0 ]] || counts=(1000000 20000000)
[[ -x $bin ]] || { echo "memory-flat.sh: $bin not found; build first" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

printf '%-16s  %14s  %-8s  %12s  %10s  %12s  %s\n' scenario trials method "peak RSS" wall trials/s "RSS / first"
grew=0
for scenario in "$root/scenarios/default.yaml" "$root/tests/data/format2_memory.yaml"; do
  first=""
  for n in "${counts[@]}"; do
    /usr/bin/time -v "$bin" run "$scenario" --trials "$n" --threads "$threads" \
      --max-memory "$budget" -q --out "$tmp/out" 2>"$tmp/time" >/dev/null
    kib=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tmp/time")
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$tmp/time")
    method=$(grep -o '"quantile_method": "[a-z]*"' "$tmp/out/summary.json" | cut -d'"' -f4)
    rate=$(grep -o '"trials_per_s": [0-9.e+]*' "$tmp/out/summary.json" | awk '{printf "%.0f", $2}')
    [[ -n $first ]] || first=$kib
    ratio=$(awk "BEGIN{print $kib / $first}")
    printf '%-16s  %14s  %-8s  %9.1f MiB  %10s  %12s  %.3f\n' "$(basename "$scenario" .yaml)" "$n" "$method" \
      "$(awk "BEGIN{print $kib / 1024}")" "$wall" "$rate" "$ratio"
  done
  awk "BEGIN{exit !($ratio > 1.25)}" && grew=1
done
exit "$grew"
