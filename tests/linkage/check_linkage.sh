#!/usr/bin/env bash
# bmx-api links libcurl and libcrypto like any Debian tool (so dpkg-shlibdeps and ldd see them)
# and defines none of their functions itself.
# Usage: check_linkage.sh BMX_API_BINARY
set -euo pipefail
binary=$1
status=0

needed=$(readelf --dynamic --wide "$binary" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
resolved=$(ldd "$binary")
for library in libcurl.so.4 libcrypto.so.3; do
  if ! grep -qx "$library" <<<"$needed"; then
    echo "FAIL: $binary does not list $library as NEEDED; it has: $(tr '\n' ' ' <<<"$needed")"
    status=1
  fi
  line=$(grep -F "$library =>" <<<"$resolved" || true)
  if [[ -z $line || $line == *"not found"* ]]; then
    echo "FAIL: ldd does not resolve $library for $binary: ${line:-absent}"
    status=1
  else
    echo "ok: ldd: $(sed 's/^[[:space:]]*//' <<<"$line")"
  fi
done

# Functions (T, W, i) defined in the binary under libcurl's or libcrypto's names.
defined=$(nm --defined-only "$binary" | awk '$2 ~ /^[TtWwi]$/ && $3 ~ /^(curl_|EVP_)/ {print $3}')
if [[ -n $defined ]]; then
  echo "FAIL: $binary defines library functions itself: $(tr '\n' ' ' <<<"$defined")"
  status=1
else
  echo "ok: nm: no curl_* or EVP_* function defined in $binary"
fi
exit $status
