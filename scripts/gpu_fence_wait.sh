#!/usr/bin/env bash
# On a lent GPU host: large device-resident ops with the fence wait blocking in the driver (the
# default for large jobs) against polling it (GPUEXEC_FENCE_WAIT=spin), alternating, in the
# sweep that was slow before (4M then 16M in one process). Results under $OUT.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/gpu_env.sh
for round in 1 2; do
  for wait in block spin; do
    echo "== round $round, fence wait: $wait"
    GPUEXEC_FENCE_WAIT=$wait $BIN/gpuexec bench resident --sizes 4194304,16777216 \
      --reps 30 --json "$OUT/resident-$wait-$round.json" 2>&1 | grep -E '^resident'
  done
done
