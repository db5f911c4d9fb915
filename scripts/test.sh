#!/usr/bin/env bash
# The README's test command: installs the packages, builds, and runs the whole suite with ctest.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
source scripts/lib/release_build.sh
configure_release_build
cmake --build build -j "$(nproc)"
ctest --test-dir build --output-on-failure -j "$(nproc)" --timeout 300
