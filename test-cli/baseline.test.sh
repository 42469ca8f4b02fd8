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

# Test frameworks name test functions after __LINE__ (Catch2) or __COUNTER__ (doctest), or
# after their arguments (GoogleTest's TEST(Suite, Name) -> Suite_Name_Test::TestBody). A
# baseline keys such a function by the macro call that made it, so adding a test above
# renames nothing it knows.
mkdir -p "$TMP/fw"
cat >"$TMP/fw/macros.h" <<'CPP'
#include <string>
#include <utility>
#define FW_CAT2(a, b) a##b
#define FW_CAT(a, b) FW_CAT2(a, b)
#define TEST_CASE(name) static void FW_CAT(fw_test_, __LINE__)()
#define TEST_COUNTED(name) static void FW_CAT(fw_counted_, __COUNTER__)()
#define TEST(suite, name)                                                               \
  struct suite##_##name##_Test {                                                        \
    void TestBody();                                                                    \
  };                                                                                    \
  void suite##_##name##_Test::TestBody()
void sink(std::string S);
CPP
tests() { # the three bugs, each in a test of one framework style
  cat <<'CPP'
TEST_CASE("moves then reads") {
  std::string Name = "x";
  sink(std::move(Name));
  sink(Name);
}
TEST_COUNTED("counted") {
  std::string Name = "x";
  sink(std::move(Name));
  sink(Name);
}
TEST(Orders, Archive) {
  std::string Name = "x";
  sink(std::move(Name));
  sink(Name);
}
CPP
}
{ echo '#include "macros.h"'; tests; } >"$TMP/fw/t.cpp"
run "$CHECKER" --write-baseline="$TMP/fw/baseline.json" "$TMP/fw/t.cpp" -- -std=c++17
expect_rc 0 "write-baseline of generated test functions"
expect_err "recorded 3 findings" "three findings recorded"
python3 - "$TMP/fw/baseline.json" <<'PY' || fail "generated names are recorded as the macro calls"
import json, sys
functions = sorted(f["function"] for f in json.load(open(sys.argv[1]))["findings"])
assert functions == ['TEST(Orders, Archive)::TestBody', 'TEST_CASE("moves then reads")',
                     'TEST_COUNTED("counted")'], functions
PY
# Two clean tests added above: every __LINE__ and __COUNTER__ name changes.
{ echo '#include "macros.h"'
  printf 'TEST_CASE("new") {}\nTEST_COUNTED("new") {}\n'
  tests; } >"$TMP/fw/t.cpp"
run "$CHECKER" --baseline="$TMP/fw/baseline.json" "$TMP/fw/t.cpp" -- -std=c++17
expect_rc 0 "tests added above: the generated functions are still known"
[ -z "$OUT" ] || fail "tests added above: $OUT"
expect_err "3 known findings hidden" "all three hidden"
# A new test with the same bug is new.
printf 'TEST_CASE("another") {\n  std::string Name = "x";\n  sink(std::move(Name));\n  sink(Name);\n}\n' >>"$TMP/fw/t.cpp"
run "$CHECKER" --baseline="$TMP/fw/baseline.json" "$TMP/fw/t.cpp" -- -std=c++17
expect_rc 1 "a new generated test function is new"
n="$(grep -c ': warning: ' <<<"$OUT")"
[ "$n" -eq 1 ] || fail "only the new test's finding should show, got $n"

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
