#!/usr/bin/env bash
# Builds the Debian package bmx-api_<version>_<arch>.deb with CPack: a Release build with prefix
# /usr and Debian's hardening flags (dpkg-buildflags) in its own build directory, Depends from
# dpkg-shlibdeps. Checks the .deb with lintian (fails on any error) and prints its path as the
# last line. Needs the packages scripts/install-deps.sh installs.
#
#   scripts/package.sh [BUILD_DIR]      (default build-deb)
#   sudo apt install ./build-deb/bmx-api_*.deb
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-deb}

export DEB_BUILD_MAINT_OPTIONS=hardening=+all
cppflags=$(dpkg-buildflags --get CPPFLAGS)
launcher=()
command -v ccache > /dev/null && launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr -DBMX_TESTS=OFF -DBMX_BENCH=OFF \
    "${launcher[@]}" \
    -DCMAKE_C_FLAGS="$(dpkg-buildflags --get CFLAGS) $cppflags" \
    -DCMAKE_CXX_FLAGS="$(dpkg-buildflags --get CXXFLAGS) $cppflags" \
    -DCMAKE_EXE_LINKER_FLAGS="$(dpkg-buildflags --get LDFLAGS)" > /dev/null
cmake --build "$build" -j "$(nproc)" > /dev/null
rm -f "$build"/bmx-api_*.deb
(cd "$build" && cpack -G DEB > cpack.log 2>&1) || { cat "$build/cpack.log" >&2; exit 1; }
deb=$(realpath "$build"/bmx-api_*.deb)

# lintian's findings on stderr; any E: (error) fails the build of the package.
lintian --info "$deb" > "$build/lintian.log" 2>&1 || true
sed 's/^/lintian: /' "$build/lintian.log" >&2
if grep -q '^E: ' "$build/lintian.log"; then
    echo "package.sh: lintian reports errors in $deb" >&2
    exit 1
fi
echo "$deb"
