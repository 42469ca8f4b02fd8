#!/usr/bin/env bash
# Installs, from Debian's packages, what building and testing ownership-checker needs and
# the machine lacks. Safe to run again: it installs nothing that is already there.
set -euo pipefail

packages=(
  llvm-19-dev libclang-19-dev libclang-cpp19-dev clang-19 clang-tidy-19  # LibTooling
  libfmt-dev libgtest-dev libgmock-dev                                   # fmt, GoogleTest
  cmake ninja-build                                                      # build
  clang-tools-19                                                         # clang-apply-replacements (fix-it tests)
  python3-sphinx                                                         # docs
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -ne 0 ]; then
  echo "installing: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Microsoft's SARIF validator, for the SARIF output tests. The npm package ships a
# self-contained binary; it is unpacked into a cache outside the repository, where
# test-cli/CMakeLists.txt looks for it. Set OWNERSHIP_SKIP_SARIF_VALIDATOR=1 to skip.
sarif_dir="${XDG_CACHE_HOME:-$HOME/.cache}/ownership-checker/sarif-multitool"
if [ -z "${OWNERSHIP_SKIP_SARIF_VALIDATOR:-}" ] && [ ! -x "$sarif_dir/Sarif.Multitool" ]; then
  if ! command -v npm >/dev/null; then
    echo "install-deps: npm is missing; the SARIF validation tests will fail" >&2
  else
    echo "installing: @microsoft/sarif-multitool-linux (into $sarif_dir)"
    tmp="$(mktemp -d)"
    (cd "$tmp" && npm pack --silent @microsoft/sarif-multitool-linux >/dev/null &&
       tar -xzf microsoft-sarif-multitool-linux-*.tgz)
    mkdir -p "$sarif_dir"
    cp -r "$tmp"/package/. "$sarif_dir"/
    bin="$(find "$sarif_dir" -name Sarif.Multitool -type f | head -n 1)"
    chmod +x "$bin"
    [ "$bin" = "$sarif_dir/Sarif.Multitool" ] || ln -sf "$bin" "$sarif_dir/Sarif.Multitool"
    rm -rf "$tmp"
  fi
fi
