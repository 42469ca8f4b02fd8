# bench/precision/run.sh on a small fake corpus (the real one is too slow for CTest): the
# findings of a unit and of a header named by a relative path are keyed and compared with a
# triage file; an untriaged or false finding fails, a stale entry does not; keys survive a
# line shift; a crash, a time-out, a sanitizer report or a bad triage file is reported.
source "$(dirname "$0")/lib.sh" "$1"
RUN="$REPO/bench/precision/run.sh"

corpus="$TMP/corpus"
mkdir -p "$corpus/pkg/src/inc" "$corpus/pkg/build"
cat >"$corpus/pkg/src/inc/buf.h" <<'EOF'
inline void fill(int n) {
  int* p = new int[n];
  if (n > 4)
    return;
  delete[] p;
}
EOF
cat >"$corpus/pkg/src/main.cpp" <<'EOF'
#include <string>
#include <utility>
#include "inc/buf.h"
void take(std::string s);
void run() {
  std::string s = "x";
  take(std::move(s));
  take(s);
}
EOF
cat >"$corpus/pkg/build/compile_commands.json" <<EOF
[{"directory": "$corpus/pkg/src", "file": "main.cpp",
  "arguments": ["clang++", "-std=c++17", "-I.", "-c", "main.cpp"]},
 {"directory": "$corpus/pkg/src", "file": "start.S", "arguments": ["clang", "-c", "start.S"]}]
EOF
echo "pkg 1.0 cmake" >"$TMP/packages.txt"
precision() { run "$RUN" --checker "$CHECKER" --dir "$corpus" --packages "$TMP/packages.txt" "$@"; }

precision --triage "$TMP/none.tsv" --write-untriaged "$TMP/new.tsv" --jobs 1
expect_rc 1 "untriaged findings fail"
expect_out "^UNTRIAGED  main.cpp:8  pkg \[ownership-use-after-move\] in run: 's' used after it was moved" \
  "a finding of the unit, keyed by its path under src/"
expect_out "^UNTRIAGED  inc/buf.h:4  pkg \[ownership-leak\] in fill: " \
  "a header named by a relative path is the package's own"
expect_out "^pkg +1 +[0-9]+ +0 +0 +0 +2 +0$" "the table: one unit (not the .S file), two untriaged"
[ "$(grep -c . "$TMP/new.tsv")" -eq 2 ] || fail "--write-untriaged writes one line per finding"

# Triage them: both true, one intended.
sed -e 's/\t?\t$/\ttrue-bug\tthe test says so/' "$TMP/new.tsv" >"$TMP/triage.tsv"
sed -i -e '/ownership-leak/s/\ttrue-bug\t/\ttrue-intended\t/' "$TMP/triage.tsv"
precision --triage "$TMP/triage.tsv"
expect_rc 0 "every finding triaged true"
expect_out "^pkg +1 +[0-9]+ +1 +1 +0 +0 +0$" "the table counts by verdict"

# A line shift keeps the keys; the line column is for humans only.
sed -i '1i // a comment that moves every line down' "$corpus/pkg/src/main.cpp"
precision --triage "$TMP/triage.tsv"
expect_rc 0 "keys survive a line shift"

# A false verdict fails; an entry no longer found is stale, not a failure.
sed -e '/ownership-use-after-move/s/\ttrue-bug\t/\tfalse\t/' "$TMP/triage.tsv" >"$TMP/false.tsv"
precision --triage "$TMP/false.tsv"
expect_rc 1 "a false finding fails"
expect_out "^FALSE  main.cpp:9  pkg \[ownership-use-after-move\]" "the false finding, at its new line"
printf 'pkg\townership-leak\tgone.cpp\t3\tf\tno longer there\ttrue-bug\tfixed\n' >>"$TMP/triage.tsv"
precision --triage "$TMP/triage.tsv"
expect_rc 0 "a stale entry is not a failure"
expect_out "^stale \(no longer found\): triage.tsv:3: pkg gone.cpp ownership-leak in f$" "stale entry listed"

# A bad triage file is a one-line error, exit code 2.
printf 'pkg\townership-leak\ta.cpp\t1\tf\tm\tmaybe\twhy\n' >"$TMP/bad.tsv"
precision --triage "$TMP/bad.tsv"
expect_rc 2 "a bad verdict"
expect_one_error_line "a bad verdict"
expect_err "bad.tsv:1: verdict 'maybe' is not one of true-bug, true-intended, false" "the bad verdict named"

# A crash and a sanitizer report are failures, named with the file.
printf '#!/bin/sh\nkill -SEGV $$\n' >"$TMP/crash.sh"
printf '#!/bin/sh\necho "==1==ERROR: AddressSanitizer: heap-use-after-free" >&2\nexit 3\n' >"$TMP/asan.sh"
chmod +x "$TMP/crash.sh" "$TMP/asan.sh"
run "$RUN" --checker "$TMP/crash.sh" --dir "$corpus" --packages "$TMP/packages.txt" --triage "$TMP/triage.tsv"
expect_rc 1 "a crash fails"
expect_out "^FAILED pkg: $corpus/pkg/src/main.cpp: crashed \(signal 11\)" "the crash names the file"
run "$RUN" --checker "$TMP/asan.sh" --dir "$corpus" --packages "$TMP/packages.txt" --triage "$TMP/triage.tsv"
expect_rc 1 "a sanitizer report fails"
expect_out "^FAILED pkg: $corpus/pkg/src/main.cpp: sanitizer report \(exit code 3\)" "the report names the file"

printf '#!/bin/sh\nexec sleep 30\n' >"$TMP/slow.sh"
chmod +x "$TMP/slow.sh"
run "$RUN" --checker "$TMP/slow.sh" --dir "$corpus" --packages "$TMP/packages.txt" --triage "$TMP/triage.tsv" --timeout 1
expect_rc 1 "a time-out fails"
expect_out "^FAILED pkg: $corpus/pkg/src/main.cpp: timed out after 1s" "the time-out names the file"

# A package whose database was not made yet.
run "$RUN" --checker "$CHECKER" --dir "$TMP/empty" --packages "$TMP/packages.txt"
expect_rc 2 "no database"
expect_one_error_line "no database"
expect_err "run bench/precision/fetch.sh first" "says how to make it"
finish
