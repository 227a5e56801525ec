# On a lent GPU (issue 19 goals 5 and 6): the NTT and G1 MSM benches, their device time per pass
# (GPUEXEC_PROFILE=1), the 2^24 MSM, then the Fr, NTT and MSM tests under the validation layers.
# Carry .gpubin (gpuexec, vulkan_tests built here; gpuexec_base, an earlier build, optional: its
# benches run first, for before/after on the same card) and .gl.
#   bash scripts/gpu_ntt_msm.sh
source scripts/gpu_env.sh
set -o pipefail
# Results in one archive: the device tool brings back at most 8 files.
FINAL=$OUT
OUT=/tmp/ntt_msm
mkdir -p $OUT
trap 'tar czf "$FINAL/ntt_msm.tgz" -C /tmp ntt_msm' EXIT
$BIN/gpuexec devices | head -20 >"$OUT/devices.txt"
for v in base new; do
  bin=$BIN/gpuexec
  if [ $v = base ]; then
    [ -x $BIN/gpuexec_base ] || continue
    bin=$BIN/gpuexec_base
  fi
  $bin bench ntt --sizes 1048576,4194304,16777216 --reps 5 --json "$OUT/ntt-$v.json" >"$OUT/ntt-$v.txt" 2>&1
  $bin bench msm --sizes 65536,1048576 --reps 3 --json "$OUT/msm-$v.json" >"$OUT/msm-$v.txt" 2>&1
done
GPUEXEC_PROFILE=1 $BIN/gpuexec bench ntt --sizes 1048576,16777216 --reps 2 >"$OUT/profile.txt" 2>&1
GPUEXEC_PROFILE=1 $BIN/gpuexec bench msm --sizes 65536,1048576 --reps 2 >>"$OUT/profile.txt" 2>&1
GPUEXEC_VALIDATION=1 timeout 200 $BIN/vulkan_tests --gtest_brief=1 \
  --gtest_filter='*Ntt*:*Fr*:*Msm*:*Mad*:KernelVariants*' >"$OUT/tests.txt" 2>&1
echo "tests rc $?"
tail -5 "$OUT/tests.txt"
GPUEXEC_PROFILE=1 timeout 240 $BIN/gpuexec bench msm --sizes 16777216 --reps 3 \
  --json "$OUT/msm-2e24.json" >"$OUT/msm-2e24.txt" 2>&1
echo "2^24 rc $?"
grep -hE "resident|precomputed" "$OUT"/ntt-*.txt "$OUT"/msm-*.txt | grep -v ratios
grep -h profile "$OUT/profile.txt" "$OUT/msm-2e24.txt" | sort | uniq -c | head -30
