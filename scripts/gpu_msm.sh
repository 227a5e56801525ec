# On a lent GPU (issue 19 goals 6 and 7): the G1 MSM of this build against an earlier one
# (.gpubin/gpuexec_base) on the same card, each with its device time per pass
# (GPUEXEC_PROFILE=1), at 2^16, 2^20 and 2^24 points; then the whole Vulkan test suite under the
# validation layers. Carry .gpubin (gpuexec, gpuexec_base, vulkan_tests built here) and .gl.
#   bash scripts/gpu_msm.sh
source scripts/gpu_env.sh
set -o pipefail
archive_steps msm
msm() {  # name binary sizes
  step msm-$1 150 env GPUEXEC_PROFILE=1 $2 bench msm --sizes $3 --reps 5 --json "$OUT/msm-$1.json"
  grep -hE "resident|precomputed" "$OUT/msm-$1.txt" | grep -v ratio
}
msm new $BIN/gpuexec 65536,1048576
[ -x $BIN/gpuexec_base ] && msm base $BIN/gpuexec_base 65536,1048576
msm new-2e24 $BIN/gpuexec 16777216
step tests 300 env GPUEXEC_VALIDATION=1 $BIN/vulkan_tests --gtest_brief=1
tail -4 "$OUT/tests.txt"
[ -x $BIN/gpuexec_base ] && msm base-2e24 $BIN/gpuexec_base 16777216
for f in "$OUT"/msm-*.txt; do
  echo "== $f"
  grep "profile: msm" "$f" | tail -4 | cut -c1-300
done
