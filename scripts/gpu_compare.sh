# On a lent GPU (issue 19 goals 5, 6 and 7): the G1 MSM and the NTT of this build against an
# earlier one (.gpubin/gpuexec_base) on the same card, each with its device time per pass
# (GPUEXEC_PROFILE=1): the MSM at 2^16, 2^20 and 2^24 points, the NTT at 2^20 and 2^24 (the base
# with NTT workgroups of 2^9, as this build takes on NVIDIA); then the whole Vulkan test suite
# under the validation layers. Carry .gpubin (gpuexec, gpuexec_base, vulkan_tests built here)
# and .gl.
#   bash scripts/gpu_compare.sh          (PART=1: the 2^16-2^20 MSMs and the NTTs;
#                                           PART=2: the test suite and the 2^24 MSMs; default both)
source scripts/gpu_env.sh
set -o pipefail
archive_steps compare
bench() {  # name what sizes binary [env...]; REPS (default 3)
  local name=$1 what=$2 sizes=$3 bin=$4
  shift 4
  step $name 150 env "$@" GPUEXEC_PROFILE=1 $bin bench $what --sizes $sizes --reps ${REPS:-3} \
    --json "$OUT/$name.json"
  grep -hE "resident|precomputed" "$OUT/$name.txt" | grep -v ratio
}
BASE=$BIN/gpuexec_base
PART=${PART:-12}
# Most telling first (the device time may run out).
if [[ $PART == *1* ]]; then
bench msm-new msm 65536,1048576 $BIN/gpuexec
bench msm-base msm 65536,1048576 $BASE
bench ntt-new ntt 1048576,16777216 $BIN/gpuexec
bench ntt-base ntt 1048576,16777216 $BASE GPUEXEC_NTT_LOG_CAP=9
# The NTT's field products in the other families (the default on NVIDIA is u28w).
bench ntt-u64v ntt 1048576,16777216 $BIN/gpuexec GPUEXEC_KERNEL=u64v
bench ntt-u32w ntt 1048576,16777216 $BIN/gpuexec GPUEXEC_KERNEL=u32w
# Workgroups of 2^10 elements, two an invocation (512 invocations): one pass less at 2^20.
bench ntt-cap10 ntt 1048576,16777216 $BIN/gpuexec GPUEXEC_NTT_LOG_CAP=10
fi
if [[ $PART == *2* ]]; then
step tests 240 env GPUEXEC_VALIDATION=1 $BIN/vulkan_tests --gtest_brief=1
tail -4 "$OUT/tests.txt"
REPS=3 bench msm-new-2e24 msm 16777216 $BIN/gpuexec
REPS=3 bench msm-base-2e24 msm 16777216 $BASE
fi
for f in "$OUT"/*.txt; do
  echo "== $f"
  grep "profile:" "$f" | tail -3 | cut -c1-300
done
