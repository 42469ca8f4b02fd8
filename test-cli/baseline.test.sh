# --write-baseline / --baseline: known findings are hidden, new ones shown, and the
# match survives edits that shift lines.
source "$(dirname "$0")/lib.sh" "$1"

mkdir -p "$TMP/src"
cp "$INPUTS/uam.cpp" "$TMP/src/a.cpp"
run "$CHECKER" --write-baseline="$TMP/baseline.json" "$TMP/src/a.cpp" -- -std=c++17
expect_rc 0 "write-baseline"
expect_err "recorded 1 finding" "write-baseline says what it did"
python3 - "$TMP/baseline.json" <<'PY' || fail "baseline content"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["findings"] == [{"rule": "ownership-use-after-move", "file": "src/a.cpp",
                          "function": "useAfterMove",
                          "message": "'Name' used after it was moved"}], d
PY

run "$CHECKER" --baseline="$TMP/baseline.json" "$TMP/src/a.cpp" -- -std=c++17
expect_rc 0 "known finding hidden"
[ -z "$OUT" ] || fail "known finding hidden: $OUT"

# Shift every line: still known.
{ printf '// a new header comment\n\n\n'; cat "$INPUTS/uam.cpp"; } >"$TMP/src/a.cpp"
run "$CHECKER" --baseline="$TMP/baseline.json" "$TMP/src/a.cpp" -- -std=c++17
expect_rc 0 "shifted lines: still hidden"

# A second copy of the bug in another function is new.
cat >>"$TMP/src/a.cpp" <<'CPP'
void anotherUseAfterMove() {
  std::string Name = "y";
  sink(std::move(Name));
  sink(Name);
}
CPP
run "$CHECKER" --baseline="$TMP/baseline.json" "$TMP/src/a.cpp" -- -std=c++17
expect_rc 1 "new finding shown"
expect_out "a.cpp:[0-9]+:8: warning: 'Name' used after" "new finding"
n="$(grep -c ': warning: ' <<<"$OUT")"
[ "$n" -eq 1 ] || fail "only the new finding should show, got $n"

# The baseline is relative to its own directory: moving the tree keeps it valid.
mv "$TMP/src" "$TMP/moved-src" && mkdir "$TMP/moved" && mv "$TMP/moved-src" "$TMP/moved/src"
cp "$TMP/baseline.json" "$TMP/moved/"
head -n 20 "$TMP/moved/src/a.cpp" >"$TMP/moved/src/a2.cpp" && mv "$TMP/moved/src/a2.cpp" "$TMP/moved/src/a.cpp"
run "$CHECKER" --baseline="$TMP/moved/baseline.json" "$TMP/moved/src/a.cpp" -- -std=c++17
expect_rc 0 "moved tree: still hidden"

run "$CHECKER" --baseline="$TMP/none.json" "$INPUTS/uam.cpp" -- -std=c++17
expect_rc 2 "missing baseline"
expect_one_error_line "missing baseline"
echo '{"version": 2}' >"$TMP/bad.json"
run "$CHECKER" --baseline="$TMP/bad.json" "$INPUTS/uam.cpp" -- -std=c++17
expect_rc 2 "malformed baseline"
expect_one_error_line "malformed baseline"
run "$CHECKER" --write-baseline=/nonexistent/dir/b.json "$INPUTS/uam.cpp" -- -std=c++17
expect_rc 2 "unwritable baseline"
expect_one_error_line "unwritable baseline"

finish
