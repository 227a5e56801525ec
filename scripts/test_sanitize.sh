#!/usr/bin/env bash
# Builds the library, CLI and tests with ASan+UBSan and with TSan, and runs the suites at small
# sizes (GPUEXEC_TEST_SMALL=1 trims the large cases). Fails on any sanitizer report.
set -euo pipefail
cd "$(dirname "$0")/.."
here=$(pwd)
targets="field_tests g1_tests cli_tests spirv_tests vulkan_tests host_oom_tests gpuexec_cli"
jobs=$(nproc)
build() {  # build-dir sanitizer
  cmake -S . -B "$1" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGPUEXEC_SANITIZE="$2" \
    -DGPUEXEC_BUILD_BENCH=OFF >/dev/null
  cmake --build "$1" -j "$jobs" --target $targets
}
run() {  # build-dir test-regex exclude-regex env...
  local dir=$1 include=$2 exclude=$3
  shift 3
  (cd "$dir" && env "$@" GPUEXEC_TEST_SMALL=1 ctest -j "$jobs" --output-on-failure \
     -R "$include" -E "$exclude")
}
# Tests that never load a Vulkan driver: field arithmetic, encodings, SPIR-V loader.
cpu_only='^(Fp|FrReference|FrCpuJobs|NttCpu|G1|g1\.|MsmApi|MsmCApi|FieldKernels|Impl/FieldKernels|field\.|SharedVectors|CpuBackend|CopyPool|ParallelCopy|ParallelFor|SpirvLoader|SpirvFreshness|JobPlan|DeviceList|FaultPlan)'
echo "== ASan + UBSan"
build build-asan address,undefined
ubsan=UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# Leak checking where no driver is loaded. The Vulkan loader unloads the driver and the layer
# at exit, so their leaks come without symbols and cannot be suppressed by name: Vulkan tests
# run with ASan and UBSan but without leak checking.
run build-asan "$cpu_only" "install|example" "$ubsan" \
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
  LSAN_OPTIONS=suppressions=$here/tests/sanitizers/lsan.supp:print_suppressions=0
run build-asan . "install|example|$cpu_only" "$ubsan" ASAN_OPTIONS=detect_leaks=0:abort_on_error=1
echo "== TSan"
build build-tsan thread
run build-tsan . "install|example" \
  TSAN_OPTIONS=suppressions=$here/tests/sanitizers/tsan.supp:halt_on_error=1:second_deadlock_stack=1
