# On a lent GPU (issue 19 goals 5 and 6): the MSM's adding passes in u32w against u64
# (GPUEXEC_KERNEL), its reduction segments (GPUEXEC_MSM_SEGMENT_BUCKETS) and the NTT's workgroup
# size (GPUEXEC_NTT_LOG_CAP),
# each the device time per pass (GPUEXEC_PROFILE=1) beside the bench's median; then the Vulkan
# tests under the validation layers. Carry .gpubin (gpuexec, vulkan_tests) and .gl.
#   bash scripts/gpu_tune.sh
source scripts/gpu_env.sh
set -o pipefail
archive_steps tune
msm() {  # name env-args...
  local name=$1
  shift
  step msm-$name 60 env "$@" GPUEXEC_PROFILE=1 \
    $BIN/gpuexec bench msm --sizes 65536,1048576 --reps 3 --json "$OUT/msm-$name.json"
  grep -h "vulkan-" "$OUT/msm-$name.txt" | grep -v ratio
}
# Most telling first (the device time may run out): the adding passes in u32w (auto on NVIDIA)
# against u64 (the family u64v), then the reduction's segments, then the NTT's workgroups.
msm auto -u GPUEXEC_MSM_SEGMENT_BUCKETS
msm u64 GPUEXEC_KERNEL=u64v
msm seg16 GPUEXEC_MSM_SEGMENT_BUCKETS=16
for cap in 9 10; do
  step ntt-$cap 60 env GPUEXEC_PROFILE=1 GPUEXEC_NTT_LOG_CAP=$cap \
    $BIN/gpuexec bench ntt --sizes 1048576,16777216 --reps 3 --json "$OUT/ntt-$cap.json"
  grep -h "vulkan-resident" "$OUT/ntt-$cap.txt" | grep -v ratio
done
msm seg1 GPUEXEC_MSM_SEGMENT_BUCKETS=1
step tests 150 env GPUEXEC_VALIDATION=1 $BIN/vulkan_tests --gtest_brief=1
tail -5 "$OUT/tests.txt"
