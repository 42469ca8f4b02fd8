#!/usr/bin/env bash
# bench/run.sh - times ownership-checker against clang-19 -fsyntax-only, clang-tidy-19 and
# clang-19 --analyze, side by side over the same files (googletest's sources and the
# header-heavy TUs in bench/tus/), then run-checker.sh -j1 against -jN, then the analysis of
# generated stress functions as they double.
#
#   bench/run.sh [--checker PATH] [--reps N] [--only real|parallel|stress] [--per-file]
#                [--log FILE] [--stress-scales 1,2,4,8] [--baseline PATH] [--checkers-only]
#   --baseline PATH    an earlier ownership-checker build, timed beside --checker on the
#                      real corpus (file by file, alternating), with the findings compared
#   --checkers-only    real corpus: only clang -fsyntax-only and the checker build(s)
#   bench/run.sh --smoke        one small file, one repetition: checks that the script runs
#
# Installs the Debian packages it needs when they are missing (not in --smoke mode).
# Build a Release tree for measurements:
#   cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release && ninja -C build-bench
#   bench/run.sh --checker build-bench/bin/ownership-checker
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

smoke=0
for a in "$@"; do [ "$a" = "--smoke" ] && smoke=1; done

if [ "$smoke" -eq 0 ]; then
  packages=(clang-19 clang-tidy-19 time python3 googletest
            nlohmann-json3-dev libspdlog-dev libfmt-dev libboost-dev llvm-19-dev)
  missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing: ${missing[*]}"
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1)," \
     "$(free -g | awk '/^Mem:/{print $2}') GiB memory, load average $(cut -d' ' -f1-3 /proc/loadavg)"
exec python3 -u "$here/bench.py" "$@"
