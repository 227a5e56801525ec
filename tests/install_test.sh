#!/usr/bin/env bash
# Installs the build into a scratch prefix, then builds and runs against that copy alone:
# the C example with pkg-config, and the CMake consumer with find_package(gpuexec).
set -euo pipefail
build=$1
src=$2
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
flags=$(pkg-config --cflags --libs gpuexec)
cc -std=c11 -Wall -Wextra -Werror "$src/examples/c/vec_op.c" $flags -o "$prefix/vec_op"
LD_LIBRARY_PATH="$prefix/lib" "$prefix/vec_op"
cmake -S "$src/examples/consumer" -B "$prefix/consumer" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$prefix/consumer" >/dev/null
LD_LIBRARY_PATH="$prefix/lib" "$prefix/consumer/consumer"
