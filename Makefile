# reemud — top-level commands.  `make demo` and `make test` do all the set-up
# on a fresh Debian 12 machine (as root, or with sudo).
JOBS ?= $(shell nproc)
BUILD ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
DEMO_OUT ?= demo-output
FUZZ_SECONDS ?= 30
PROPERTY_SEEDS ?= 300

.PHONY: all deps build demo test test-fast test-asan fuzz bench install clean

all: build

deps:
	@scripts/install-deps

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	@scripts/demo $(BUILD)/reemud $(DEMO_OUT)

# The whole suite in a release build, then again under ASan + UBSan.
test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	$(MAKE) test-asan

test-fast: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The sanitizer pass includes the end-to-end tests cli/pipeline_small (check
# -> estimate -> simulate -> chain -> assess on a small project) and
# cli/pipeline_mpi (the MPI driver on 2 ranks), so MPI is built here too.
test-asan: deps
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DREEMUD_SANITIZE=ON \
	      -DREEMUD_MPI=ON -DCMAKE_C_FLAGS="-O1"
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	      REEMUD_SANITIZED=1 ctest --output-on-failure -j $(JOBS) -LE slow

# libFuzzer harnesses (clang), FUZZ_SECONDS each.  UBSan does not recover:
# undefined behaviour aborts the harness like a crash and fails the run.
fuzz: deps
	CC=clang cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=Debug -DREEMUD_FUZZ=ON \
	      -DREEMUD_MPI=OFF -DREEMUD_WERROR=OFF \
	      -DCMAKE_C_FLAGS="-O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all"
	cmake --build $(FUZZ_BUILD) -j $(JOBS)
	scripts/run-fuzzers $(FUZZ_BUILD) $(FUZZ_SECONDS)
	/usr/bin/python3 tests/property/pipeline.py $(FUZZ_BUILD)/reemud $(FUZZ_BUILD)/property 1:$(PROPERTY_SEEDS)

bench: build
	REEMUD_DEPS_EXTRA=bench scripts/install-deps
	bench/run-all $(BUILD)

install: build
	cmake --install $(BUILD)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD) $(DEMO_OUT)
