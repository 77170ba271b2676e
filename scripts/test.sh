#!/usr/bin/env bash
# Builds and runs every test: formatting check, Release build + full Catch2 suite, report.html
# rendered in headless Chromium, every notebook executed, then an AddressSanitizer +
# UndefinedBehaviorSanitizer build (SSE2 only) running the suite again and giving the Release
# build's results bit for bit (scripts/same-bits.sh), a ThreadSanitizer build (clang-14) running
# the parallel runner's multi-thread tests, and the scenario parser fuzzed with libFuzzer
# (clang-14) for about a minute (scripts/fuzz.sh).
# Exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)

echo "== floors: every include points at its own floor or one below (docs/architecture.md)"
bash scripts/check-floors.sh

echo "== clang-format check"
find util sim models input report run app python tests bench -name '*.cpp' -o -name '*.hpp' | xargs clang-format --dry-run --Werror

echo "== Release build and tests"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure -j"$jobs"

echo "== Python module and results.xlsx (pytest, python/tests)"
# The interpreter the module was built for (CMakeCache.txt), which has pandas and openpyxl.
python=$(sed -n 's/^Python_EXECUTABLE:[A-Z]*=//p' build/CMakeCache.txt)
PYTHONPATH=$PWD/build/python TCOSIM_BIN=$PWD/build/tcosim "${python:-python3}" -m pytest -q -p no:cacheprovider python/tests

echo "== report.html in headless Chromium"
bash scripts/render-report-test.sh build/report-screenshot.png

echo "== notebooks"
bash scripts/run-notebooks.sh

echo "== ASan + UBSan build and tests"
# SSE2 only (-DTCOSIM_NO_CLONES: no AVX2/AVX-512 versions of the hot loops), so that the next
# step compares two different instruction sets as well as two optimisation levels. -g1 (line
# tables, enough for the sanitizers' stack traces) compiles in about two thirds of -g's time.
# A unity build (each folder compiles as a few files; the Release build is not one, so the
# same-bits step below also compares two ways of compiling): 4 min 53 s from scratch on 2 cores.
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTCOSIM_SANITIZE=address,undefined \
  -DTCOSIM_BUILD_BENCH=OFF -DCMAKE_UNITY_BUILD=ON -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DTCOSIM_NO_CLONES" >/dev/null
cmake --build build-asan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --test-dir build-asan --output-on-failure -j"$jobs"

echo "== same bits from the Release build and the SSE2-only sanitizer build"
ASAN_OPTIONS=detect_leaks=1 bash scripts/same-bits.sh build/tcosim build-asan/tcosim 20000

echo "== ThreadSanitizer build (clang-14) and the parallel runner's tests"
# Only the libraries below app/ and tcosim_thread_tests (docs/testing.md, ThreadSanitizer):
# oneTBB's headers left uninstrumented (cmake/tsan-ignorelist.txt), the fork and join of every
# parallel loop annotated (util/tsan_edges.hpp). The tests are those of test_workers.cpp and the
# multi-thread runs of test_simulate.cpp that finish in seconds; any report fails the step.
# A unity build (every source folder compiles as a few files): 1 min 44 s instead of about 2.5 min.
cmake -S . -B build-tsan -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTCOSIM_SANITIZE=thread \
  -DTCOSIM_BUILD_BENCH=OFF -DTCOSIM_BUILD_PYTHON=OFF -DTCOSIM_MPI=OFF -DCMAKE_UNITY_BUILD=ON \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DTCOSIM_NO_CLONES" >/dev/null
cmake --build build-tsan -j"$jobs" --target tcosim_thread_tests
tsan_tests=(
  "[#test_workers]"
  "format 2: summaries and cash curves are bit-identical for 1 and 2 threads"
  "a precision target stops at the same trial count for any thread count"
  "parallel runs agree bit for bit with samples recorded*"
  "Latin hypercube runs with correlations are bit-identical for 1 and 3 threads"
)
TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$PWD/cmake/tsan-suppressions.txt" \
  build-tsan/tests/tcosim_thread_tests -# --warn NoTests "$(IFS=,; echo "${tsan_tests[*]}")"

# clang-14 builds only the libraries and the fuzz targets, in build-fuzz/ (docs/testing.md, Fuzzing).
echo "== fuzzing the scenario parser and the checkpoint reader (libFuzzer, 45 s + 15 s + 10 s)"
find fuzz -name '*.cpp' | xargs clang-format --dry-run --Werror
bash scripts/fuzz.sh 60
echo "all tests passed"
