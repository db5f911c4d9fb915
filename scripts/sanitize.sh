#!/usr/bin/env bash
# The whole suite under AddressSanitizer + UndefinedBehaviorSanitizer (a clang build that the
# fuzzers share: BMX_FUZZ instruments with ASan and UBSan too), then the upload pipeline's tests
# under ThreadSanitizer.
#
# What each sanitizer build compiles is what runs in-process under it: the library's unit tests,
# and bmx-api. The integration tests run bmx-api as a child process, so their harness comes from
# the Release build of scripts/test.sh and runs the sanitized bmx-api through BMX_TEST_API_BIN:
# every integration test still exercises instrumented code, and CI compiles the harness (doctest,
# cpp-httplib, nlohmann/json in every file) once instead of three times.
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/lib/sanitizer_build.sh
# Each header is compiled on its own once, in the Release build of scripts/test.sh; not again here.
configure_sanitizer_build build-san
cmake --build build-san -j "$(nproc)" --target bmx-api bmx-unit-tests
# The Release build's harness, and nothing rebuilt in it but what is out of date.
configure_release_build
cmake --build build -j "$(nproc)" --target bmx-integration-tests > /dev/null

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir build-san -R '^unit:' --no-tests=error --output-on-failure -j "$(nproc)" --timeout 600
BMX_TEST_API_BIN="$PWD/build-san/cli/bmx-api" \
  ctest --test-dir build -R '^integration:' --no-tests=error --output-on-failure -j "$(nproc)" --timeout 600
unset ASAN_OPTIONS UBSAN_OPTIONS

cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBMX_TSAN=ON -DBMX_BENCH=OFF -DBMX_VERIFY_HEADERS=OFF -DCMAKE_UNITY_BUILD=ON \
  -DCMAKE_C_FLAGS_RELWITHDEBINFO="$tsan_opt_flags" -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="$tsan_opt_flags" \
  -DBMX_TEST_PEERS_DIR="$(ensure_test_peers)" > /dev/null
cmake --build build-tsan -j "$(nproc)" --target bmx-api bmx-unit-tests
export TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1
ctest --test-dir build-tsan -R '^unit:' -L tsan --no-tests=error --output-on-failure -j "$(nproc)" --timeout 600
BMX_TEST_API_BIN="$PWD/build-tsan/cli/bmx-api" \
  ctest --test-dir build -R '^integration:' -L tsan --no-tests=error --output-on-failure -j "$(nproc)" --timeout 600
