#!/usr/bin/env bash
# On a lent GPU host: where the inputs the host writes should live (GPUEXEC_HOST_INPUT_MEMORY:
# the device-local BAR by default, or host-cached system memory), for small pipelined batches
# and large end-to-end jobs; then the fault and multi-device tests on the real transfer queue.
# Results under $OUT. Expects .gpubin/ and .gl/ (see scripts/gpu_env.sh).
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/gpu_env.sh
for mem in default cached; do
  echo "== GPUEXEC_HOST_INPUT_MEMORY=$mem"
  GPUEXEC_HOST_INPUT_MEMORY=$mem $BIN/gpuexec bench batch --sizes 16384,65536 --jobs 4 \
    --reps 30 --json "$OUT/batch-$mem.json" 2>&1 | grep -v '^$'
  GPUEXEC_HOST_INPUT_MEMORY=$mem $BIN/gpuexec bench paths --sizes 16384,4194304 --reps 10 \
    --json "$OUT/paths-$mem.json" 2>&1 | grep -v '^$'
done
echo "== fault, multi-device and path tests (validation layers on)"
timeout 240 $BIN/vulkan_tests --gtest_brief=1 \
  --gtest_filter='*Fault*:*MultiDevice*:JobPlan*:*HostInputMemory*:VulkanPaths*' 2>&1 | tail -20
