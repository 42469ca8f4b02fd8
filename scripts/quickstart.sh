#!/usr/bin/env bash
# Quick start: install what is missing, build, and run the checker on the lecture's
# orders example. The checker exits 1 there, because it finds the bug it should.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
echo
echo "$ build/bin/ownership-checker test-corpus/ownership-use-after-move/orders.cpp -- -std=c++17"
build/bin/ownership-checker test-corpus/ownership-use-after-move/orders.cpp -- -std=c++17 || [ $? -eq 1 ]
