#!/usr/bin/env bash
# The whole test suite: unit tests, the corpus, robustness and docs checks registered with
# CTest, against LLVM 19 (build/) and again against LLVM 22 (build-22/); then a comparison
# of the two builds' findings on the corpus; then the corpus again through an
# AddressSanitizer+UBSan build (LLVM 19). Installs what is missing and builds first.
#
#   scripts/test.sh [--quick] [CTEST ARGS...]
#
# --quick skips the sanitizer stage; CTEST ARGS (e.g. -R corpus) go to both ctest runs.
set -euo pipefail
cd "$(dirname "$0")/.."
quick=0
if [ "${1:-}" = "--quick" ]; then quick=1; shift; fi
jobs=$(nproc)

scripts/install-deps.sh 19 22
scripts/build.sh 19
(cd build && ctest --output-on-failure -j "$jobs" "$@")

echo "== the same against LLVM 22 (build-22/)"
scripts/build.sh 22
# bench/smoke only checks that the benchmark script runs; it measures the LLVM 19 build.
(cd build-22 && ctest --output-on-failure -j "$jobs" -LE bench "$@")
scripts/compare-llvm-builds.sh build build-22

if [ $quick -eq 0 ]; then
  echo "== corpus under AddressSanitizer and UndefinedBehaviorSanitizer (build-asan/)"
  [ -f build-asan/build.ninja ] ||
    cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DOWNERSHIP_SANITIZE=ON >/dev/null
  ninja -C build-asan ownership-checker corpus-runner
  # Any sanitizer report makes the checker exit non-zero with the report on stderr, which
  # the corpus runner prints and counts as a failure.
  export ASAN_OPTIONS=halt_on_error=1:exitcode=3
  export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:exitcode=3
  (cd build-asan && ctest --output-on-failure -j "$jobs" -L corpus)
fi
