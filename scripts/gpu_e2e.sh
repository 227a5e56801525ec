#!/usr/bin/env bash
# On a lent GPU host (issue 16's "Must show"): `gpuexec run` end to end on files, beside the I/O
# floor and with peak RSS (`bench e2e`: bin and hex, every op, cpu and vulkan), with the Vulkan
# jobs staged (GPUEXEC_HOST_IMPORT=0, auto's choice on a discrete GPU), imported for the copy
# engine (=1: DMA from the caller's pages) and imported for the kernels (=bind, reading across
# the bus); the CLI's own chunks are pinned vectors, which take the copy engine either way; then the in-process import-vs-staging suites (persistent, batch: the jobs that may
# import; paths: the forced staged paths for reference) and the copy ceilings. JSON under
# $OUT/e2e, one file per call, a log beside it. Expects .gpubin/ and .gl/ (scripts/gpu_env.sh).
#   PARTS="e2e import"   which parts (default both; each bench call is capped by STEP_TIMEOUT)
#   SIZES=...            e2e sizes (default 2^20,2^22,2^24; 2^24 is skipped if the disk is short)
#   REPS=3               e2e repetitions (the in-process suites take IMPORT_REPS, default 10)
set -uo pipefail
cd "$(dirname "$0")/.." || exit
source scripts/gpu_env.sh
RES=$OUT/e2e
mkdir -p "$RES"
SIZES=${SIZES:-1048576,4194304,16777216}
REPS=${REPS:-3}
IMPORT_REPS=${IMPORT_REPS:-10}
log() { echo "== $*" | tee -a "$RES/log.txt"; }
bench() {  # name, env assignment, bench args...
  local name=$1 env=$2
  shift 2
  log "$env gpuexec bench $*"
  env "$env" timeout "${STEP_TIMEOUT:-540}" "$BIN/gpuexec" bench "$@" --json "$RES/$name.json" 2>&1 |
    grep -v '^$' | tee -a "$RES/log.txt"
}
{
  log "host"
  nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm --format=csv 2>&1
  nproc
  free -g | head -2
  df -h "${TMPDIR:-/tmp}" | tail -1
  "$BIN/gpuexec" devices | head -4
} 2>&1 | tee -a "$RES/log.txt"
for part in ${PARTS:-e2e import}; do
  case $part in
    e2e)
      for imp in 0 1 bind; do
        bench "e2e-import-$imp" GPUEXEC_HOST_IMPORT=$imp e2e --sizes "$SIZES" --reps "$REPS"
      done
      ;;
    import)
      for imp in 0 1 bind; do
        bench "persistent-import-$imp" GPUEXEC_HOST_IMPORT=$imp persistent \
          --sizes 65536,1048576,4194304,16777216 --reps "$IMPORT_REPS"
        bench "batch-import-$imp" GPUEXEC_HOST_IMPORT=$imp batch --sizes 262144,1048576 \
          --jobs 4,8 --reps "$IMPORT_REPS"
      done
      bench paths GPUEXEC_HOST_IMPORT=auto paths --sizes 65536,1048576,4194304,16777216 \
        --reps "$IMPORT_REPS"
      bench transfer GPUEXEC_HOST_IMPORT=auto transfer --reps "$IMPORT_REPS"
      ;;
    *) log "unknown part '$part' (e2e, import)" ;;
  esac
done
ls -l "$RES"
