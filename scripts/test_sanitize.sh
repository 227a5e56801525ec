#!/usr/bin/env bash
# Builds the library and tests with ASan+UBSan and with TSan, and runs the suites at small sizes
# (GPUEXEC_TEST_SMALL=1 trims the large cases). Fails on any sanitizer report.
#
# The sanitizers watch our host code, which is the same in every kernel variant; so each suite
# runs in the device's own variant, and what only exercises the drivers or glslc (the SPIR-V
# freshness check, the 2^26 scale run, the installed-package check, the other variants' kernels)
# is left to `make test`, as are the CLI's exactness cases on the device (the same CLI code runs
# them on the CPU backend). TSan runs what starts threads (listed below) and the CLI's streaming
# tests, the one place where the CLI starts threads of its own.
# -O1 -g1: the sanitizers' usual level, about twice as quick to build as -O2 -g.
set -euo pipefail
cd "$(dirname "$0")/.."
here=$(pwd)
jobs=$(nproc)
# Lavapipe's compiled shaders: the cache `make test` filled (see the Makefile), so that the
# kernels are not compiled again here.
shader_cache=${MESA_SHADER_CACHE_DIR:-$here/build/mesa_shader_cache}
mkdir -p "$shader_cache"
build() {  # build-dir sanitizer targets...
  local dir=$1 sanitizer=$2
  shift 2
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g1" \
    -DGPUEXEC_SANITIZE="$sanitizer" -DGPUEXEC_BUILD_BENCH=OFF -DGPUEXEC_BUILD_PYTHON=OFF >/dev/null
  cmake --build "$dir" -j "$jobs" --target "$@"
}
run() {  # build-dir test-regex exclude-regex env...
  local dir=$1 include=$2 exclude=$3
  shift 3
  (cd "$dir" && env "$@" GPUEXEC_TEST_SMALL=1 MESA_SHADER_CACHE_DIR="$shader_cache" \
     ctest -j "$jobs" --output-on-failure -R "$include" -E "$exclude")
}
# Tests that never load a Vulkan driver: field arithmetic, encodings, SPIR-V loader.
cpu_only='^(Fp|FrReference|FrCpuJobs|NttCpu|G1|g1\.|MsmApi|MsmCApi|FieldKernels|Impl/FieldKernels|field\.|SharedVectors|CpuBackend|CopyPool|ParallelCopy|ParallelFor|SpirvLoader|JobPlan|DeviceList|FaultPlan)'
# Driver- or compiler-bound, or repeats in other variants of the same host code.
# (A variant's enum value leads each Variants/ parameter: 1 is u64, lavapipe's own.)
variants='^Variants/.*object <0[2-7]-|^Kernels/'
# The CLI's exactness on the device: the same CLI code as on the CPU backend, run in a process per
# case (an instrumented CLI builds the device's kernels slowly: minutes for the MSM cases).
cli_device='^Backends/Cli[A-Za-z]*\.[A-Za-z]*/"(vulkan|auto)"|^CliGen\.|^Every/CliBenchSuites'
# Repeats of the same host paths: sizes between the edges (1, 65, 65537 stay), and the MSM on two
# openings of one device (the one-device case stays).
repeats='^Sizes/VulkanSizes\..*/(2|63|64|777|1000|4097|12345)$|^Devices/MsmExecutors.*/Two'
skip="install|example|python|rust|SpirvFreshness|^Scale\.|NttVulkanLarge|gpu_wait_rule|portable_arith|CliBenchE2e|$variants|$cli_device|$repeats"
echo "== ASan + UBSan"
build build-asan address,undefined field_tests g1_tests cli_tests spirv_tests vulkan_tests \
  host_oom_tests gpuexec_cli
ubsan=UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# Leak checking where no driver is loaded. The Vulkan loader unloads the driver and the layer
# at exit, so their leaks come without symbols and cannot be suppressed by name: Vulkan tests
# run with ASan and UBSan but without leak checking.
run build-asan "$cpu_only" "$skip" "$ubsan" \
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
  LSAN_OPTIONS=suppressions=$here/tests/sanitizers/lsan.supp:print_suppressions=0
run build-asan . "$skip|$cpu_only" "$ubsan" ASAN_OPTIONS=detect_leaks=0:abort_on_error=1
echo "== TSan"
build build-tsan thread field_tests g1_tests cli_tests vulkan_tests host_oom_tests gpuexec_cli
tsan=TSAN_OPTIONS=suppressions=$here/tests/sanitizers/tsan.supp:halt_on_error=1:second_deadlock_stack=1
# What runs threads: batches, async tickets, pools, several devices, faults met by waiting
# threads, the C ABI's tickets, host imports (the copy engine), the CPU's parallel NTT and MSM;
# and the CLI's streaming stages.
threads='Batch|Ticket|Parallel|CopyPool|MultiDevice|Overlap|HostImport|SeveralDevices|Async|Submit|Fault|CApi|NttCpu|G1Msm|MsmApi|MsmExecutors|HostOom|Pinned|ResidentVectors|Threads'
cli='^Cli|^Backends/Cli|^Settings/Cli|^MadCli|^VulkanFaultsCli'
run build-tsan "$threads" "$skip|$cli" "$tsan"
run build-tsan '^Backends/CliStream.*"cpu"|^CliStreamErrors' "$skip" "$tsan"
