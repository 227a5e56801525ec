#!/usr/bin/env bash
# On a lent GPU host, one call: the figures still open in docs/GPU_NOTES.md (pipelined small
# batches, large end-to-end jobs, resident throughput), the multi suite on one GPU opened twice,
# and the Vulkan tests, with the SM clock sampled throughout. Results under $OUT.
# Expects .gpubin/ (gpuexec, vulkan_tests built here) and .gl/ (see scripts/gpu_env.sh).
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/gpu_env.sh
nvidia-smi --query-gpu=timestamp,clocks.sm,clocks.mem,utilization.gpu,power.draw \
  --format=csv -lms 100 >"$OUT/smi.csv" 2>/dev/null &
smi=$!
bench() {  # name args...
  local name=$1
  shift
  echo "== bench $name: $*"
  $BIN/gpuexec bench "$@" --json "$OUT/$name.json" 2>&1 | grep -v '^$'
}
bench batch-small batch --sizes 16384,65536 --jobs 4,8 --reps 30
bench paths-large paths --sizes 1048576,4194304,16777216 --reps 10
bench multi-twice multi --devices 0,0 --sizes 262144,1048576 --jobs 8,16 --reps 10
bench resident resident --sizes 4194304,16777216 --reps 50
bench transfer transfer --reps 10
bench resident-16m resident --sizes 16777216 --reps 100
[ "${BENCH_ALL:-1}" = 1 ] && bench all all --reps 10
if [ "${RUN_TESTS:-1}" = 1 ]; then
  echo "== vulkan tests (validation layers on)"
  timeout "${TEST_TIMEOUT:-240}" $BIN/vulkan_tests --gtest_brief=1 2>&1 | tail -30
fi
kill $smi 2>/dev/null
awk -F', ' 'NR > 1 { print $2 }' "$OUT/smi.csv" | sort | uniq -c | sort -rn | head -5
