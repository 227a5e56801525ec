#!/usr/bin/env bash
# On a lent GPU host: why large device-resident ops vary (docs/GPU_NOTES.md section 4). Samples
# the SM clock, utilization, power and the clock-event (throttle) reasons every 50 ms while
# 16M-element mul runs back to back, and lists the compute processes the driver shows.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/gpu_env.sh
nvidia-smi --query-gpu=timestamp,clocks.sm,utilization.gpu,power.draw,clocks_event_reasons.active \
  --format=csv -lms 50 >"$OUT/smi-large.csv" 2>&1 &
smi=$!
sleep 1
for rep in 1 2 3; do
  GPUEXEC_KERNEL=u64 $BIN/gpuexec bench resident --sizes 16777216 --reps 100 \
    --json "$OUT/resident-16m-$rep.json" 2>&1 | grep -E '^resident'
done
nvidia-smi --query-compute-apps=pid,process_name,used_memory --format=csv > "$OUT/apps.csv" 2>&1
nvidia-smi -q -d PERFORMANCE > "$OUT/performance.txt" 2>&1
kill $smi 2>/dev/null
cat "$OUT/apps.csv"
echo "== samples by SM clock, utilization, throttle reasons"
awk -F', ' 'NR > 1 { print $2, $3, $5 }' "$OUT/smi-large.csv" | sort | uniq -c | sort -rn | head -12
