#!/usr/bin/env bash
# Test assertions are assumed to hold: the failure branch of a GoogleTest assertion ends at
# its failure report, so a leak only on that path is not reported. --analyze-test-failures
# (or AnalyzeTestFailures: true in the configuration) analyses those paths too; the
# command line overrides the file, and --dump-config shows the key when it is on.
source "$(dirname "$0")/lib.sh"

cat >"$TMP/t.cpp" <<'CPP'
#include <gtest/gtest.h>
int parse(const char *Text);
TEST(Parse, FatalAssertion) {
  char *Buf = new char[16];
  ASSERT_EQ(parse("1"), 1);
  delete[] Buf;
}
CPP

run "$CHECKER" --no-cache "$TMP/t.cpp" -- -std=c++17
expect_rc 0 "by default a failed assertion's path is not analysed"
[ -z "$OUT" ] || fail "no finding by default: $OUT"

run "$CHECKER" --no-cache --analyze-test-failures "$TMP/t.cpp" -- -std=c++17
expect_rc 1 "--analyze-test-failures follows the failure path"
expect_out "t.cpp:5:3: warning: memory allocated by 'new\[\]' and owned by 'Buf' is leaked when 'Buf' goes out of scope at this return" \
  "the leak on the early return of the failed assertion"

mkdir -p "$TMP/cfg"
printf "AnalyzeTestFailures: true\n" >"$TMP/cfg/tf.yaml"
run "$CHECKER" --no-cache --config-file="$TMP/cfg/tf.yaml" "$TMP/t.cpp" -- -std=c++17
expect_rc 1 "AnalyzeTestFailures: true in the configuration"
run "$CHECKER" --no-cache --config-file="$TMP/cfg/tf.yaml" --analyze-test-failures=false "$TMP/t.cpp" -- -std=c++17
expect_rc 0 "--analyze-test-failures=false overrides the file"

run "$CHECKER" --config-file="$TMP/cfg/tf.yaml" --dump-config
expect_rc 0 "--dump-config"
expect_out "^AnalyzeTestFailures: *true" "the key is dumped when on"
run "$CHECKER" --dump-config
expect_no_out "AnalyzeTestFailures" "and left out when off"

printf "AnalyzeTestFailures: sometimes\n" >"$TMP/cfg/bad.yaml"
run "$CHECKER" --no-cache --config-file="$TMP/cfg/bad.yaml" "$TMP/t.cpp" -- -std=c++17
expect_rc 2 "a value that is not a boolean is a configuration error"

# The result cache tells the two settings apart.
run "$CHECKER" --cache-dir="$TMP/cache" "$TMP/t.cpp" -- -std=c++17
expect_rc 0 "cached run, default"
run "$CHECKER" --cache-dir="$TMP/cache" --analyze-test-failures "$TMP/t.cpp" -- -std=c++17
expect_rc 1 "cached run, failure paths analysed"

finish
