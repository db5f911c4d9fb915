#!/usr/bin/env bash
# `cmake --install BUILD_DIR` into a scratch DESTDIR, once with prefix /usr/local and once with
# /usr (the .deb's), and checks that each file lands where Debian 12's bash-completion, zsh,
# fish and man look for it. Usage: install_layout_test.sh BUILD_DIR
set -euo pipefail
build=$1
scratch=$(mktemp -d "${TMPDIR:-/tmp}/bmx-install-XXXXXX")
trap 'rm -rf "$scratch"' EXIT
failed=0

expect() {  # expect ROOT PATH...: each PATH exists under ROOT
    local root=$1 path
    shift
    for path; do
        if [[ -e $root$path ]]; then echo "ok: $path"; else echo "MISSING: $path"; failed=1; fi
    done
}

for prefix in /usr/local /usr; do
    root=$scratch/$prefix
    DESTDIR=$root cmake --install "$build" --prefix "$prefix" > "$scratch/install.log"
    echo "== prefix $prefix"
    expect "$root" "$prefix/bin/bmx-api" "$prefix/share/man/man1/bmx-api.1.gz" \
        "$prefix/share/bash-completion/completions/bmx-api" "$prefix/share/fish/vendor_completions.d/bmx-api.fish" \
        "$prefix/share/doc/bmx-api/copyright" "$prefix/share/doc/bmx-api/changelog.gz"
    if [[ $prefix == /usr ]]; then
        expect "$root" /usr/share/zsh/vendor-completions/_bmx-api
    else
        expect "$root" /usr/local/share/zsh/site-functions/_bmx-api
    fi
    # Nothing else: a file outside these places is one no tool finds.
    unexpected=$(cd "$root" && find . -type f | sed 's/^\.//' | grep -v -e '/bin/bmx-api$' -e '/man1/bmx-api.1.gz$' \
        -e '/bash-completion/completions/bmx-api$' -e '/vendor_completions.d/bmx-api.fish$' -e '/_bmx-api$' \
        -e '/doc/bmx-api/copyright$' -e '/doc/bmx-api/changelog.gz$' || true)
    if [[ -n $unexpected ]]; then echo "UNEXPECTED: $unexpected"; failed=1; fi
done

# The shells' own search paths on this machine, where they are installed.
if command -v zsh > /dev/null; then
    fpath=$(zsh -fc 'print -l $fpath')
    for dir in /usr/local/share/zsh/site-functions /usr/share/zsh/vendor-completions; do
        if grep -qx "$dir" <<< "$fpath"; then echo "ok: zsh searches $dir"; else echo "zsh does not search $dir"; failed=1; fi
    done
fi
if command -v fish > /dev/null; then
    paths=$(env -u XDG_DATA_DIRS HOME="$scratch" fish -c 'printf "%s\n" $fish_complete_path')
    if grep -qx /usr/share/fish/vendor_completions.d <<< "$paths"; then echo "ok: fish searches /usr/share/fish/vendor_completions.d"
    else echo "fish does not search /usr/share/fish/vendor_completions.d"; failed=1; fi
    paths=$(XDG_DATA_DIRS=/usr/local/share:/usr/share HOME="$scratch" fish -c 'printf "%s\n" $fish_complete_path')
    if grep -qx /usr/local/share/fish/vendor_completions.d <<< "$paths"; then
        echo "ok: fish searches /usr/local/share/fish/vendor_completions.d (with /usr/local/share on XDG_DATA_DIRS)"
    else echo "fish does not search /usr/local/share/fish/vendor_completions.d"; failed=1; fi
fi
exit $failed
