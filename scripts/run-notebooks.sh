#!/usr/bin/env bash
# Executes every notebook in notebooks/ top to bottom on a fresh kernel, as a reader would,
# and fails on the first cell that raises. The executed copies go to a temporary folder: the
# committed notebooks stay without outputs, which this script also checks (outputs would make
# every rerun a diff and could carry stale numbers).
# Uses the Python module in build/python and build/bench/tcosim_bench unless TCOSIM_PYTHON_PATH /
# TCOSIM_BENCH_BIN (or TCOSIM_BIN, beside which the benchmark is looked for) say otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
export TCOSIM_BIN=${TCOSIM_BIN:-$PWD/build/tcosim}
export TCOSIM_PYTHON_PATH=${TCOSIM_PYTHON_PATH:-$PWD/build/python}
# ipykernel's debugger warns about frozen modules on every start; it is noise in a failure log.
export PYDEVD_DISABLE_FILE_VALIDATION=1
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

python3 - notebooks/*.ipynb <<'PY'
import json, sys
bad = []
for path in sys.argv[1:]:
    for i, cell in enumerate(json.load(open(path))["cells"]):
        if cell["cell_type"] == "code" and (cell.get("outputs") or cell.get("execution_count") is not None):
            bad.append(f"{path}: cell {i} has outputs or an execution count")
if bad:
    sys.exit("\n".join(bad) + "\nstrip them: jupyter nbconvert --clear-output --inplace notebooks/*.ipynb")
PY

for nb in notebooks/*.ipynb; do
  start=$SECONDS
  if ! jupyter nbconvert --to notebook --execute --ExecutePreprocessor.timeout=120 \
    --output-dir "$out" "$nb" >"$out/log" 2>&1; then
    tail -n 60 "$out/log"
    echo "FAILED: $nb"
    exit 1
  fi
  echo "$nb: ok ($((SECONDS - start)) s)"
done
