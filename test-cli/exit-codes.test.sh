# Exit codes 0/1/2, --warnings-as-errors, and the bad-input errors of the front end:
# one line on stderr naming the problem, exit 2, findings of the good files still shown.
source "$(dirname "$0")/lib.sh" "$1"

run "$CHECKER" "$INPUTS/clean.cpp" -- -std=c++17
expect_rc 0 "clean file"
[ -z "$OUT" ] || fail "clean file printed: $OUT"

run "$CHECKER" "$INPUTS/uam.cpp" -- -std=c++17
expect_rc 1 "findings"

# --warnings-as-errors: matching findings become errors; once set, only errors give 1.
run "$CHECKER" --warnings-as-errors='ownership-use-*' "$INPUTS/uam.cpp" -- -std=c++17
expect_rc 1 "--warnings-as-errors matching"
expect_out "uam.cpp:10:8: error: 'Name' used after it was moved \[ownership-use-after-move\]" "error label"
expect_err "1 finding treated as error" "summary of errors"
run "$CHECKER" --warnings-as-errors='-*' "$INPUTS/uam.cpp" -- -std=c++17
expect_rc 0 "--warnings-as-errors naming no check: warnings only"
expect_out "uam.cpp:10:8: warning: " "still printed as a warning"
run "$CHECKER" --warnings-as-errors='ownership-no-such-rule' "$INPUTS/uam.cpp" -- -std=c++17
expect_rc 2 "unknown check in --warnings-as-errors"
expect_one_error_line "unknown check in --warnings-as-errors"

# Bad inputs next to a good file: the good file's finding is still printed.
run "$CHECKER" "$INPUTS/uam.cpp" "$TMP/missing.cpp" -- -std=c++17
expect_rc 2 "missing file"
expect_one_error_line "missing file"
expect_err "missing.cpp" "missing file is named"
expect_out "uam.cpp:10:8: warning: " "finding of the good file, next to a missing one"

run "$CHECKER" "$INPUTS" -- -std=c++17
expect_rc 2 "directory"
expect_one_error_line "directory"

echo 'int f() { return 0; }' >"$TMP/unreadable.cpp"
chmod 000 "$TMP/unreadable.cpp"
if ! cat "$TMP/unreadable.cpp" >/dev/null 2>&1; then # root reads anything
  run "$CHECKER" "$TMP/unreadable.cpp" -- -std=c++17
  expect_rc 2 "unreadable file"
  expect_one_error_line "unreadable file"
fi

run "$CHECKER" --no-such-option "$INPUTS/uam.cpp" -- -std=c++17
expect_rc 2 "unknown option"
expect_one_error_line "unknown option"

run "$CHECKER" --checks='ownership-no-such-rule' "$INPUTS/uam.cpp" -- -std=c++17
expect_rc 2 "unknown check"
expect_one_error_line "unknown check"

run "$CHECKER" "$INPUTS/broken.cpp" -- -std=c++17
expect_rc 2 "compile error"
expect_err "undeclared_function" "compile error printed as clang prints it"
expect_out "broken.cpp:10:8: warning: " "finding of the function that compiles"

run "$CHECKER" --output="$TMP/no/such/dir/out.txt" "$INPUTS/uam.cpp" -- -std=c++17
expect_rc 2 "unwritable --output"
expect_one_error_line "unwritable --output"
expect_err "cannot write --output file '.*out.txt'" "the output path is named"

run "$CHECKER" --no-cache "$INPUTS/invalid-binding.cpp" -- -std=c++17
expect_rc 2 "structured binding of an undeclared name (a crash found by fuzzing)"
expect_err "undeclared_pair" "its compile error is printed"
expect_out "invalid-binding.cpp:18:8: warning: 'S' used after it was moved" "the next function is analysed"

run "$CHECKER" --no-cache "$INPUTS/invalid-class.cpp" -- -std=c++17
expect_rc 2 "a class with a member of incomplete type (a crash found by fuzzing)"
expect_err "undefined template" "its compile error is printed"
expect_out "invalid-class.cpp:21:4: warning: 'P' used after it was moved" "the next function is analysed"

# Compilation databases.
mkdir -p "$TMP/emptydb" "$TMP/baddb" "$TMP/gonedb"
echo '[]' >"$TMP/emptydb/compile_commands.json"
echo '[{"directory": ' >"$TMP/baddb/compile_commands.json"
cat >"$TMP/gonedb/compile_commands.json" <<JSON
[{"directory": "$TMP", "file": "$TMP/gone.cpp", "arguments": ["clang++", "-c", "$TMP/gone.cpp"]},
 {"directory": "$INPUTS", "file": "$INPUTS/uam.cpp", "arguments": ["clang++", "-std=c++17", "-c", "$INPUTS/uam.cpp"]}]
JSON
run "$CHECKER" -p "$TMP/emptydb" "$INPUTS/uam.cpp"
expect_rc 2 "empty compile_commands.json"
expect_one_error_line "empty compile_commands.json"
expect_err "no compile command for '.*uam.cpp'" "the file without a command is named"
run "$CHECKER" -p "$TMP/baddb" "$INPUTS/uam.cpp"
expect_rc 2 "malformed compile_commands.json"
expect_one_error_line "malformed compile_commands.json"
run "$CHECKER" -p "$TMP/gonedb" "$TMP/gone.cpp" "$INPUTS/uam.cpp"
expect_rc 2 "database entry whose file is gone"
expect_err "gone.cpp" "the gone file is named"
expect_out "uam.cpp:10:8: warning: " "finding of the file that exists"

# A file the database lacks gets the command of the entry whose path is most like its
# own (LibTooling's inference): a note says so, and names that entry.
mkdir -p "$TMP/inferdb/src"
cp "$INPUTS/uam.cpp" "$TMP/inferdb/src/a.cpp"
cp "$INPUTS/uam.cpp" "$TMP/inferdb/src/b.cpp"
cat >"$TMP/inferdb/compile_commands.json" <<JSON
[{"directory": "$TMP/inferdb", "file": "$TMP/inferdb/src/a.cpp", "arguments": ["clang++", "-std=c++17", "-c", "$TMP/inferdb/src/a.cpp"]}]
JSON
run "$CHECKER" --no-cache -p "$TMP/inferdb" "$TMP/inferdb/src/b.cpp"
expect_rc 1 "a file not in the database is analysed with an inferred command"
expect_err "note: '$TMP/inferdb/src/b.cpp' is not in the compilation database; its compile command was inferred from the entry of '$TMP/inferdb/src/a.cpp'" \
  "the inferred command is named"
run "$CHECKER" --no-cache -p "$TMP/inferdb" "$TMP/inferdb/src/a.cpp"
expect_rc 1 "a file in the database"
[ -z "$ERR" ] || fail "a file in the database: no note: $ERR"

finish
