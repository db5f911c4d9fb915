#!/usr/bin/env bash
# Rewrites completions/ from the CLI's own definition (`bmx-api completion SHELL`), after a change
# to the CLI's commands or options. A test fails while the committed files are out of step.
# Usage: scripts/update-completions.sh [path/to/bmx-api]   (default: builds build/cli/bmx-api)
set -euo pipefail
cd "$(dirname "$0")/.."
bmx=${1:-}
if [[ -z $bmx ]]; then
    [[ -f build/CMakeCache.txt ]] || cmake -S . -B build -DCMAKE_BUILD_TYPE=Release > /dev/null
    cmake --build build -j "$(nproc)" --target bmx-api > /dev/null
    bmx=build/cli/bmx-api
fi
"$bmx" completion bash > completions/bmx-api.bash
"$bmx" completion zsh > completions/_bmx-api
"$bmx" completion fish > completions/bmx-api.fish
git --no-pager diff --stat -- completions/ 2> /dev/null || true
