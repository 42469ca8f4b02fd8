#!/usr/bin/env bash
# The whole test suite: unit tests, the corpus, robustness and docs checks registered with
# CTest; then the corpus again through an AddressSanitizer+UBSan build. Installs what is
# missing and builds first. `scripts/test.sh --quick` skips the sanitizer stage.
set -euo pipefail
cd "$(dirname "$0")/.."
quick=0
if [ "${1:-}" = "--quick" ]; then quick=1; shift; fi
jobs=$(nproc)

scripts/install-deps.sh
scripts/build.sh
(cd build && ctest --output-on-failure -j "$jobs" "$@")

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
