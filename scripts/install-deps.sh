#!/usr/bin/env bash
# Installs, from Debian's packages, what building and testing ownership-checker needs and
# the machine lacks. Safe to run again: it installs nothing that is already there.
#
#   scripts/install-deps.sh [LLVM_VERSION...]   (default: 19; scripts/test.sh asks for 19 22)
set -euo pipefail

versions=("$@")
[ ${#versions[@]} -ne 0 ] || versions=(19)
packages=(
  libfmt-dev libgtest-dev libgmock-dev                                   # fmt, GoogleTest
  catch2                                                                 # the corpus's Catch2 assertions
  cmake ninja-build                                                      # build
  python3-sphinx                                                         # docs
  dpkg-dev file                                                          # the Debian package (CPack's dpkg-shlibdeps)
  make bear                                                              # the guide's Make + bear recipe
)
for v in "${versions[@]}"; do
  case "$v" in
    19 | 22) ;;
    *) echo "install-deps.sh: error: LLVM $v is not supported (19 or 22)" >&2; exit 2 ;;
  esac
  packages+=(llvm-$v-dev libclang-$v-dev libclang-cpp$v-dev clang-$v clang-tidy-$v  # LibTooling
             clang-tools-$v)                                        # clang-apply-replacements (fix-it tests)
done

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
