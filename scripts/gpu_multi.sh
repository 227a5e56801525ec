#!/usr/bin/env bash
# On a lent host of two or more GPUs (issue 20), one call: `bench multi` over every GPU (then one
# GPU opened twice, the control: no second device's worth of hardware), for pipelined batches of
# 8 and 16 jobs of 1M and 4M elements on the staging path and on the import path
# (GPUEXEC_HOST_IMPORT=copy: the caller's arrays imported, DMA into each device), a batch of NTTs
# and one MSM of 2^22 points split over the devices; then the multi-device tests under the
# validation layers. Also the host's layout (GPUs to NUMA nodes, links) to read the figures
# against. Results under $OUT. Carry .gpubin (gpuexec, vulkan_tests built here) and .gl.
#   bash scripts/gpu_multi.sh
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/gpu_env.sh
archive_steps multi
nvidia-smi topo -m >"$OUT/topology.txt" 2>&1
lscpu >"$OUT/lscpu.txt" 2>&1
bench() {  # name limit args...
  local name=$1 limit=$2
  shift 2
  step "$name" "$limit" "$@" --json "$OUT/$name.json"
  grep -E "devices" "$OUT/$name.txt" | grep -v "ratio"
}
G="$BIN/gpuexec bench multi --sizes 1048576,4194304 --jobs 8,16 --reps ${REPS:-5}"
bench staging 200 $G --devices all
bench import 200 env GPUEXEC_HOST_IMPORT=copy $G --devices all --msm-points 65536
bench twice 150 $G --devices 0,0 --msm-points 65536
step tests 150 env GPUEXEC_VALIDATION=1 $BIN/vulkan_tests --gtest_filter='MultiDevice.*:JobPlan.*'
tail -3 "$OUT/tests.txt"
