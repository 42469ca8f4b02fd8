# ownership-checker --lsp through a scripted LSP client (test-cli/lsp-client.py): the
# editor's session from initialize to exit, with the unsaved buffer analysed under the
# compile command of the nearest compile_commands.json; malformed input never kills the
# server; `-p` and the arguments after `--` choose the compile command too.
source "$(dirname "$0")/lib.sh" "$1"

CLIENT="$(dirname "$0")/lsp-client.py"

mkdir -p "$TMP/session"
python3 "$CLIENT" scenario "$TMP/session" -- "$CHECKER" --lsp >"$TMP/scenario.log" 2>&1 ||
  fail "LSP session:"$'\n'"$(cat "$TMP/scenario.log")"

python3 "$CLIENT" malformed -- "$CHECKER" --lsp >"$TMP/malformed.log" 2>&1 ||
  fail "malformed messages:"$'\n'"$(cat "$TMP/malformed.log")"

# No database anywhere above the file: the arguments after `--` are the fallback. The
# use in inputs/uam.cpp needs nothing more than -std=c++17.
mkdir -p "$TMP/nodb"
cp "$INPUTS/uam.cpp" "$TMP/nodb/uam.cpp"
python3 "$CLIENT" smoke "$TMP/nodb/uam.cpp" 10 ownership-use-after-move -- "$CHECKER" --lsp -- -std=c++17 \
  >"$TMP/smoke.log" 2>&1 || fail "fallback flags:"$'\n'"$(cat "$TMP/smoke.log")"

# -p names the database; without it the file's code is hidden behind an #ifdef.
mkdir -p "$TMP/p/src" "$TMP/p/out"
sed 's|^void useAfterMove() {$|#ifdef FROM_P\nvoid useAfterMove() {|; s|^void moveLast() {$|#endif\nvoid moveLast() {|' \
  "$INPUTS/uam.cpp" >"$TMP/p/src/uam.cpp"
grep -q '^#ifdef FROM_P$' "$TMP/p/src/uam.cpp" || fail "test setup: the #ifdef was not added"
cat >"$TMP/p/out/compile_commands.json" <<JSON
[{"directory": "$TMP/p/out", "file": "$TMP/p/src/uam.cpp",
  "arguments": ["clang++", "-std=c++17", "-DFROM_P", "-c", "$TMP/p/src/uam.cpp"]}]
JSON
python3 "$CLIENT" smoke "$TMP/p/src/uam.cpp" 11 ownership-use-after-move -- "$CHECKER" --lsp -p "$TMP/p/out" \
  >"$TMP/p.log" 2>&1 || fail "-p:"$'\n'"$(cat "$TMP/p.log")"
# ... and without -p the same file shows nothing: the check above can fail.
python3 "$CLIENT" smoke "$TMP/p/src/uam.cpp" 11 ownership-use-after-move -- "$CHECKER" --lsp \
  >"$TMP/nop.log" 2>&1 && fail "without -p the #ifdef'd use should not be found"

# Source files on the command line make no sense with --lsp: one error line, exit 2.
run "$CHECKER" --lsp "$INPUTS/uam.cpp" --
expect_rc 2 "--lsp with a source file"
expect_one_error_line "--lsp with a source file"

finish
