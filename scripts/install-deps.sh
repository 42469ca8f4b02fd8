#!/usr/bin/env bash
# Installs, from Debian's packages, what building and testing ownership-checker needs and
# the machine lacks. Safe to run again: it installs nothing that is already there.
set -euo pipefail

packages=(
  llvm-19-dev libclang-19-dev libclang-cpp19-dev clang-19 clang-tidy-19  # LibTooling
  libfmt-dev libgtest-dev libgmock-dev                                   # fmt, GoogleTest
  cmake ninja-build                                                      # build
  python3-sphinx                                                         # docs
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "installing: ${missing[*]}"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
