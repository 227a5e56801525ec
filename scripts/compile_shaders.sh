#!/usr/bin/env bash
# Compiles the kernels of a list written by tools/shadergen (lines: NAME ENTRY DEFINES...) to
# OUT_DIR/NAME.spv with the flags the committed blobs were built with, and removes any other
# .spv from OUT_DIR, so that it holds exactly the listed kernels.
# Usage: compile_shaders.sh GLSLC GEN_DIR OUT_DIR [LIST]   (LIST defaults to GEN_DIR/kernels.txt;
# GEN_DIR also holds the generated field_constants.glsl)
set -euo pipefail
glslc=$1
gen=$2
out=$3
list=${4:-$gen/kernels.txt}
shaders=$(cd "$(dirname "$0")/../shaders" && pwd)
mkdir -p "$out"
# One glslc per kernel, as many at once as there are cores (xargs exits non-zero if any fails).
compile_one() {  # name entry defines...
  local name=$1 entry=$2
  shift 2
  "$glslc" --target-env=vulkan1.1 -O -I "$shaders" -I "$gen" "$@" -o "$out/$name.spv" \
    "$shaders/$entry"
}
export -f compile_one
export glslc shaders gen out
grep -v '^[[:space:]]*$' "$list" | xargs -P "$(nproc)" -L 1 bash -c 'compile_one "$@"' _
declare -A keep=()
while read -r name _; do
  [ -n "$name" ] && keep[$name.spv]=1
done <"$list"
for f in "$out"/*.spv; do
  [ -e "$f" ] || continue
  [ -n "${keep[$(basename "$f")]:-}" ] || rm -- "$f"
done
