# Fix-its: --fix edits the file in place, --export-fixes writes clang-tidy's YAML that
# clang-apply-replacements applies, and SARIF carries the fix. Exercised with the fix
# of ownership-mismatched-dealloc ('delete' -> 'delete[]').
source "$(dirname "$0")/lib.sh" "$1"

if ! "$CHECKER" --list-checks | grep -q 'ownership-mismatched-dealloc'; then
  echo "SKIPPED: ownership-mismatched-dealloc is not registered in this build"
  exit 77
fi
FIXED="$TMP/expected.cpp"
sed 's/^  delete Data;$/  delete[] Data;/' "$INPUTS/fix.cpp" >"$FIXED"
cmp -s "$FIXED" "$INPUTS/fix.cpp" && fail "test setup: nothing to fix"

# --fix
cp "$INPUTS/fix.cpp" "$TMP/a.cpp"
run "$CHECKER" --fix "$TMP/a.cpp" -- -std=c++17
expect_rc 1 "--fix reports what it fixed"
expect_out "a.cpp:5:3: warning: .*\[ownership-mismatched-dealloc\]" "--fix finding"
expect_err "applied the fix-its of 1 finding" "--fix says what it did"
cmp -s "$FIXED" "$TMP/a.cpp" || fail "--fix result: $(diff "$FIXED" "$TMP/a.cpp")"
run "$CHECKER" "$TMP/a.cpp" -- -std=c++17
expect_rc 0 "the fixed file is clean"

# --export-fixes, applied by clang-apply-replacements
mkdir -p "$TMP/fixes"
cp "$INPUTS/fix.cpp" "$TMP/b.cpp"
run "$CHECKER" --export-fixes="$TMP/fixes/b.yaml" "$TMP/b.cpp" -- -std=c++17
expect_rc 1 "--export-fixes"
cmp -s "$INPUTS/fix.cpp" "$TMP/b.cpp" || fail "--export-fixes must not edit the file"
grep -q "DiagnosticName: *ownership-mismatched-dealloc" "$TMP/fixes/b.yaml" || fail "YAML lacks the diagnostic"
if need_llvm_tool OWNERSHIP_CLANG_APPLY_REPLACEMENTS; then
  "$OWNERSHIP_CLANG_APPLY_REPLACEMENTS" "$TMP/fixes" || fail "clang-apply-replacements failed"
  cmp -s "$FIXED" "$TMP/b.cpp" || fail "applied YAML: $(diff "$FIXED" "$TMP/b.cpp")"
fi

# SARIF carries the same edit.
run "$CHECKER" --format=sarif "$INPUTS/fix.cpp" -- -std=c++17
python3 - "$TMP/out" "$INPUTS/fix.cpp" <<'PY' || fail "SARIF fix"
import json, sys
d = json.load(open(sys.argv[1]))
[res] = [r for r in d["runs"][0]["results"] if r["ruleId"] == "ownership-mismatched-dealloc"]
[change] = res["fixes"][0]["artifactChanges"]
[rep] = change["replacements"]
text = open(sys.argv[2], "rb").read()
off = rep["deletedRegion"]["byteOffset"]
fixed = text[:off] + rep["insertedContent"]["text"].encode() + text[off + rep["deletedRegion"]["byteLength"]:]
assert b"  delete[] Data;\n}\n\nvoid alreadyRight" in fixed, fixed
PY

# An unwritable --export-fixes fails before any analysis.
run "$CHECKER" --export-fixes=/nonexistent/dir/f.yaml "$INPUTS/fix.cpp" -- -std=c++17
expect_rc 2 "unwritable --export-fixes"
expect_one_error_line "unwritable --export-fixes"

finish
