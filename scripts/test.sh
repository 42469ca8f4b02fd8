#!/usr/bin/env bash
# The whole test suite: unit tests, the corpus, and the other checks registered with
# CTest. Installs what is missing and builds first.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
cd build
ctest --output-on-failure -j "$(nproc)" "$@"
