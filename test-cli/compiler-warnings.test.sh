# The compiler's warnings are not printed unless --compiler-warnings asks for them:
# neither those of the flags after `--` nor those of the compilation database's own
# flags (-Wall -Wextra, -Werror), so that the output is the checker's findings and the
# errors that stop it.
source "$(dirname "$0")/lib.sh" "$1"

# An unused parameter (line 3) and a use after move (line 6).
cat >"$TMP/w.cpp" <<'CPP'
#include <string>
#include <utility>
void sink(std::string S, int Unused);
void useAfterMove() {
  std::string Name = "x";
  sink(std::move(Name), 0);
  sink(Name, 0);
}
void unusedParameter(int Count) {}
CPP

run "$CHECKER" --no-cache "$TMP/w.cpp" -- -std=c++17 -Wall -Wextra
expect_rc 1 "flags after --: the finding only"
expect_out "w.cpp:7:8: warning: 'Name' used after it was moved" "the finding is printed"
[ -z "$ERR" ] || fail "no compiler warning without --compiler-warnings: $ERR"

run "$CHECKER" --no-cache --compiler-warnings "$TMP/w.cpp" -- -std=c++17 -Wall -Wextra
expect_rc 1 "--compiler-warnings"
expect_err "w.cpp:9:26: warning: unused parameter 'Count' \[-Wunused-parameter\]" \
  "--compiler-warnings prints the compiler's warning"

# The database's own flags, -Werror included: without -w the warning would be an error
# and the exit code 2.
mkdir -p "$TMP/build"
cat >"$TMP/build/compile_commands.json" <<JSON
[{"directory": "$TMP/build", "file": "$TMP/w.cpp",
  "arguments": ["clang++", "-std=c++17", "-Wall", "-Wextra", "-Wunused-parameter", "-Werror", "-c", "$TMP/w.cpp"]}]
JSON
run "$CHECKER" --no-cache -p "$TMP/build" "$TMP/w.cpp"
expect_rc 1 "the database's -W flags and -Werror"
[ -z "$ERR" ] || fail "no compiler warning from the database's flags: $ERR"
expect_out "w.cpp:7:8: warning: 'Name' used after it was moved" "the finding, from the database"

run "$CHECKER" --no-cache --compiler-warnings -p "$TMP/build" "$TMP/w.cpp"
expect_rc 2 "--compiler-warnings keeps the database's -Werror"
expect_err "error: unused parameter 'Count'" "-Werror makes the warning an error, as in the compiler"

# A pragma that turns a warning on is covered too; compile errors are still printed.
printf '#pragma clang diagnostic warning "-Wunused-parameter"\nvoid f(int P) {}\n' >"$TMP/pragma.cpp"
run "$CHECKER" --no-cache "$TMP/pragma.cpp" -- -std=c++17
expect_rc 0 "a #pragma'd warning"
[ -z "$ERR" ] || fail "no warning from a #pragma: $ERR"
run "$CHECKER" --no-cache "$INPUTS/broken.cpp" -- -std=c++17 -Wall
expect_rc 2 "compile errors are still printed"
expect_err "error: use of undeclared identifier 'undeclared_function'" "the compile error"

finish
