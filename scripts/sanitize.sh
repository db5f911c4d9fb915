#!/usr/bin/env bash
# The whole suite under AddressSanitizer + UndefinedBehaviorSanitizer (a clang build that the
# fuzzers share: BMX_FUZZ instruments with ASan and UBSan too), then the upload pipeline's tests
# under ThreadSanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/lib/sanitizer_build.sh
# Each header is compiled on its own once, in the Release build of scripts/test.sh; not again here.
configure_sanitizer_build build-san
cmake --build build-san -j "$(nproc)"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-san --output-on-failure -j "$(nproc)" --timeout 600

cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBMX_TSAN=ON -DBMX_BENCH=OFF -DBMX_VERIFY_HEADERS=OFF -DCMAKE_UNITY_BUILD=ON \
  -DCMAKE_C_FLAGS_RELWITHDEBINFO="$tsan_opt_flags" -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="$tsan_opt_flags" \
  -DBMX_TEST_PEERS_DIR="$(ensure_test_peers)" > /dev/null
cmake --build build-tsan -j "$(nproc)" --target bmx-api bmx-integration-tests
TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
  ctest --test-dir build-tsan -L tsan --no-tests=error --output-on-failure -j "$(nproc)" --timeout 600
