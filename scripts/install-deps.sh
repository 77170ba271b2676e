#!/usr/bin/env bash
# Installs the Debian bookworm packages tcosim needs, only those missing (apt-get update once).
set -euo pipefail
packages=(
  g++ cmake make ca-certificates
  libboost-random-dev libboost-math-dev  # distributions' CDFs/quantiles (Boost.Math), engine-agnostic tests
  librandom123-dev                       # counter-based Philox streams: draws keyed by (seed, trial, input)
  libtbb-dev                             # parallel runner over trial chunks
  libeigen3-dev                          # correlation matrices (Cholesky, nearest-PSD repair)
  libyaml-cpp-dev                        # scenario files, with line/column marks for errors
  libcli11-dev                           # command line
  nlohmann-json3-dev                     # summary.json, replay output
  libfmt-dev                             # formatting, shortest round-trip numbers
  libssl-dev                             # SHA-256 of scenario files (OpenSSL EVP)
  libsqlite3-dev                         # run catalogue
  libopenmpi-dev openmpi-bin             # distributed mode (mpirun/srun) and its tests
  openssh-client                         # mpirun looks for an rsh agent even for one node
  catch2                                 # tests
  libbenchmark-dev                       # benchmarks
  clang-format                           # formatting check in CI
  clang-14 libclang-rt-14-dev            # scripts/fuzz.sh and the TSan step: clang with its sanitizer runtimes
  libfuzzer-14-dev                       # libFuzzer, which fuzzes the scenario parser in CI (fuzz/)
  chromium                               # renders report.html headless in scripts/render-report-test.sh
  python3-matplotlib                     # screenshot check (PNG reader) and the notebooks' plots
  jupyter-nbconvert python3-ipykernel    # executes notebooks/*.ipynb on a fresh kernel in the test command
  python3-nbformat                       # reads and validates the notebooks
  python3-pandas                         # the notebooks' tables (summary.json, samples.csv, benchmark JSON)
  python3-numpy python3-scipy python3-yaml  # bench/numpy_peer.py, the NumPy program tcosim is compared with
  pybind11-dev                           # the Python module tcosim (python/)
  python3-dev                            # Python's headers, to build that module
  libxlsxwriter-dev                      # results.xlsx (run/batch --xlsx), written natively
  python3-pytest                         # the Python module's tests and the results.xlsx read-back (python/tests)
  python3-openpyxl                       # reads results.xlsx back in those tests
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
