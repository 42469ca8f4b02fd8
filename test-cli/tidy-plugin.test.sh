# The clang-tidy plugin reports what the standalone tool reports: over every corpus
# file, the same ownership-* warnings and notes, at the same places, with the same text.
# Also: NOLINT works through clang-tidy's own handling, and --fix applies our fix-its.
source "$(dirname "$0")/lib.sh" "$1"

PLUGIN="$BIN/../lib/libOwnershipTidyModule.so"
[ -f "$PLUGIN" ] || { fail "plugin not built at $PLUGIN"; finish; }
need_llvm_tool OWNERSHIP_CLANG_TIDY || finish
TIDY="$OWNERSHIP_CLANG_TIDY"

# The plugin loads into the clang-tidy of the LLVM version it was built against, which is
# the one this test runs (with LLVM 19 and with 22, in build/ and build-22/).
run "$TIDY" --version
expect_out "LLVM version ${OWNERSHIP_LLVM_VERSION}\\." "clang-tidy of the build's LLVM version"
run "$CHECKER" --version
expect_out "built with LLVM ${OWNERSHIP_LLVM_VERSION}\\." "the tool's LLVM version"

# diagnostics FILE: the ownership-* warnings (as "warning") and their notes, sorted.
diagnostics() {
  sed -E 's/\x1b\[[0-9;]*m//g' "$1" |
    grep -E '^[^ ].*:[0-9]+:[0-9]+: (warning|error|note): ' |
    grep -v ': note: expanded from macro ' | # clang-tidy adds these; the tool does not
    awk '/: (warning|error): .*\[ownership-[a-z0-9-]+\]$/ { keep = 1; sub(/: error: /, ": warning: "); print; next }
         /: (warning|error): / { keep = 0; next }
         keep { print }' | sort
}

run "$TIDY" --load="$PLUGIN" --list-checks --checks='-*,ownership-*'
tidy_checks="$(grep -oE 'ownership-[a-z0-9-]+' <<<"$OUT" | sort | tr '\n' ' ')"
tool_checks="$("$CHECKER" --list-checks | grep -oE 'ownership-[a-z0-9-]+' | sort | tr '\n' ' ')"
[ "$tidy_checks" = "$tool_checks" ] || fail "check lists differ: tidy '$tidy_checks', tool '$tool_checks'"

files=0
while IFS= read -r -d '' f; do
  args="$(sed -n 's|.*// RUN-ARGS: *||p' "$f" | head -n 1)"
  [ -n "$args" ] || { case "$f" in *.c) args="-std=c11" ;; *) args="-std=c++17" ;; esac; }
  # shellcheck disable=SC2086
  "$CHECKER" --color=never "$f" -- $args >"$TMP/tool.txt" 2>/dev/null
  # shellcheck disable=SC2086
  "$TIDY" --load="$PLUGIN" --checks='-*,ownership-*' --quiet "$f" -- $args >"$TMP/tidy.txt" 2>/dev/null
  diagnostics "$TMP/tool.txt" >"$TMP/tool.d"
  diagnostics "$TMP/tidy.txt" >"$TMP/tidy.d"
  if ! cmp -s "$TMP/tool.d" "$TMP/tidy.d"; then
    fail "$f: plugin and tool differ (< tool, > clang-tidy):"$'\n'"$(diff "$TMP/tool.d" "$TMP/tidy.d")"
  fi
  files=$((files + 1))
done < <(find "$REPO/test-corpus" -name '*.cpp' -print0 -o -name '*.c' -print0 | sort -z)
echo "compared $files corpus files"
[ "$files" -gt 0 ] || fail "no corpus file found"

# clang-tidy's NOLINT applies to our checks.
cp "$INPUTS/uam.cpp" "$TMP/n.cpp"
sed -i 's|^  sink(Name);$|  sink(Name); // NOLINT(ownership-use-after-move)|' "$TMP/n.cpp"
run "$TIDY" --load="$PLUGIN" --checks='-*,ownership-*' --quiet "$TMP/n.cpp" -- -std=c++17
expect_no_out "ownership-use-after-move" "NOLINT through clang-tidy"

# --warnings-as-errors makes clang-tidy fail, as for its own checks.
run "$TIDY" --load="$PLUGIN" --checks='-*,ownership-*' --warnings-as-errors='ownership-*' --quiet \
  "$INPUTS/uam.cpp" -- -std=c++17
[ "$RC" -ne 0 ] || fail "--warnings-as-errors in clang-tidy: exit 0"
expect_out "uam.cpp:10:8: error: 'Name' used after it was moved \[ownership-use-after-move" "error in clang-tidy"

# clang-tidy's --system-headers: a filtered header reached through -isystem is analysed
# only then, as by the tool's --system-headers.
for sys in "" --system-headers; do
  run "$TIDY" --load="$PLUGIN" --checks='-*,ownership-*' --header-filter='vendored/' $sys --quiet \
    "$INPUTS/vendored/user.cpp" -- -std=c++17 -isystem "$INPUTS/vendored/include"
  if [ -n "$sys" ]; then
    expect_out "queue.h:9:3: warning: memory owned by 'P' is released twice" "clang-tidy $sys"
  else
    expect_no_out "ownership-double-free" "clang-tidy without --system-headers"
  fi
done

# clang-tidy --fix applies our fix-its.
if "$CHECKER" --list-checks | grep -q ownership-mismatched-dealloc; then
  cp "$INPUTS/fix.cpp" "$TMP/f.cpp"
  "$TIDY" --load="$PLUGIN" --checks='-*,ownership-mismatched-dealloc' --fix --quiet "$TMP/f.cpp" -- -std=c++17 \
    >/dev/null 2>&1
  grep -q '^  delete\[\] Data;$' "$TMP/f.cpp" && [ "$(grep -c 'delete\[\]' "$TMP/f.cpp")" -eq 2 ] ||
    fail "clang-tidy --fix did not apply the fix-it: $(cat "$TMP/f.cpp")"
fi

finish
