#!/usr/bin/env bash
# Configures (once) and builds ownership-checker with Ninja: against LLVM 19 into build/,
# or against another supported LLVM into build-<VERSION>/.
#
#   scripts/build.sh [LLVM_VERSION] [NINJA TARGETS...]
set -euo pipefail
cd "$(dirname "$0")/.."
version=${1:-19}
[ $# -eq 0 ] || shift
dir=build
[ "$version" = 19 ] || dir=build-$version
[ -f $dir/build.ninja ] ||
  cmake -S . -B $dir -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DOWNERSHIP_LLVM_VERSION="$version" >/dev/null
ninja -C $dir "$@"
