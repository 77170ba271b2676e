#!/usr/bin/env bash
# Checks that every #include of the source folders points at its own floor or one below
# (docs/architecture.md): util < sim < models < input | report < run < app | python. Prints each
# include that runs up a floor (or across, between input/ and report/) and exits 1 if any does.
set -euo pipefail
cd "$(dirname "$0")/.."
declare -A level=([util]=0 [sim]=1 [models]=2 [input]=3 [report]=3 [run]=4 [app]=5 [python]=5)
bad=0
for from in "${!level[@]}"; do
  while IFS=: read -r file line to; do
    [[ -n ${level[$to]:-} ]] || continue
    if ((level[$to] > level[$from])) || { ((level[$to] == level[$from])) && [[ $to != "$from" ]]; }; then
      echo "$file:$line: $from/ includes $to/ (a floor that is not below it)"
      bad=1
    fi
  done < <(grep -rn '^#include "[a-z_]*/' "$from" --include='*.hpp' --include='*.cpp' |
    sed -E 's/^([^:]+):([0-9]+):#include "([a-z_]+)\/.*/\1:\2:\3/')
done
((bad == 0)) && echo "every include points at its own floor or one below"
exit "$bad"
