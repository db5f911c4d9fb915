#!/usr/bin/env bash
# scripts/install-deps.sh installs only what is missing: with every package installed it never
# runs apt-get (here an apt-get and a sudo that fail and leave a mark), and with one missing it
# asks apt-get for that package alone.
# Usage: install_deps_offline_test.sh SOURCE_DIR
set -euo pipefail
source_dir=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin"
for tool in apt-get sudo; do
  printf '#!/bin/sh\necho "%s $*" >> "%s/called"\nexit 100\n' "$tool" "$work" > "$work/bin/$tool"
  chmod +x "$work/bin/$tool"
done

# 1. Everything installed (this machine built the project with them): no apt-get at all.
if ! PATH="$work/bin:$PATH" bash "$source_dir/scripts/install-deps.sh" > "$work/out" 2>&1; then
  echo "FAIL: install-deps.sh failed with every package installed:"; cat "$work/out"; exit 1
fi
grep -q "all [0-9]* packages are installed" "$work/out" || { echo "FAIL: no summary line:"; cat "$work/out"; exit 1; }
if [ -e "$work/called" ]; then echo "FAIL: apt-get or sudo ran:"; cat "$work/called"; exit 1; fi

# 2. One package reported missing by dpkg-query: apt-get is asked for it alone (and fails here).
real_dpkg_query=$(command -v dpkg-query)
cat > "$work/bin/dpkg-query" <<SCRIPT
#!/bin/sh
for word in "\$@"; do [ "\$word" = zsh ] && exit 1; done
exec "$real_dpkg_query" "\$@"
SCRIPT
chmod +x "$work/bin/dpkg-query"
if PATH="$work/bin:$PATH" bash "$source_dir/scripts/install-deps.sh" > "$work/out" 2>&1; then
  echo "FAIL: install-deps.sh succeeded though apt-get failed"; exit 1
fi
grep -q "installing 1 missing package(s): zsh" "$work/out" || { echo "FAIL: missing package not named:"; cat "$work/out"; exit 1; }
grep -q "apt-get update" "$work/called" || { echo "FAIL: apt-get update not run:"; cat "$work/called"; exit 1; }
echo "ok"
