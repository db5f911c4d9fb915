#!/usr/bin/env bash
# The build holds the layers: in a scratch copy of the tree, an include of an upper layer from
# http (in a .cpp, and in a header no http .cpp includes) fails to compile, and an include
# path that climbs with ".." fails the build. Builds single objects, not the project.
# Usage: wrong_way_include.sh SOURCE_DIR CMAKE CXX_COMPILER C_COMPILER
set -euo pipefail
source_dir=$1 cmake=$2 cxx=$3 cc=$4

scratch=$(mktemp -d "${TMPDIR:-/tmp}/bmx-layers.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
src=$scratch/src build=$scratch/build
mkdir -p "$src"
cp -r "$source_dir"/CMakeLists.txt "$source_dir"/lib "$source_dir"/cli "$source_dir"/man "$source_dir"/completions "$source_dir"/packaging "$source_dir"/cmake "$src"/

"$cmake" -S "$src" -B "$build" -G "Unix Makefiles" -DCMAKE_BUILD_TYPE=Release -DBMX_TESTS=OFF -DBMX_BENCH=OFF \
  -DBMX_VERIFY_HEADERS=ON -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_C_COMPILER="$cc" > "$scratch/configure.log" 2>&1 ||
  { cat "$scratch/configure.log"; echo "FAIL: the scratch copy does not configure"; exit 1; }

failures=0
# build_fails WHAT PATTERN MAKE_ARGS...: the build must fail, saying PATTERN (an extended regex).
build_fails() {
  local what=$1 pattern=$2
  shift 2
  forget_objects
  if make "$@" > "$scratch/make.log" 2>&1; then
    echo "FAIL: $what: it built"
    failures=$((failures + 1))
  elif grep -qE -- "$pattern" "$scratch/make.log"; then
    echo "ok: $what: $(grep -m1 -E -- "$pattern" "$scratch/make.log")"
  else
    cat "$scratch/make.log"
    echo "FAIL: $what: failed, but not with '$pattern'"
    failures=$((failures + 1))
  fi
}
# gcc says "x.hpp: No such file or directory", clang "'x.hpp' file not found".
not_found() { echo "${1//./\\.}(: No such file|' file not found)"; }
# build_works WHAT MAKE_ARGS...: the control, so that a failure above means the include.
build_works() {
  local what=$1
  shift
  forget_objects
  if make "$@" > "$scratch/make.log" 2>&1; then
    echo "ok: $what"
  else
    cat "$scratch/make.log"
    echo "FAIL: $what: it did not build"
    failures=$((failures + 1))
  fi
}

http_objects=$build/lib/http
header_object=bmx-lib-http_verify_interface_header_sets/http/transport_options.hpp.cxx.o
# make only learns a header's dependents from a full build, so each check compiles afresh.
forget_objects() {
  rm -f "$http_objects/CMakeFiles/bmx-lib-http.dir/url.cpp.o" \
    "$http_objects/CMakeFiles/bmx-lib-http_verify_interface_header_sets.dir/$header_object"
}

build_works "lib/http/url.cpp as it is compiles" -C "$http_objects" url.cpp.o
build_works "lib/http/transport_options.hpp as it is compiles on its own" -C "$http_objects" "$header_object"

# 1. A .cpp in http includes upload (above it).
cp "$src/lib/http/url.cpp" "$scratch/url.cpp.orig"
printf '#include "upload/file_status.hpp"\n' >> "$src/lib/http/url.cpp"
build_fails "lib/http/url.cpp including upload/file_status.hpp" "$(not_found upload/file_status.hpp)" -C "$http_objects" url.cpp.o
cp "$scratch/url.cpp.orig" "$src/lib/http/url.cpp"

# 2. An http header that no http .cpp includes, only upper layers, includes api (above http).
cp "$src/lib/http/transport_options.hpp" "$scratch/transport_options.hpp.orig"
printf '#include "api/paginate.hpp"\n' >> "$src/lib/http/transport_options.hpp"
build_fails "lib/http/transport_options.hpp including api/paginate.hpp" "$(not_found api/paginate.hpp)" -C "$http_objects" "$header_object"
cp "$scratch/transport_options.hpp.orig" "$src/lib/http/transport_options.hpp"

# 3. An include that climbs out of the folder with "..".
printf '#include "../status/upload_status.hpp"\n' >> "$src/lib/http/url.cpp"
build_fails "lib/http/url.cpp including ../status/upload_status.hpp" "must not use '..'" -C "$build" bmx-include-paths
cp "$scratch/url.cpp.orig" "$src/lib/http/url.cpp"

exit $((failures > 0))
