#!/usr/bin/env bash
# bench/precision/reductions.sh: compiles every reduction under reductions/ and runs the
# checker on it, one line each: the file, what it reduces (a false finding, or a pattern
# that is true but intended) and how many findings the checker prints on it today. A false
# reduction is fixed when it prints 0. Exit code 1 if a reduction does not compile.
#
#   bench/precision/reductions.sh [--checker PATH]
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
checker=""
while [ $# -gt 0 ]; do
  case "$1" in
    --checker) checker="${2:?--checker needs a path}"; shift 2 ;;
    --checker=*) checker="${1#--checker=}"; shift ;;
    -h|--help) sed -n '2,7s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "reductions.sh: error: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
if [ -z "$checker" ]; then
  # The same choice as run.py: build/ first, then the other build trees in byte order.
  for b in "$repo"/build/bin/ownership-checker $(LC_ALL=C; printf "%s\n" "$repo"/build-*/bin/ownership-checker | LC_ALL=C sort); do [ -x "$b" ] && { checker="$b"; break; }; done
fi
[ -x "$checker" ] || { echo "reductions.sh: error: no ownership-checker; pass --checker" >&2; exit 2; }

status=0
for f in $(ls "$here"/reductions/*.c "$here"/reductions/*.cpp 2>/dev/null | sort); do
  if [ "${f##*.}" = c ]; then compile=(clang-19 -fsyntax-only); flags=(-std=c11)
  else compile=(clang++-19 -std=c++17 -fsyntax-only); flags=(-std=c++17); fi
  if ! "${compile[@]}" "$f" 2>/dev/null; then
    echo "$(basename "$f"): does not compile"; status=1; continue
  fi
  kind=false
  grep -q 'True but intended' "$f" && kind=intended
  n="$("$checker" --no-cache "$f" -- "${flags[@]}" 2>/dev/null | grep -c ': warning: .*\[ownership-')"
  printf '%-56s %-8s %s finding(s)\n' "$(basename "$f")" "$kind" "$n"
done
exit $status
