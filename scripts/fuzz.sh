#!/usr/bin/env bash
# Fuzzes the scenario parser and the checkpoint reader with libFuzzer (clang-14, ASan + UBSan):
# within SECONDS (default 60), fuzz_scenario_parser for three quarters and fuzz_checkpoint for
# the rest (at least 1 s each), then fuzz_parse_number for a sixth of SECONDS (at least 5 s).
#   bash scripts/fuzz.sh [SECONDS]
# Builds fuzz/ in its own folder, build-fuzz/ (TCOSIM_FUZZ_BUILD_DIR picks another, configured
# here unless it already is with -DTCOSIM_FUZZ=ON: scripts/test.sh passes its clang sanitizer
# build, which already holds the targets). The seed corpus is made fresh from scenarios/, the
# tests and fuzz/regressions/ (fuzz/make_corpus.py); what the fuzzer adds is kept in
# BUILD/fuzz-corpus/ for the next run. Exits non-zero on any finding (crash, sanitizer report,
# contract violation, leak, timeout over 10 s, memory over 2 GB); the input is kept in
# BUILD/fuzz-artifacts/ and the command that replays it is printed. docs/testing.md, "Fuzzing".
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
if ! [[ $seconds =~ ^[0-9]+$ ]] || ((seconds < 1)); then
  echo "usage: scripts/fuzz.sh [SECONDS]   (whole seconds >= 1, default 60)" >&2
  exit 2
fi
build=${TCOSIM_FUZZ_BUILD_DIR:-build-fuzz}

if ! grep -qs '^TCOSIM_FUZZ:BOOL=ON' "$build/CMakeCache.txt"; then
  cmake -S . -B "$build" -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" -DTCOSIM_SANITIZE=address,undefined -DTCOSIM_FUZZ=ON \
    -DTCOSIM_BUILD_BENCH=OFF -DTCOSIM_BUILD_TESTS=OFF >/dev/null
fi
cmake --build "$build" -j"$(nproc)" --target fuzz_scenario_parser fuzz_parse_number fuzz_checkpoint

artifacts="$build/fuzz-artifacts"
logs="$build/fuzz-logs"
seeds="$build/fuzz-seeds"
rm -rf "$seeds"
mkdir -p "$artifacts" "$logs" "$build/fuzz-corpus/scenario_parser" "$build/fuzz-corpus/parse_number" \
  "$build/fuzz-corpus/checkpoint"
python3 fuzz/make_corpus.py . "$seeds"
# The checkpoint target edits a valid checkpoint it makes itself: the empty input is that file
# (and 'S' its streaming sobol one).
mkdir -p "$seeds/checkpoint"
: >"$seeds/checkpoint/valid"
printf S >"$seeds/checkpoint/valid-streaming-sobol"  # 'S': the streaming sobol checkpoint, unedited
if [[ -d fuzz/regressions/checkpoint ]]; then cp fuzz/regressions/checkpoint/* "$seeds/checkpoint/" 2>/dev/null || true; fi

export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# One target: TARGET SECONDS [extra libFuzzer flags]. The full log goes to BUILD/fuzz-logs/.
fuzz() {
  local target=$1 secs=$2 name=${1#fuzz_}
  shift 2
  local log="$logs/$name.log" status=0
  echo "== fuzzing $target for ${secs} s (log: $log)"
  "$build/fuzz/$target" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$artifacts/$name-" "$@" "$build/fuzz-corpus/$name" "$seeds/$name" >"$log" 2>&1 || status=$?
  grep -E '^Done|stat::number_of_executed_units|stat::peak_rss_mb' "$log" || true
  if ((status != 0)); then
    tail -n 60 "$log"
    local units
    units=$(grep -oE "Test unit written to [^ ]+" "$log" | sed 's/.* //' || true)
    if [[ -z $units ]]; then
      echo "libFuzzer failed (exit $status) without saving an input; the log is above and in $log"
      exit 1
    fi
    echo "FUZZING FOUND A PROBLEM in $target (exit $status); the input that triggers it:"
    for unit in $units; do
      echo "  $unit"
      echo "  replay:   $build/fuzz/$target $unit"
      echo "  minimise: $build/fuzz/$target -minimize_crash=1 -runs=100000 -exact_artifact_path=$unit.min $unit"
    done
    echo "Fix it, add a regression test and copy the input to fuzz/regressions/${name}/ (docs/testing.md, Fuzzing)."
    exit 1
  fi
}
parser_seconds=$((seconds * 3 / 4 > 1 ? seconds * 3 / 4 : 1))
checkpoint_seconds=$((seconds - parser_seconds > 1 ? seconds - parser_seconds : 1))
fuzz fuzz_scenario_parser "$parser_seconds" -dict=fuzz/scenario.dict
fuzz fuzz_checkpoint "$checkpoint_seconds"
fuzz fuzz_parse_number $((seconds / 6 > 5 ? seconds / 6 : 5)) -max_len=64
echo "fuzzing: no finding"
