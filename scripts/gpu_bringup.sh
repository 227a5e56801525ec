#!/usr/bin/env bash
# On a lent GPU host: Vulkan up, then the device listing, validation, the device tests and the
# benchmarks named in $SUITES (default: all quick), results under $OUT.
# Expects .gpubin/ (gpuexec, vulkan_tests) and .gl/ (debs) carried from the build machine.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/gpu_env.sh
log() { echo "== $*" | tee -a "$OUT/log.txt"; }
{
  log "host"; nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv 2>&1; nproc
  log "devices"; $BIN/gpuexec devices
  log "validate"; $BIN/gpuexec validate --backend vulkan --n 1000000
} 2>&1 | tee -a "$OUT/log.txt"
for suite in ${SUITES:-persistent}; do
  log "bench $suite"
  $BIN/gpuexec bench $suite ${BENCH_ARGS:-} --json "$OUT/$suite.json" 2>&1 | tee -a "$OUT/log.txt"
done
if [ "${RUN_TESTS:-1}" = 1 ]; then
  log "vulkan tests (validation layers on)"
  timeout "${TEST_TIMEOUT:-300}" $BIN/vulkan_tests --gtest_brief=1 2>&1 | tail -60 | tee -a "$OUT/log.txt"
fi
