#!/usr/bin/env bash
# What the decision analytics cost a whole run (issue #14, docs/performance.md "Decision
# analytics"): the checked-out commit built as it is (A) and with bench/no-analytics.patch (B:
# the kernels made without an analytics shape, no stress pilot, no decision summary; nothing
# else changes), then farm-bench pairs the two on each run below, one thread, A B A B ...
# The ratio A/B of CPU time is the analytics' share; quote its median.
#
#   bench/analytics_cost.sh [pairs [scenario ...]]
#
# pairs: default 7. Scenarios: default.yaml and smart-speaker-format1.yaml unless named; each
# runs exact and streaming (--max-memory 64M), format 2 with 200,000 trials, format 1 with
# 1,000,000 (about 5 minutes on 2 cores for the two defaults at 7 pairs). TRIALS=N in the
# environment runs N trials for every scenario instead (a long run shows the per-trial share
# without the fixed costs: the pilot, the end of the run).
#
# Times with farm-bench where it is installed (CPU time, pairs A B A B); otherwise with
# hyperfine (Debian's `hyperfine`: wall time, mean of each, then their ratio). ccache is used
# when present. Builds in $TMPDIR/tcosim-analytics-cost (git worktrees, removed at the end).
set -euo pipefail
pairs=${1:-7}
root=$(git rev-parse --show-toplevel)
shift || true
scenarios=("$@")
if [[ ${#scenarios[@]} -eq 0 ]]; then
  scenarios=("$root/scenarios/default.yaml" "$root/scenarios/smart-speaker-format1.yaml")
fi
work=${TMPDIR:-/tmp}/tcosim-analytics-cost
launcher=()
command -v ccache > /dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)

cleanup() {
  git -C "$root" worktree remove --force "$work/with" 2> /dev/null || true
  git -C "$root" worktree remove --force "$work/without" 2> /dev/null || true
}
trap cleanup EXIT
cleanup
mkdir -p "$work"
for variant in with without; do
  git -C "$root" worktree add --detach "$work/$variant" HEAD > /dev/null
  if [[ $variant == without ]]; then git -C "$work/$variant" apply "$root/bench/no-analytics.patch"; fi
  cmake -S "$work/$variant" -B "$work/$variant/build" -DCMAKE_BUILD_TYPE=Release -DTCOSIM_BUILD_BENCH=OFF \
    "${launcher[@]}" > /dev/null
  cmake --build "$work/$variant/build" -j "$(nproc)" --target tcosim > /dev/null
done

# name | arguments after "tcosim run" (the output folder is added)
cases=()
for f in "${scenarios[@]}"; do
  trials=1000000
  if grep -q '^tcosim: *2' "$f"; then trials=200000; fi
  trials=${TRIALS:-$trials}
  cases+=("$(basename "$f"), exact|$f --trials $trials")
  cases+=("$(basename "$f"), streaming|$f --trials $trials --max-memory 64M")
done
for c in "${cases[@]}"; do
  name=${c%%|*}
  args=${c#*|}
  echo "== $name: tcosim run $args --threads 1"
  # shellcheck disable=SC2086 # the arguments are words on purpose
  if command -v farm-bench > /dev/null; then
    farm-bench -n "$pairs" --timeout 900 \
      --vs "$work/without/build/tcosim run $args --threads 1 -q --force --out $work/out-b" -- \
      "$work/with/build/tcosim" run $args --threads 1 -q --force --out "$work/out-a" |
      grep -E '^(A|B) cpu|^A/B cpu|peak'
  elif command -v hyperfine > /dev/null; then
    hyperfine -N --warmup 1 --runs "$pairs" \
      "$work/without/build/tcosim run $args --threads 1 -q --force --out $work/out-b" \
      "$work/with/build/tcosim run $args --threads 1 -q --force --out $work/out-a"
  else
    echo "analytics_cost.sh: needs farm-bench or hyperfine (apt-get install hyperfine)" >&2
    exit 1
  fi
done
