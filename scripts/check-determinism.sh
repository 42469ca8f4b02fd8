#!/usr/bin/env bash
# The same input must give byte-identical output, whatever the order of the files on the
# command line: runs the checker over every corpus file twice, forwards and backwards,
# and compares. The result cache is bypassed: the analysis itself is under test.
set -uo pipefail
tool=$1
corpus=$2
mapfile -t files < <(find "$corpus" -name '*.cpp' | LC_ALL=C sort)
[ ${#files[@]} -gt 0 ] || { echo "error: no .cpp files under $corpus" >&2; exit 2; }
mapfile -t reversed < <(printf '%s\n' "${files[@]}" | tac)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$tool" --no-cache --color=never "${files[@]}" -- -std=c++20 >"$out/forward" 2>/dev/null
"$tool" --no-cache --color=never "${reversed[@]}" -- -std=c++20 >"$out/backward" 2>/dev/null
if ! cmp -s "$out/forward" "$out/backward"; then
  echo "output differs with the order of the input files:"
  diff "$out/forward" "$out/backward" | head -20
  exit 1
fi
[ -s "$out/forward" ] || { echo "error: no findings at all on $corpus; nothing was compared" >&2; exit 1; }
echo "determinism: ${#files[@]} files, $(grep -c ': warning: ' "$out/forward") findings, identical both ways"
