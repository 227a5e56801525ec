#!/usr/bin/env bash
# Builds the library, CLI and tests with ASan+UBSan and with TSan, and runs the suites at small
# sizes (GPUEXEC_TEST_SMALL=1 trims the large cases). Fails on any sanitizer report.
set -euo pipefail
cd "$(dirname "$0")/.."
here=$(pwd)
targets="field_tests cli_tests spirv_tests vulkan_tests gpuexec_cli"
jobs=$(nproc)
run_suite() {  # build-dir sanitizer env...
  local dir=$1 san=$2
  shift 2
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGPUEXEC_SANITIZE="$san" \
    -DGPUEXEC_BUILD_BENCH=OFF >/dev/null
  cmake --build "$dir" -j "$jobs" --target $targets
  (cd "$dir" && env "$@" GPUEXEC_TEST_SMALL=1 ctest -j "$jobs" --output-on-failure \
     -R "${SANITIZE_TESTS:-.}" -E "install|example")
}
echo "== ASan + UBSan"
run_suite build-asan address,undefined \
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
  LSAN_OPTIONS=suppressions=$here/tests/sanitizers/lsan.supp:print_suppressions=0 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
echo "== TSan"
run_suite build-tsan thread \
  TSAN_OPTIONS=suppressions=$here/tests/sanitizers/tsan.supp:halt_on_error=1:second_deadlock_stack=1
