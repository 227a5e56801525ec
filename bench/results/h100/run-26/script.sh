# Session 15, call 1: the NTT's shuffle pass against the workgroup-memory pass; then session 14's
# readback queue, staged pieces and host sums against the session-13 build; the suite's NTT,
# batch and resident tests under validation.
source scripts/gpu_env.sh
set -o pipefail
archive_steps s15a
bench() {
  local name=$1 what=$2 sizes=$3 bin=$4 vars=() opts=()
  shift 4
  for a in "$@"; do if [[ $a == *=* ]]; then vars+=("$a"); else opts+=("$a"); fi; done
  step $name ${LIMIT:-150} env "${vars[@]}" $bin bench $what --sizes $sizes \
    --reps ${REPS:-3} "${opts[@]}" --json "$OUT/$name.json"
}
for r in 1 2; do for sh in 1 0; do
  REPS=7 bench ntt-sh$sh-r$r ntt 1048576,16777216 $BIN/gpuexec GPUEXEC_PROFILE=0 GPUEXEC_NTT_SHUFFLE=$sh
  grep -hE "resident" "$OUT/ntt-sh$sh-r$r.txt" | grep -v ratio
done; done
REPS=7 bench ntt-sh1-cap10 ntt 1048576,16777216 $BIN/gpuexec GPUEXEC_PROFILE=0 GPUEXEC_NTT_LOG_CAP=10
grep -hE "resident" "$OUT/ntt-sh1-cap10.txt" | grep -v ratio
REPS=3 bench ntt-prof ntt 1048576 $BIN/gpuexec GPUEXEC_PROFILE=1
grep "profile:" "$OUT/ntt-prof.txt" | tail -1 | cut -c1-400
step tests-ntt 200 env GPUEXEC_VALIDATION=1 $BIN/vulkan_tests --gtest_filter="*Ntt*u32w*:*NttVulkanLarge*"
grep -E "^\[  (PASSED|FAILED) |tests ran" "$OUT/tests-ntt.txt" | tail -6
for b in gpuexec gpuexec_base; do
  REPS=15 bench host-$b persistent 64,16384,4194304 $BIN/$b GPUEXEC_PROFILE=0
  grep -E "^persistent" "$OUT/host-$b.txt"
done
for b in gpuexec gpuexec_base; do
  REPS=50 bench batch-$b batch 16384 $BIN/$b GPUEXEC_PROFILE=0 --jobs 4
  grep -E "^batch" "$OUT/batch-$b.txt"
done
for b in gpuexec gpuexec_base; do
  REPS=5 bench msm-$b msm 1048576 $BIN/$b GPUEXEC_PROFILE=0
  grep -hE "resident|precomputed" "$OUT/msm-$b.txt" | grep -v ratio
done
REPS=3 bench msm-prof msm 1048576 $BIN/gpuexec GPUEXEC_PROFILE=1
grep "profile:" "$OUT/msm-prof.txt" | tail -2 | cut -c1-420
step tests 200 env GPUEXEC_VALIDATION=1 $BIN/vulkan_tests \
  --gtest_filter="*Batch*:*Resident*:*Pinned*:*HostImport*:*VulkanContext*:*Msm*:*Fault*"
grep -E "^\[  (PASSED|FAILED) |tests ran" "$OUT/tests.txt" | tail -8
