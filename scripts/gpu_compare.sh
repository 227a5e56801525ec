# On a lent GPU (issue 19 goals 5, 6 and 7): the G1 MSM and the NTT of this build against an
# earlier one (.gpubin/gpuexec_base, where carried) on the same card, each with its device time
# per pass and the MSM's host steps (GPUEXEC_PROFILE=1): the MSM at 2^16, 2^20 and 2^24 points,
# the NTT at 2^20 and 2^24; then the whole Vulkan test suite under the validation layers. Carry
# .gpubin (gpuexec, vulkan_tests built here; gpuexec_base optional) and .gl.
#   bash scripts/gpu_compare.sh          (PART=1: the 2^16-2^20 MSMs and the NTTs; PART=2: the
#                                           test suite; PART=3: the 2^24 MSMs; PART=4: jobs on
#                                           host arrays, goals 3 and 4; PART=5: the element-wise
#                                           kernels resident, lane by lane against coalesced IO
#                                           and the rule (IO_MODES), goal 1; PART=6: coalesced
#                                           mul at 64, 128 and 256 lanes a workgroup
#                                           (MUL_SHAPES); default 123)
# Narrower: MSM_SIZES (PART=1's MSMs), NTT=0 (no NTTs), TESTS_FILTER (a gtest filter), PLAIN=0
# (no runs without the profile), MSM_KERNELS (the MSMs again in these kernel families, e.g.
# "u32w"), CAP10=0 (no NTT with 2^10-element workgroups), BASE (another base build).
source scripts/gpu_env.sh
set -o pipefail
archive_steps compare
# name what sizes binary [VAR=value...] [bench options...]; REPS (default 3), LIMIT (s, default 150)
bench() {
  local name=$1 what=$2 sizes=$3 bin=$4 vars=() opts=()
  shift 4
  [ -x "$bin" ] || return 0
  for a in "$@"; do if [[ $a == *=* ]]; then vars+=("$a"); else opts+=("$a"); fi; done
  step $name ${LIMIT:-150} env GPUEXEC_PROFILE=1 "${vars[@]}" $bin bench $what --sizes $sizes \
    --reps ${REPS:-3} "${opts[@]}" --json "$OUT/$name.json"
  grep -hE "resident|precomputed" "$OUT/$name.txt" | grep -v ratio
}
BASE=${BASE:-$BIN/gpuexec_base}
PART=${PART:-123}
# Most telling first (the device time may run out).
if [[ $PART == *1* ]]; then
bench msm-new msm ${MSM_SIZES:-65536,1048576} $BIN/gpuexec
bench msm-base msm ${MSM_SIZES:-65536,1048576} $BASE
# The profile's own cost (a query pool a call, the report) is in the figures above: these are not.
[ "${PLAIN:-1}" = 1 ] && bench msm-plain msm ${MSM_SIZES:-65536,1048576} $BIN/gpuexec GPUEXEC_PROFILE=0
# This build under other kernel families (GPUEXEC_KERNEL), e.g. MSM_KERNELS="u32w u64".
for k in ${MSM_KERNELS:-}; do bench msm-$k msm ${MSM_SIZES:-65536,1048576} $BIN/gpuexec GPUEXEC_KERNEL=$k; done
[ "${NTT:-1}" = 1 ] || PART=${PART/1/}
fi
if [[ $PART == *1* ]]; then
bench ntt-new ntt 1048576,16777216 $BIN/gpuexec
bench ntt-base ntt 1048576,16777216 $BASE
[ "${PLAIN:-1}" = 1 ] && bench ntt-plain ntt 1048576,16777216 $BIN/gpuexec GPUEXEC_PROFILE=0
# Workgroups of 2^10 elements, two an invocation (512 invocations): one pass less at 2^20.
[ "${CAP10:-1}" = 1 ] && bench ntt-cap10 ntt 1048576,16777216 $BIN/gpuexec GPUEXEC_NTT_LOG_CAP=10
fi
if [[ $PART == *2* ]]; then
# Each test's name and time in the log (a step cut off at its limit shows how far it got).
step tests ${TESTS_LIMIT:-500} env GPUEXEC_VALIDATION=1 $BIN/vulkan_tests \
  --gtest_filter="${TESTS_FILTER:-*}"
grep -E "^\[  (PASSED|FAILED) |tests ran" "$OUT/tests.txt" | tail -8
fi
if [[ $PART == *3* ]]; then
# The CPU rows take most of a 2^24 step (points, reference, its own timing); the base build also
# times 4 precomputed copies, whose host work takes minutes at 2^24.
LIMIT=${LIMIT:-280} bench msm-new-2e24 msm 16777216 $BIN/gpuexec
LIMIT=${LIMIT:-280} bench msm-base-2e24 msm 16777216 $BASE
fi
if [[ $PART == *4* ]]; then
# Goal 3 (a 4M job from host arrays, pageable and pinned) and goal 4 (a 64-element job; 4 x 16K
# pipelined), this build and the base.
for b in $BIN/gpuexec $BASE; do
  n=host-$(basename $b)
  REPS=15 bench $n persistent 64,16384,4194304 $b GPUEXEC_PROFILE=0
  grep -E "^persistent" "$OUT/$n.txt"
  REPS=50 bench batch-$(basename $b) batch 16384 $b GPUEXEC_PROFILE=0 --jobs 4
  grep -E "^batch" "$OUT/batch-$(basename $b).txt"
done
fi
if [[ $PART == *5* ]]; then
for c in ${IO_MODES:-0 1 auto}; do
  REPS=15 bench resident-io$c resident ${RESIDENT_SIZES:-1048576,4194304,16777216,67108864} \
    $BIN/gpuexec GPUEXEC_PROFILE=0 GPUEXEC_COALESCED_IO=$c --field both
done
fi
if [[ $PART == *6* ]]; then
# Coalesced mul at larger workgroups (GPUEXEC_LOCAL_SIZE), against lane by lane at 64.
for li in ${MUL_SHAPES:-64-0 64-1 128-1 256-1}; do
  ls=${li%-*} io=${li#*-}
  REPS=10 bench mul-l$ls-io$io resident ${RESIDENT_SIZES:-4194304,16777216} $BIN/gpuexec \
    GPUEXEC_PROFILE=0 GPUEXEC_LOCAL_SIZE=$ls GPUEXEC_COALESCED_IO=$io
done
fi
for f in "$OUT"/*.txt; do
  echo "== $f"
  grep "profile:" "$f" | tail -3 | cut -c1-460
done
