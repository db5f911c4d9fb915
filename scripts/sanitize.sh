#!/usr/bin/env bash
# The suite under AddressSanitizer + UndefinedBehaviorSanitizer, then the upload pipeline's
# tests under ThreadSanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."

cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DBMX_SANITIZE=ON -DBMX_BENCH=OFF > /dev/null
cmake --build build-asan -j "$(nproc)"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j "$(nproc)" --timeout 600

cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBMX_TSAN=ON -DBMX_BENCH=OFF > /dev/null
cmake --build build-tsan -j "$(nproc)" --target bmx-api bmx-integration-tests bmx-devserver bmx-faultpeer
TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
  ./build-tsan/tests/bmx-integration-tests -tc='*upload*,*batch*,*retried*,*storm*,*reset*,*never answers*,*Ctrl-C*,*slow*,*--image*,*dry-run*,*directory*'
