#!/usr/bin/env bash
# Installs the Debian 12 packages bmx-api builds, tests and benchmarks with, those not yet
# installed (dpkg-query). Nothing is vendored.
set -euo pipefail

packages=(
  # toolchain
  g++ cmake make pkg-config
  # the library and the CLI
  libcli11-dev libcurl4-openssl-dev nlohmann-json3-dev libstb-dev libfmt-dev libssl-dev
  libturbojpeg0-dev libjpeg62-turbo-dev libwebp-dev zlib1g-dev libjq-dev
  # tests: doctest, the dev server and fault peer (zlib, above, also makes its gzip bomb), man-page lint,
  # the completions in the real shells
  doctest-dev libcpp-httplib-dev man-db bash-completion zsh fish
  # the CI-report tests read JUnit files back with junitparser
  python3 python3-junitparser
  # the Debian package (scripts/package.sh): dpkg-shlibdeps, and lintian to check the .deb
  dpkg-dev file lintian
  # hardening: libFuzzer and the sanitizers' runtime
  clang libclang-rt-14-dev
)
if [ "${1:-}" = "--bench" ]; then
  # the peers the benchmarks compare against
  packages+=(libvips-tools python3-pil curl)
fi

# Only what is missing: on a machine that has every package, nothing needs root or the network.
missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}\n' "$package" 2>/dev/null | grep -q '^install ok installed$'; then
    missing+=("$package")
  fi
done
if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages are installed"
  exit 0
fi
echo "install-deps: installing ${#missing[@]} missing package(s): ${missing[*]}"

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
export DEBIAN_FRONTEND=noninteractive
sudo_if_needed apt-get update -q
sudo_if_needed apt-get install -y -q --no-install-recommends "${missing[@]}"
