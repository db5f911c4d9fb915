#!/usr/bin/env bash
# Benchmarks `bmx-api thumbnail` against vipsthumbnail and Pillow on the same machine in one
# run. The headline: 12 camera JPEGs (12 MP) in one bmx-api process against one vipsthumbnail
# process over the same files. Then ms per single 12-MP JPEG with its start-up share, mixed-batch
# throughput for --jobs 1 and 2, peak RSS for 100 vs 10 files, and PSNR against Pillow's
# thumbnail. Builds nothing: pass a Release-built bmx-api.
#
#   bench/thumbnail_bench.sh [path/to/bmx-api]      (default ./build-release/cli/bmx-api)
#
# Needs /usr/bin/python3 with Pillow (python3-pil) and, for its column, vipsthumbnail
# (libvips-tools). BENCH_ROUNDS (default 15) sets the single-file runs per tool, BENCH_CAMERA_ROUNDS
# (default 7) the rounds of the 12-file batch. A few minutes.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
bmx=${1:-./build-release/cli/bmx-api}
python=/usr/bin/python3  # Debian's python: the one python3-pil installs into

if [[ ! -x $bmx ]]; then
    echo "thumbnail_bench.sh: no bmx-api at $bmx; build one first:" >&2
    echo "  cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release && cmake --build build-release -j" >&2
    exit 2
fi
if ! "$python" -c 'import PIL' 2>/dev/null; then
    echo "thumbnail_bench.sh: $python cannot import PIL; apt-get install python3-pil" >&2
    exit 2
fi
command -v vipsthumbnail >/dev/null || echo "note: vipsthumbnail not found (apt-get install libvips-tools); its row is skipped" >&2

# The in-process engine timer, when the bench target was built next to bmx-api.
engine=$(dirname "$bmx")/../bench/bmx-bench-thumbnail

fixtures=$(mktemp -d "${TMPDIR:-/tmp}/bmx-bench-fixtures.XXXXXX")
trap 'rm -rf "$fixtures"' EXIT
echo "making fixtures in $fixtures ..." >&2
"$python" "$here/make_fixtures.py" "$fixtures"
"$python" "$here/thumbnail_bench.py" "$bmx" "$fixtures" "$engine"
