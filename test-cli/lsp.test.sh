# ownership-checker --lsp through a scripted LSP client (test-cli/lsp-client.py): the
# editor's session from initialize to exit, with the unsaved buffer analysed under the
# compile command of the nearest compile_commands.json; malformed input never kills the
# server; `-p` and the arguments after `--` choose the compile command too. The server
# survives an analysis that crashes or runs past --lsp-timeout (made so on purpose with
# the test-only --debug-fault), drops an analysis a newer edit made stale, reports
# progress on a slow one, and offers fix-its as quick fixes.
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

# Crashes, time-outs and budgets are said to the editor, and the server goes on. The
# client's buffers hide their bug behind an #ifdef that the fallback flags define.
DB_DEFINE=-DOWNERSHIP_FROM_DATABASE
mkdir -p "$TMP/robust"
python3 "$CLIENT" robust "$TMP/robust" -- "$CHECKER" --lsp --lsp-timeout=3 \
  --debug-fault=crash:OWNERSHIP_TEST_CRASH --debug-fault=hang:OWNERSHIP_TEST_HANG -- -std=c++17 $DB_DEFINE \
  >"$TMP/robust.log" 2>&1 || fail "crash and time-out:"$'\n'"$(cat "$TMP/robust.log")"
python3 "$CLIENT" budget "$TMP/robust" -- "$CHECKER" --lsp --function-budget=1 -- -std=c++17 \
  >"$TMP/budget.log" 2>&1 || fail "function budget:"$'\n'"$(cat "$TMP/budget.log")"

# A newer edit drops the analysis of the older text; progress for a slow analysis.
mkdir -p "$TMP/slow"
python3 "$CLIENT" stale "$TMP/slow" -- "$CHECKER" --lsp --debug-fault=slow:OWNERSHIP_TEST_SLOW -- -std=c++17 $DB_DEFINE \
  >"$TMP/stale.log" 2>&1 || fail "stale analyses:"$'\n'"$(cat "$TMP/stale.log")"
python3 "$CLIENT" progress "$TMP/slow" -- "$CHECKER" --lsp --debug-fault=slow:OWNERSHIP_TEST_SLOW -- -std=c++17 $DB_DEFINE \
  >"$TMP/progress.log" 2>&1 || fail "progress:"$'\n'"$(cat "$TMP/progress.log")"

# Fix-its are quick fixes, and give what --fix writes.
mkdir -p "$TMP/qf"
cp "$INPUTS/fix.cpp" "$TMP/qf/fix.cpp"
cp "$INPUTS/fix.cpp" "$TMP/qf/fixed.cpp"
"$CHECKER" --no-cache --fix "$TMP/qf/fixed.cpp" -- -std=c++17 >/dev/null 2>&1
cmp -s "$TMP/qf/fix.cpp" "$TMP/qf/fixed.cpp" && fail "test setup: --fix changed nothing"
python3 "$CLIENT" quickfix "$TMP/qf/fix.cpp" "$TMP/qf/fixed.cpp" -- "$CHECKER" --lsp -- -std=c++17 \
  >"$TMP/quickfix.log" 2>&1 || fail "quick fixes:"$'\n'"$(cat "$TMP/quickfix.log")"

# Bad values of the server's options are one-line errors.
run "$CHECKER" --lsp --lsp-timeout=soon
expect_rc 2 "a bad --lsp-timeout"
expect_one_error_line "a bad --lsp-timeout"
expect_err "--lsp-timeout must be a number of seconds, not 'soon'" "a bad --lsp-timeout"

# Source files on the command line make no sense with --lsp: one error line, exit 2.
run "$CHECKER" --lsp "$INPUTS/uam.cpp" --
expect_rc 2 "--lsp with a source file"
expect_one_error_line "--lsp with a source file"

finish
