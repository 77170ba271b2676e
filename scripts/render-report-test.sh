#!/usr/bin/env bash
# report.html as a person sees it: a real `tcosim run` (the default scenario plus a budget and a
# deadline, so the threshold lines are drawn too), rendered by headless Chromium with the
# network shut off, then the screenshot checked for content and chart colours.
# Usage: scripts/render-report-test.sh [SCREENSHOT]   (default build/report-screenshot.png, kept
# so a person can look at it). Uses TCOSIM_BIN, default build/tcosim.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${TCOSIM_BIN:-build/tcosim}
shot=$(realpath -m "${1:-build/report-screenshot.png}")
chrome=$(command -v chromium || true)
[[ -n "$chrome" ]] || { echo "chromium not found: bash scripts/install-deps.sh installs it"; exit 1; }
# Debian's python3 has matplotlib (install-deps.sh); a pyenv python3 first on PATH may not.
py=/usr/bin/python3
[[ -x "$py" ]] || py=python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$(dirname "$shot")"

{ cat scenarios/default.yaml; printf '\ntargets:\n  budget: 2500000\n  deadline_months: 9\n'; } >"$tmp/scenario.yaml"
SOURCE_DATE_EPOCH=0 "$bin" run "$tmp/scenario.yaml" --trials 20000 --out "$tmp/out" -q 2>"$tmp/run.log" ||
  { cat "$tmp/run.log"; exit 1; }

# --host-resolver-rules: any attempt to reach a host fails, so the page must render on its own.
if ! timeout 120 "$chrome" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --host-resolver-rules="MAP * ~NOTFOUND" --hide-scrollbars \
  --user-data-dir="$tmp/profile" --screenshot="$shot" --window-size=1280,2400 \
  "file://$tmp/out/report.html" >"$tmp/chromium.log" 2>&1 || [[ ! -s "$shot" ]]; then
  cat "$tmp/chromium.log"
  echo "FAIL: chromium did not write $shot"
  exit 1
fi

# The three options' colours (Okabe-Ito) and the seven cost components' (Tol light).
"$py" scripts/check-screenshot.py "$shot" 1280 2400 \
  '#0072B2' '#E69F00' '#009E73' \
  '#77AADD' '#EEDD88' '#44BB99' '#BBCC33' '#EE8866' '#FFAABB' '#99DDFF'
echo "screenshot: $shot"
