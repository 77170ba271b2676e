#!/usr/bin/env bash
# Checks that two tcosim binaries give bit-identical summaries on every scenario, in random and
# Latin hypercube sampling, in streaming (sketch) mode and in streaming sobol mode, ignoring only
# the timing fields.
#
#   scripts/same-bits.sh BIN_A BIN_B [TRIALS]
#
# CI runs it on the Release build (hot loops compiled for SSE2, AVX2 and AVX-512, one picked
# at load time: sim/vector_clones.hpp) against the sanitizer build (built with
# -DTCOSIM_NO_CLONES: SSE2 only, -O1), so a vector width, an optimisation level or a
# sanitizer that changed a single bit of a result would fail it.
set -euo pipefail
cd "$(dirname "$0")/.."
a=$1 b=$2 trials=${3:-20000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
strip() { grep -v '"elapsed_s"\|"trials_per_s"' "$1"; }  # the only timing fields
failed=0
run() {  # run BIN OUT ARGS...: one quiet run, its messages shown only if it fails
  local bin=$1 out=$2
  shift 2
  "$bin" run "$@" --threads 2 -q --out "$out" >/dev/null 2>"$tmp/stderr" || {
    cat "$tmp/stderr" >&2
    exit 1
  }
}
# The format-2 files of tests/data too: the monthly model (cash curve, npv) is hot-loop code as well.
for sc in scenarios/*.yaml $(grep -l '^tcosim: 2' tests/data/*.yaml); do
  # Streaming needs a run whose stored outcomes would not fit in the budget: 10x the trials. A
  # format-2 file keeps a cash curve per option too: its sketches need a larger budget, and its
  # stored outcomes (metrics and cash curve) overflow it only at 40x the trials.
  streaming="--max-memory 40M --trials $((10 * trials))"
  grep -q '^tcosim: 2' "$sc" && streaming="--max-memory 96M --trials $((40 * trials))"
  # Streaming sobol keeps a sketch per replicate of every metric: a larger budget, and a trial
  # limit whose outcomes overflow it; the precision target stops it after its first rounds.
  sobol_streaming="--sampling sobol --max-memory 512M --trials 4000000 --target-precision 0.01"
  for mode in "--sampling random --trials $trials" "--sampling lhs --trials $trials" "$streaming" "$sobol_streaming"; do
    # shellcheck disable=SC2086
    run "$a" "$tmp/a" "$sc" $mode
    # shellcheck disable=SC2086
    run "$b" "$tmp/b" "$sc" $mode
    method=$(grep -o '"quantile_method": "[a-z]*"' "$tmp/a/summary.json")
    if diff <(strip "$tmp/a/summary.json") <(strip "$tmp/b/summary.json") >"$tmp/diff"; then
      echo "same bits: $(basename "$sc") $mode ($method)"
    else
      echo "DIFFERENT: $(basename "$sc") $mode" >&2
      head -20 "$tmp/diff" >&2
      failed=1
    fi
  done
done
exit "$failed"
