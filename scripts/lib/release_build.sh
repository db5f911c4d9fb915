# Sourced by scripts/test.sh, scripts/demo.sh and scripts/lib/sanitizer_build.sh: the one
# configuration of the Release build in build/, so that none of them undoes another's.
#
# A unity build (CMake's UNITY_BUILD: a target's sources compiled a few at a time in one
# translation unit) parses the heavy third-party headers once a batch instead of once a file,
# which halves a cold build on two cores; CI builds from scratch three times. Each library
# header is still compiled on its own (BMX_VERIFY_HEADERS), and a plain `cmake -S . -B DIR`
# builds file by file.
configure_release_build() {
  cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DBMX_BENCH=OFF -DCMAKE_UNITY_BUILD=ON > /dev/null
}
