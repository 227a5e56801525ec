#!/usr/bin/env bash
# Compiles every entry shader (shaders/*.comp) to shaders/spv/NAME.spv with the flags the
# committed blobs were built with. Usage: compile_shaders.sh GLSLC SHADER_DIR [OUT_DIR]
set -euo pipefail
glslc=$1
dir=$2
out=${3:-$dir/spv}
mkdir -p "$out"
for src in "$dir"/*.comp; do
  name=$(basename "$src" .comp)
  "$glslc" --target-env=vulkan1.1 -O -I "$dir" -o "$out/$name.spv" "$src"
done
