#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each for SECONDS (default 60), seeded with
# fixtures made by code. Usage: scripts/fuzz.sh [SECONDS]. Crashes land in build-san/findings/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
build="${BMX_SAN_BUILD:-build-san}"

# The same build directory and flags as scripts/sanitize.sh, so CI compiles the library once.
source scripts/lib/sanitizer_build.sh
configure_sanitizer_build "$build"
cmake --build "$build" -j "$(nproc)" --target bmx-fuzz_thumbnail bmx-fuzz_exif bmx-fuzz_config bmx-fuzz_response bmx-fuzz_upload_answer \
  bmx-demo-photos

seeds=$build/seeds
rm -rf "$seeds" && mkdir -p "$seeds/thumbnail" "$seeds/exif" "$seeds/config" "$seeds/response" "$seeds/upload_answer" $build/findings
"$build"/tests/bmx-demo-photos "$seeds/thumbnail" > /dev/null
# EXIF blocks: both byte orders, an orientation tag, and a truncated one.
printf 'Exif\0\0II*\0\x08\0\0\0\x01\0\x12\x01\x03\0\x01\0\0\0\x06\0\0\0' > "$seeds/exif/le-orientation-6"
printf 'Exif\0\0MM\0*\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01\0\x08\0\0' > "$seeds/exif/be-orientation-8"
printf 'Exif\0\0II*\0\xff\xff\0\0' > "$seeds/exif/bad-offset"
printf 'tk_live_key\n' > "$seeds/config/key-lf"
printf '\xef\xbb\xbftk_live_key\r\n' > "$seeds/config/key-bom-crlf"
printf 'https://qa.example.test/api/v1\n' > "$seeds/config/url"
printf '{"title": "Middlemarch", "year": 1871}' > "$seeds/config/json"
# Answers: two status bytes (0x00 0x64 is 200, 0x01 0x2c is 400), header lines, a blank line, a body.
printf '\x00\x64Content-Type: application/json\n\n{"items":[{"id":1}],"total":1,"page":1,"per_page":20,"pages":1}' > "$seeds/response/page"
printf '\x00\x65\n{"id":41,"display_order":0,"is_primary":true,"duplicate":false}' > "$seeds/response/upload-201"
printf '\x01\x2cX-BMX-Warning: slow\n\n{"detail":[{"loc":["body","title"],"msg":"field required","type":"value_error"}]}' > "$seeds/response/422"
printf '\x00\x64\n[{"id":7,"display_order":0,"is_primary":true},{"id":9,"display_order":1}]' > "$seeds/response/listing"
printf '\x01\x93Retry-After: 2\n\n{"detail":"\x1b]0;t\x07 tk_fuzz_secret"}' > "$seeds/response/503-echo"
# Upload answers: a raw body (first byte even) or a recipe for an object (odd), then a status byte.
printf '\x00\x01{"id":41,"url":"https://cdn.test/41.jpg","thumbnail_url":null,"image_type":"cover","is_primary":true,"thumbnail_status":"generated","duplicate":false}' > "$seeds/upload_answer/raw-201"
printf '\x00\x01{"id":"41"}' > "$seeds/upload_answer/raw-string-id"
printf '\x00\x00{"id":9223372036854775808}' > "$seeds/upload_answer/raw-id-over"
printf '\x01\x01\x05\x02\x03\x07\x00\x09\x01\x01\x03\x0b\x05hello' > "$seeds/upload_answer/recipe"

# Two targets at a time, one a core: each is a single libFuzzer process.
fuzz_one() {
  local target=$1 log="$build/findings/$1.log"
  if ! "$build"/tests/fuzz/bmx-fuzz_$target -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -artifact_prefix="$build/findings/$target-" "$seeds/$target" > "$log" 2>&1; then
    echo "fuzz_$target FOUND A PROBLEM:"; tail -40 "$log"; return 1
  fi
  echo "== fuzz_$target for ${seconds}s: $(grep -E '^#[0-9]+.*DONE' "$log" | tail -1 || tail -1 "$log")"
}
status=0
targets=(thumbnail exif config response upload_answer)
for ((i = 0; i < ${#targets[@]}; i += 2)); do
  pids=()
  for target in "${targets[@]:i:2}"; do fuzz_one "$target" & pids+=($!); done
  for pid in "${pids[@]}"; do wait "$pid" || status=1; done
done
exit $status
