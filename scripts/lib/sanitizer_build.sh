# Sourced by scripts/sanitize.sh and scripts/fuzz.sh: the one configuration of the clang
# ASan + UBSan + libFuzzer build they share (same flags, so CI compiles it once), and the test
# doubles both sanitizer builds borrow from the Release build. Both are unity builds (see
# release_build.sh).
source scripts/lib/release_build.sh

# -O1 with line tables only: the sanitizers' reports keep file and line, and a cold build on two
# cores takes far less time than -O2 -g. NDEBUG as in Release, so that stb's asserts behave as
# they do in the binary users run.
sanitizer_opt_flags="-O1 -gline-tables-only -DNDEBUG"
tsan_opt_flags="-O1 -g1 -DNDEBUG"

# ensure_test_peers: builds (or finds up to date) bmx-devserver and bmx-faultpeer in the Release
# build that scripts/test.sh makes, and prints their directory. They are test doubles, not code
# under test, so the sanitizer builds use these instead of compiling them again.
ensure_test_peers() {
  configure_release_build
  cmake --build build -j "$(nproc)" --target bmx-devserver bmx-faultpeer > /dev/null
  echo "$PWD/build/tests/devserver"
}

# configure_sanitizer_build DIR: the clang build with ASan, UBSan and the fuzz targets.
configure_sanitizer_build() {
  cmake -S . -B "$1" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
    -DCMAKE_C_FLAGS_RELWITHDEBINFO="$sanitizer_opt_flags" -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="$sanitizer_opt_flags" \
    -DBMX_FUZZ=ON -DBMX_BENCH=OFF -DBMX_VERIFY_HEADERS=OFF -DCMAKE_UNITY_BUILD=ON -DBMX_TEST_PEERS_DIR="$(ensure_test_peers)" > /dev/null
}
