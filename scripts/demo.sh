#!/usr/bin/env bash
# The README's demo command: installs, builds, starts the local dev server (a test double of the
# BlueMoxon API) and runs the main job against it: a request, then a book's photos in one upload.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
source scripts/lib/release_build.sh
configure_release_build
cmake --build build -j "$(nproc)" --target bmx-api bmx-devserver bmx-demo-photos

work=$(mktemp -d)
trap 'kill "$server_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
./build/tests/devserver/bmx-devserver --port 0 --key demo-key --exit-after-seconds 300 > "$work/server.out" &
server_pid=$!
for _ in $(seq 1 100); do grep -q listening "$work/server.out" 2>/dev/null && break; sleep 0.05; done
base_url="$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$work/server.out")/api/v1"
export BMX_BASE_URL="$base_url" BMX_API_KEY=demo-key
echo "== dev server (test double) at $BMX_BASE_URL"

echo "== bmx-api GET /books/1"
./build/cli/bmx-api GET /books/1
echo

./build/tests/bmx-demo-photos "$work/photos"
echo "== bmx-api upload 1 $work/photos"
status=0
./build/cli/bmx-api upload 1 "$work/photos" || status=$?
echo "== exit code $status (4: some files failed locally and were not sent; the rest were uploaded)"
