#!/usr/bin/env bash
# Installs the Python package built in BUILD_DIR into a temporary prefix, then runs the pytest
# tests and the example against that installed copy, not the build tree: `make test` runs this
# as the test python.pytest.   usage: scripts/test_python.sh BUILD_DIR
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 BUILD_DIR" >&2; exit 2; }
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$(cd "$1" && pwd)
PYTHON=/usr/bin/python3  # Debian's, beside python3-numpy and python3-pytest (not a pyenv shim)
start=$SECONDS

SITE=$(sed -n 's/^GPUEXEC_PYTHON_INSTALL_DIR:[A-Z]*=//p' "$BUILD/CMakeCache.txt")
[ -n "$SITE" ] || { echo "test_python: $BUILD was configured without GPUEXEC_BUILD_PYTHON" >&2; exit 1; }
PREFIX=$(mktemp -d)
trap 'rm -rf "$PREFIX"' EXIT
# The python component alone: the module holds the library, so nothing else need be built.
cmake --install "$BUILD" --prefix "$PREFIX" --component python >/dev/null

export PYTHONPATH="$PREFIX/$SITE"
export PYTHONDONTWRITEBYTECODE=1  # leave the source tree clean
# As `make test`: one Mesa shader cache for every process (lavapipe compiles each kernel once).
export MESA_SHADER_CACHE_DIR="${MESA_SHADER_CACHE_DIR:-$BUILD/mesa_shader_cache}"
cd "$ROOT"  # not bindings/python, whose gpuexec/ (no module inside) would shadow the install
where=$("$PYTHON" -c 'import gpuexec; print(gpuexec.__file__)')
case "$where" in
  "$PREFIX"/*) ;;
  *) echo "test_python: imported $where, not the installed copy" >&2; exit 1 ;;
esac

"$PYTHON" -m pytest -q -p no:cacheprovider bindings/python/tests
"$PYTHON" bindings/python/examples/pipeline.py --backend cpu
echo "test_python: passed in $((SECONDS - start)) s"
