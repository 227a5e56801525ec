# On a lent GPU (issue 19 goals 5 and 6): the NTT's workgroup size (GPUEXEC_NTT_LOG_CAP) against
# the kernel family (GPUEXEC_KERNEL), the MSM's reduction segments (GPUEXEC_MSM_SEGMENT_BUCKETS)
# and its adding passes in u64 against u32w,
# each the device time per pass (GPUEXEC_PROFILE=1) beside the bench's median; then the Vulkan
# tests under the validation layers. Carry .gpubin (gpuexec, vulkan_tests) and .gl.
#   bash scripts/gpu_tune.sh
source scripts/gpu_env.sh
set -o pipefail
FINAL=$OUT
OUT=/tmp/tune
mkdir -p $OUT
save() { tar czf "$FINAL/tune.tgz" -C /tmp tune; }
step() {  # name timeout command...
  local name=$1 limit=$2 t0=$SECONDS
  shift 2
  timeout "$limit" "$@" >"$OUT/$name.txt" 2>&1
  echo "$name: rc $? in $((SECONDS - t0)) s"
  save
}
for cap in 10 9; do
  for k in u28w u64v; do
    step ntt-$cap-$k 60 env GPUEXEC_PROFILE=1 GPUEXEC_NTT_LOG_CAP=$cap GPUEXEC_KERNEL=$k \
      $BIN/gpuexec bench ntt --sizes 1048576,16777216 --reps 3 --json "$OUT/ntt-$cap-$k.json"
    grep -h "vulkan-resident" "$OUT/ntt-$cap-$k.txt" | grep -v ratio
  done
done
for seg in auto 16 4 1; do
  set_seg=GPUEXEC_MSM_SEGMENT_BUCKETS=$seg
  [ $seg = auto ] && set_seg="-u GPUEXEC_MSM_SEGMENT_BUCKETS"
  step msm-$seg 60 env GPUEXEC_PROFILE=1 $set_seg \
    $BIN/gpuexec bench msm --sizes 65536,1048576 --reps 3 --json "$OUT/msm-$seg.json"
  grep -h "vulkan-" "$OUT/msm-$seg.txt" | grep -v ratio
done
# The adding passes in u64 (the family u64v) against auto's u32w (NVIDIA: u28w).
step msm-u64 60 env GPUEXEC_PROFILE=1 GPUEXEC_KERNEL=u64v \
  $BIN/gpuexec bench msm --sizes 65536,1048576 --reps 3 --json "$OUT/msm-u64.json"
grep -h "vulkan-" "$OUT/msm-u64.txt" | grep -v ratio
step tests 200 env GPUEXEC_VALIDATION=1 $BIN/vulkan_tests --gtest_brief=1
tail -5 "$OUT/tests.txt"
