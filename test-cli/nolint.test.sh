# NOLINT, NOLINT(checks), NOLINTNEXTLINE, NOLINTBEGIN/NOLINTEND with globs, and the
# error for a NOLINTBEGIN without its end.
source "$(dirname "$0")/lib.sh" "$1"

run "$CHECKER" "$INPUTS/nolint.cpp" -- -std=c++17
expect_rc 1 "nolint.cpp"
# Every finding that is printed must be on a line marked "kept", and every such line
# must have its finding.
got="$(grep -oE '^[^ ]*nolint\.cpp:[0-9]+:[0-9]+: warning' <<<"$OUT" | cut -d: -f2 | sort -n | tr '\n' ' ')"
want="$(grep -n 'kept' "$INPUTS/nolint.cpp" | grep -v '^1:' | cut -d: -f1 | sort -n | tr '\n' ' ')"
[ "$got" = "$want" ] || fail "reported lines '$got', expected '$want'"$'\n'"$OUT"
begin_line="$(grep -n '^// NOLINTBEGIN(ownership-use-after-move)' "$INPUTS/nolint.cpp" | cut -d: -f1)"
expect_out "nolint.cpp:$begin_line:4: error: 'NOLINTBEGIN' has no matching 'NOLINTEND' later in the file \[ownership-nolint\]" \
  "unmatched NOLINTBEGIN"

# A stray NOLINTEND, and the same suppression comment in a file that is clean.
printf 'void f() {}\n// NOLINTEND(ownership-*)\n' >"$TMP/stray.cpp"
run "$CHECKER" "$TMP/stray.cpp" -- -std=c++17
expect_rc 1 "stray NOLINTEND"
expect_out "stray.cpp:2:4: error: 'NOLINTEND' has no matching 'NOLINTBEGIN' before it \[ownership-nolint\]" "stray NOLINTEND"

finish
