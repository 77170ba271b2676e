#!/usr/bin/env bash
# Checks that a change altered no output: builds tcosim at REV (default HEAD) in a temporary
# worktree, then runs it and the current build side by side and compares, byte for byte,
# summary.json (timing fields aside), percentiles.csv, samples.csv, report.md and report.html
# (SOURCE_DATE_EPOCH fixed) for every scenario in scenarios/ and tests/data/, in random, LHS
# and streaming modes, after a checkpoint and resume (the reference's own checkpoint resumed by
# the new build, too) and under `mpirun -np 2`; then a batch (closing table, index.html) and a
# sweep with --breakeven (sweep.csv, breakeven.csv, index.html, every point's files).
#
#   scripts/same-output.sh [REV] [TRIALS]
#
# REF_BIN=path/to/tcosim skips building REV; NEW_BIN (default build/tcosim) is the build under
# test. Exits 1 when any file differs, printing the first lines of each difference. Scenarios the
# reference cannot read (a newer format) are skipped with a note, and so is resuming the
# reference's checkpoint when the new build reads another checkpoint layout (it says so).
set -euo pipefail
cd "$(dirname "$0")/.."
rev=${1:-HEAD}
trials=${2:-20000}
new=$(realpath "${NEW_BIN:-build/tcosim}")
tmp=$(mktemp -d)
trap 'git worktree remove --force "$tmp/ref-src" >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1700000000
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_btl_vader_single_copy_mechanism=none

if [[ -n ${REF_BIN:-} ]]; then
  ref=$(realpath "$REF_BIN")
else
  echo "== building $rev"
  git worktree add --detach "$tmp/ref-src" "$rev" >/dev/null
  cmake -S "$tmp/ref-src" -B "$tmp/ref-build" -DCMAKE_BUILD_TYPE=Release -DTCOSIM_BUILD_TESTS=OFF \
    -DTCOSIM_BUILD_BENCH=OFF >/dev/null
  cmake --build "$tmp/ref-build" -j"$(nproc)" --target tcosim >/dev/null
  ref=$tmp/ref-build/tcosim
fi

failed=0 compared=0
filtered() {  # filtered LABEL FILE: the bytes compared, timings set aside
  if [[ $1 == batch && $2 == */index.html ]]; then
    sed -E 's#>[0-9]+\.[0-9]{2}<#>wall<#g' "$2"  # the batch index's wall-time column
  elif [[ $2 == */summary.json ]]; then
    grep -v '"elapsed_s"\|"trials_per_s"' "$2"
  else
    cat "$2"
  fi
}
listing() { (cd "$1" && find . -type f ! -name 'checkpoint.tcosim' ! -name '*.sqlite*' | sort); }
same() {  # same LABEL DIR_A DIR_B: every file of the reference's folder, compared with the new one
  local label=$1 a=$2 b=$3 f
  for f in $(listing "$a"); do
    compared=$((compared + 1))
    if ! diff <(filtered "$label" "$a/$f") <(filtered "$label" "$b/$f") >"$tmp/diff" 2>&1; then
      echo "DIFFERENT: $label $f" >&2
      head -20 "$tmp/diff" >&2
      failed=1
    fi
  done
  if [[ -n $(comm -13 <(listing "$a") <(listing "$b")) ]]; then
    echo "DIFFERENT: $label: the new build writes files the reference does not" >&2
    failed=1
  fi
}
quiet() {  # quiet CMD...: runs it, its messages shown only if it fails
  "$@" >"$tmp/log" 2>&1 || { cat "$tmp/log" >&2; echo "failed: $*" >&2; exit 1; }
}
# interrupted BIN OUT ARGS...: a run stopped by SIGTERM mid-way (checkpoint after every wave).
interrupted() {
  local bin=$1 out=$2
  shift 2
  "$bin" run "$@" -q --threads 1 --checkpoint-interval 0 --out "$out" >/dev/null 2>&1 &
  local pid=$!
  sleep 0.3
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" || true
}

# The scenarios both builds read; batch and sweep use them too.
mkdir -p "$tmp/common"
for sc in scenarios/*.yaml tests/data/*.yaml; do
  if "$ref" check "$sc" >/dev/null 2>&1; then
    cp "$sc" "$tmp/common/"
  else
    echo "note: skipped $sc: the reference cannot read it" >&2
  fi
done

for sc in "$tmp"/common/*.yaml; do
  name=$(basename "$sc" .yaml)
  for mode in random lhs streaming; do
    case $mode in
      random) args=(--sampling random --trials "$trials" --samples 50) ;;
      lhs) args=(--sampling lhs --trials "$trials") ;;
      streaming) args=(--max-memory 40M --trials $((10 * trials))) ;;
    esac
    quiet "$ref" run "$sc" "${args[@]}" -q --threads 2 --out "$tmp/$name-$mode/ref"
    quiet "$new" run "$sc" "${args[@]}" -q --threads 2 --out "$tmp/$name-$mode/new"
    same "$name $mode" "$tmp/$name-$mode/ref" "$tmp/$name-$mode/new"
  done
  # Checkpoint and resume: the new build resumes its own checkpoint and the reference's.
  args=(--sampling lhs --trials $((40 * trials)))
  d=$tmp/$name-resume
  quiet "$ref" run "$sc" "${args[@]}" -q --threads 2 --out "$d/ref"
  interrupted "$new" "$d/new" "$sc" "${args[@]}"
  interrupted "$ref" "$d/cross" "$sc" "${args[@]}"
  for k in new cross; do
    [[ -f $d/$k/checkpoint.tcosim ]] || echo "note: $name $k: the run ended before SIGTERM; no resume tested" >&2
    if [[ $k == cross && -f $d/$k/checkpoint.tcosim ]] &&
      ! "$new" run "$sc" "${args[@]}" -q --threads 2 --resume --out "$d/$k" >"$tmp/log" 2>&1; then
      grep -q "written by another tcosim version" "$tmp/log" || { cat "$tmp/log" >&2; exit 1; }
      echo "note: $name: the new build reads another checkpoint layout; the reference's is refused" >&2
      continue
    fi
    quiet "$new" run "$sc" "${args[@]}" -q --threads 2 --resume --out "$d/$k"
    same "$name resume ($k)" "$d/ref" "$d/$k"
  done
  if command -v mpirun >/dev/null; then
    args=(--trials "$trials" --samples 20 --threads 1)
    for b in ref new; do
      bin=$ref
      [[ $b == new ]] && bin=$new
      quiet mpirun --oversubscribe --bind-to none -np 2 "$bin" run "$sc" "${args[@]}" -q --out "$tmp/$name-mpi/$b"
    done
    same "$name mpirun -np 2" "$tmp/$name-mpi/ref" "$tmp/$name-mpi/new"
  fi
  echo "compared $name"
done

# Batch (the closing table too) and sweep.
for b in ref new; do
  bin=$ref
  [[ $b == new ]] && bin=$new
  quiet "$bin" batch "$tmp/common" --trials "$trials" --threads 2 --out "$tmp/batch/$b"
  "$bin" batch "$tmp/common" --trials "$trials" --threads 2 --out "$tmp/batch/$b" 2>/dev/null |
    sed -E 's/  +[0-9]+\.[0-9]+  /  -  /' >"$tmp/batch-$b-skip.txt" || true
  sweep_scenario=scenarios/default.yaml
  "$ref" check "$sweep_scenario" >/dev/null 2>&1 || sweep_scenario=scenarios/smart-speaker-format1.yaml
  quiet "$bin" sweep "$sweep_scenario" --param options.odm-dongguan.unit_cost.mode=30,31,32,33 --breakeven \
    --trials "$trials" --threads 2 --out "$tmp/sweep/$b"
done
same "batch" "$tmp/batch/ref" "$tmp/batch/new"
same "sweep" "$tmp/sweep/ref" "$tmp/sweep/new"
compared=$((compared + 1))
cmp -s "$tmp/batch-ref-skip.txt" "$tmp/batch-new-skip.txt" ||
  { echo "DIFFERENT: batch closing table" >&2; diff "$tmp/batch-ref-skip.txt" "$tmp/batch-new-skip.txt" >&2; failed=1; }

if ((failed)); then
  echo "outputs differ from $rev" >&2
  exit 1
fi
echo "same output as $rev: $compared files compared"
