# On a lent GPU (issue 19 goals 5 and 6): the NTT and G1 MSM benches, then the Fr, NTT and MSM
# tests under the validation layers. Carry .gpubin (gpuexec, vulkan_tests built here) and .gl.
#   bash scripts/gpu_ntt_msm.sh
source scripts/gpu_env.sh
set -o pipefail
$BIN/gpuexec devices | head -20 | tee "$OUT/devices.txt"
$BIN/gpuexec bench ntt --sizes 1048576,4194304,16777216 --reps 5 --json "$OUT/ntt.json" \
  2>&1 | tee "$OUT/ntt.txt"
$BIN/gpuexec bench msm --sizes 65536,1048576 --reps 3 --json "$OUT/msm.json" 2>&1 | tee "$OUT/msm.txt"
GPUEXEC_VALIDATION=1 $BIN/vulkan_tests --gtest_brief=1 \
  --gtest_filter='*Ntt*:*Fr*:*Msm*:*Mad*:KernelVariants*' 2>&1 | tail -40 | tee "$OUT/tests.txt"
