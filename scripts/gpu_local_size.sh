#!/usr/bin/env bash
# On a lent GPU host: device-resident throughput (no transfers) against the workgroup size
# (GPUEXEC_LOCAL_SIZE) for the u64v and u64 kernels, SM clock sampled. Results under $OUT.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/gpu_env.sh
nvidia-smi --query-gpu=timestamp,clocks.sm,utilization.gpu --format=csv -lms 100 \
  >"$OUT/smi.csv" 2>/dev/null &
smi=$!
for kernel in u64v u64; do
  for ls in 32 64 128 256 512; do
    echo "== GPUEXEC_KERNEL=$kernel GPUEXEC_LOCAL_SIZE=$ls"
    GPUEXEC_KERNEL=$kernel GPUEXEC_LOCAL_SIZE=$ls $BIN/gpuexec bench resident \
      --sizes 4194304,16777216 --reps ${REPS:-30} --json "$OUT/resident-$kernel-ls$ls.json" 2>&1 |
      grep -E '^resident'
  done
done
kill $smi 2>/dev/null
awk -F', ' 'NR > 1 { print $2 }' "$OUT/smi.csv" | sort | uniq -c | sort -rn | head -4
