# On a lent GPU (issue 19 goals 5 and 6): the NTT and G1 MSM benches, their device time per pass
# (GPUEXEC_PROFILE=1), the tests of the Fr, NTT and MSM kernels under the validation layers, and
# the 2^24 MSM. Carry .gpubin (gpuexec, vulkan_tests built here; gpuexec_base, an earlier build,
# optional: its benches run too, for before/after on the same card) and .gl.
#   bash scripts/gpu_ntt_msm.sh
source scripts/gpu_env.sh
set -o pipefail
archive_steps ntt_msm
$BIN/gpuexec devices | head -20 >"$OUT/devices.txt"
step ntt-new 120 $BIN/gpuexec bench ntt --sizes 1048576,4194304,16777216 --reps 5 --json "$OUT/ntt-new.json"
step msm-new 120 $BIN/gpuexec bench msm --sizes 65536,1048576 --reps 3 --json "$OUT/msm-new.json"
step profile 90 env GPUEXEC_PROFILE=1 $BIN/gpuexec bench ntt --sizes 1048576,16777216 --reps 2
step profile-msm 90 env GPUEXEC_PROFILE=1 $BIN/gpuexec bench msm --sizes 65536,1048576 --reps 2
if [ -x $BIN/gpuexec_base ]; then
  step ntt-base 120 $BIN/gpuexec_base bench ntt --sizes 1048576,4194304,16777216 --reps 5 --json "$OUT/ntt-base.json"
  step msm-base 120 $BIN/gpuexec_base bench msm --sizes 65536,1048576 --reps 3 --json "$OUT/msm-base.json"
fi
step tests 180 env GPUEXEC_VALIDATION=1 $BIN/vulkan_tests --gtest_brief=1 \
  --gtest_filter='*Ntt*:*Fr*:*Msm*:*Mad*:KernelVariants*'
tail -3 "$OUT/tests.txt"
step msm-2e24 200 env GPUEXEC_PROFILE=1 $BIN/gpuexec bench msm --sizes 16777216 --reps 3 --json "$OUT/msm-2e24.json"
grep -hE "resident|precomputed" "$OUT"/ntt-*.txt "$OUT"/msm-*.txt | grep -v ratios
grep -h "profile:" "$OUT"/profile*.txt "$OUT/msm-2e24.txt" | head -30
