#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each for FUZZ_SECONDS (60),
# starting from the checked-in corpus under fuzz/corpus/TARGET. New inputs go to a scratch
# directory; a crash stops the run and leaves its input as crash-* in the current directory:
# add it to the tests as a regression case.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-60}
cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_C_COMPILER=clang -DGPUEXEC_FUZZ=ON -DGPUEXEC_SANITIZE=address,undefined \
  -DGPUEXEC_BUILD_BENCH=OFF -DBUILD_TESTING=OFF >/dev/null
targets="hex_reader bin_reader manifest spirv_loader"
cmake --build build-fuzz -j "$(nproc)" --target $(for t in $targets; do echo ${t}_fuzz; done)
for t in $targets; do
  scratch=$(mktemp -d)
  echo "== $t: ${seconds}s"
  build-fuzz/bin/${t}_fuzz -max_total_time="$seconds" -print_final_stats=1 "$scratch" fuzz/corpus/$t \
    2>&1 | grep -E "^(#[0-9]+ +DONE|stat::number_of_executed_units|==[0-9]+==ERROR|SUMMARY)" || true
  rm -rf "$scratch"
done
