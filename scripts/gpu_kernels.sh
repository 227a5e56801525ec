#!/usr/bin/env bash
# On a lent GPU host: the kernel variants side by side (device-resident, no transfers), then the
# end-to-end suites with the automatic choice. Results under $OUT. Expects .gpubin/ and .gl/.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/gpu_env.sh
SIZES=${SIZES:-1048576,4194304,8388608,16777216,33554432}
for k in u64 u64v u32; do
  echo "== resident, GPUEXEC_KERNEL=$k"
  GPUEXEC_KERNEL=$k $BIN/gpuexec bench resident --sizes "$SIZES" --reps "${REPS:-10}" \
    --json "$OUT/resident-$k.json" 2>&1 | grep -v '^$'
done
for suite in ${SUITES:-}; do
  echo "== bench $suite"
  $BIN/gpuexec bench $suite --reps "${REPS:-10}" ${BENCH_ARGS:-} --json "$OUT/$suite.json" 2>&1
done
if [ "${RUN_TESTS:-0}" = 1 ]; then
  echo "== vulkan tests (validation layers on)"
  timeout "${TEST_TIMEOUT:-300}" $BIN/vulkan_tests --gtest_brief=1 2>&1 | tail -40
fi
