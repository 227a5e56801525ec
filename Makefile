# Quick start: `make run` and `make test` (as root on Debian bookworm).
BUILD_DIR ?= build
BUILD_TYPE ?= Release
JOBS ?= $(shell nproc)

.PHONY: deps configure build run test test-sanitize fuzz bench format clean

deps:
	@bash scripts/deps.sh

configure: deps
	@cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) >/dev/null

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

# The main job on the default device (a GPU if there is one, else lavapipe, else the CPU).
run: build
	./$(BUILD_DIR)/bin/gpuexec devices || true
	./$(BUILD_DIR)/bin/gpuexec validate
	./$(BUILD_DIR)/bin/gpuexec bench persistent --quick

# Mesa keeps lavapipe's compiled shaders in a disk cache; one in the build tree serves every test
# process even where the home directory is not writable (a test's kernels then build once).
test: build
	cd $(BUILD_DIR) && MESA_SHADER_CACHE_DIR=$${MESA_SHADER_CACHE_DIR:-$(abspath $(BUILD_DIR))/mesa_shader_cache} \
	  ctest --output-on-failure -j $(JOBS)

# ASan+UBSan and TSan builds of the library and tests, run at small sizes.
test-sanitize: deps
	bash scripts/test_sanitize.sh

# libFuzzer targets (clang, ASan+UBSan), FUZZ_SECONDS each (default 60) from fuzz/corpus.
fuzz: deps
	bash scripts/fuzz.sh

bench: build
	./$(BUILD_DIR)/bin/fp_bench

format:
	@git ls-files '*.cpp' '*.hpp' '*.h' '*.c' | xargs clang-format -i

clean:
	rm -rf $(BUILD_DIR)
