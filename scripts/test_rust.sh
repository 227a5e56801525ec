#!/usr/bin/env bash
# Tests the Rust bindings (bindings/rust) against the library of an already built CMake tree:
# installs it, points pkg-config at the copy, runs `cargo test --offline` and the example.
#   scripts/test_rust.sh BUILD_DIR
# Everything written goes under BUILD_DIR (rust-prefix: the installed copy; rust-target: cargo's
# output), so a clean checkout stays clean. The prefix keeps one path from run to run: the test
# binaries' rpath points there, and a path that changed would make cargo rebuild everything.
set -euo pipefail
if [ $# -ne 1 ] || [ ! -d "$1" ]; then
  echo "usage: $0 BUILD_DIR (an already built CMake tree)" >&2
  exit 2
fi
build=$(cd "$1" && pwd)
cd "$(dirname "$0")/../bindings/rust"
start=$(date +%s)

prefix=$build/rust-prefix
cmake --install "$build" --prefix "$prefix" --component Unspecified >/dev/null  # the C/C++ library
export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
export CARGO_TARGET_DIR=$build/rust-target
# Debian's cargo (CI has no rustup); its own rustc too, not a rustup one found first on PATH.
cargo=${CARGO:-/usr/bin/cargo}
if [ -x /usr/bin/rustc ]; then
  export RUSTC=${RUSTC:-/usr/bin/rustc} RUSTDOC=${RUSTDOC:-/usr/bin/rustdoc}
fi
# Lavapipe's compiled shaders, shared with `make test` (see the Makefile).
export MESA_SHADER_CACHE_DIR=${MESA_SHADER_CACHE_DIR:-$build/mesa_shader_cache}
mkdir -p "$MESA_SHADER_CACHE_DIR"

"$cargo" test --offline
"$cargo" run --offline --example pipeline
echo "test_rust.sh: passed in $(($(date +%s) - start)) s"
