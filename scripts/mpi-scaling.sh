#!/usr/bin/env bash
# MPI scaling of `tcosim run`: trials/s with 1 and 2 ranks (one TBB thread per rank, so the
# ranks, not threads, do the parallel work), alternated and repeated; best of N per rank count,
# then the ratio. Also the bytes moved between ranks (streaming statistics, independent of the
# trial count). Usage: scripts/mpi-scaling.sh [TRIALS] [REPS] [SCENARIO]
set -euo pipefail
cd "$(dirname "$0")/.."
trials=${1:-2000000}
reps=${2:-3}
scenario=${3:-}
bin=${TCOSIM:-build/tcosim}
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_btl_vader_single_copy_mechanism=none
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
declare -A best
for rep in $(seq "$reps"); do
  for np in 1 2; do
    line=$(mpirun --oversubscribe --bind-to none -np "$np" "$bin" run $scenario -q --trials "$trials" \
      --max-memory 96M --threads 1 --checkpoint-interval 100000 --out "$out/np$np" 2>&1 | grep '^wrote')
    rate=$(sed -E 's/.* ([0-9.e+]+) trials\/s.*/\1/' <<<"$line")
    echo "rep $rep, $np rank(s): $line"
    best[$np]=$(python3 -c "print(max(float('$rate'), float('${best[$np]:-0}')))")
  done
done
python3 -c "print(f'best trials/s: 1 rank {${best[1]}:.4g}, 2 ranks {${best[2]}:.4g}; scaling {${best[2]}/${best[1]}:.2f}x')"
