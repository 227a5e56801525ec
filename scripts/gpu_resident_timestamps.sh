#!/usr/bin/env bash
# On a lent GPU host: device-resident ops timed on the host and by device timestamps around the
# dispatches (gpu_median_ms in the JSON), in the sweep that was slow (4M then 16M in one process)
# and for 16M alone. Results under $OUT.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/gpu_env.sh
show() {  # host and device medians per row (no python on the GPU host)
  grep -o '"elements": *[0-9]*\|"gpu_median_ms": *[0-9.e-]*\|"median_ms": *[0-9.e-]*\|"variant": *"[a-z]*"' "$1" |
    paste -d' ' - - - -
}
for round in 1 2; do
  echo "== sweep 4M,16M, round $round"
  $BIN/gpuexec bench resident --sizes 4194304,16777216 --reps 30 \
    --json "$OUT/sweep-$round.json" >/dev/null 2>&1
  show "$OUT/sweep-$round.json"
  echo "== 16M alone, round $round"
  $BIN/gpuexec bench resident --sizes 16777216 --reps 30 \
    --json "$OUT/alone-$round.json" >/dev/null 2>&1
  show "$OUT/alone-$round.json"
done
