#!/usr/bin/env bash
# Two builds of the checker against different LLVM versions (build/ with 19, build-22/ with
# 22) must find the same things: runs both over every corpus file, with the file's
# RUN-ARGS as the corpus runner does, and compares the findings (JSON: rule, place,
# message, notes, fix-its, confidence), the checker's own notes on standard error
# ("function 'f' was not analysed") and the exit code. Clang's compile errors are not
# compared: their wording is Clang's and changes between versions.
#
#   scripts/compare-llvm-builds.sh BUILD_A BUILD_B [CORPUS_DIR]
#
# A difference that a version of Clang explains (it parses or models something otherwise)
# belongs in the corpus file, as an expectation for that version. A file that needs a newer
# Clang than one of the builds (`// REQUIRES-CLANG: 20`: an attribute Clang 19 ignores) is
# not compared: the corpus runner skips it on the older one.
set -uo pipefail
[ $# -ge 2 ] || { echo "usage: $0 BUILD_A BUILD_B [CORPUS_DIR]" >&2; exit 2; }
a=$1/bin/ownership-checker
b=$2/bin/ownership-checker
corpus=${3:-"$(cd "$(dirname "$0")/.." && pwd)/test-corpus"}
for t in "$a" "$b"; do
  [ -x "$t" ] || { echo "error: $t is missing (build it first)" >&2; exit 2; }
done
version() { "$1" --version | sed -n 's/.*built with LLVM \([0-9.]*\).*/\1/p'; }
va=$(version "$a")
vb=$(version "$b")

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# run TOOL FILE ARGS... > the findings, the checker's notes and the exit code.
run() {
  local tool=$1 file=$2
  shift 2
  "$tool" --no-cache --color=never --format=json "$file" -- "$@" >"$out/json" 2>"$out/err"
  local rc=$?
  cat "$out/json"
  grep -E ': note: function .* was not analysed|\[ownership-' "$out/err"
  echo "exit code $rc"
}

files=0
differ=0
while IFS= read -r -d '' f; do
  needs=$(sed -n 's|.*// REQUIRES-CLANG: *\([0-9]*\).*|\1|p' "$f" | head -n 1)
  if [ -n "$needs" ] && { [ "${va%%.*}" -lt "$needs" ] || [ "${vb%%.*}" -lt "$needs" ]; }; then
    continue
  fi
  args=$(sed -n 's|.*// RUN-ARGS: *||p' "$f" | head -n 1)
  [ -n "$args" ] || { case "$f" in *.c) args="-std=c11" ;; *) args="-std=c++17" ;; esac; }
  # shellcheck disable=SC2086
  run "$a" "$f" $args >"$out/a"
  # shellcheck disable=SC2086
  run "$b" "$f" $args >"$out/b"
  if ! cmp -s "$out/a" "$out/b"; then
    echo "${f#"$corpus"/}: LLVM $va and LLVM $vb differ (< $va, > $vb):"
    diff "$out/a" "$out/b" | head -40
    differ=$((differ + 1))
  fi
  files=$((files + 1))
done < <(find "$corpus" \( -name '*.cpp' -o -name '*.c' \) -print0 | sort -z)

[ "$files" -gt 0 ] || { echo "error: no .cpp or .c file under $corpus" >&2; exit 2; }
if [ "$differ" -ne 0 ]; then
  echo "$differ of $files corpus files give different findings with LLVM $va and LLVM $vb"
  exit 1
fi
echo "LLVM $va and LLVM $vb: the same findings on all $files corpus files"
