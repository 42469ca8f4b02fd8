# One finding, one report: over a whole database, a finding in a header that several units
# include is printed, counted and written to the combined SARIF once, whatever the batches;
# and a file that several entries compile the same way is analysed once.
source "$(dirname "$0")/lib.sh" "$1"
source "$(dirname "$0")/run-checker-lib.sh"

# shared.h has one use after move, included by three sources; use2.cpp has its own.
cat >"$TMP/proj/src/shared.h" <<'CPP'
#pragma once
#include <string>
#include <utility>
void sink(std::string S);
inline void inHeader() {
  std::string Name = "x";
  sink(std::move(Name));
  sink(Name);
}
CPP
for n in 1 2 3; do printf '#include "shared.h"\nvoid own%d() {}\n' "$n" >"$TMP/proj/src/use$n.cpp"; done
cat >>"$TMP/proj/src/use2.cpp" <<'CPP'
void ownMove() {
  std::string Name = "x";
  sink(std::move(Name));
  sink(Name);
}
CPP
db src/use1.cpp src/use2.cpp src/use3.cpp

check_once() { # check_once WHAT: the header's finding and use2.cpp's, each once
  expect_rc 1 "$1"
  local n
  n="$(grep -c 'shared.h:[0-9]*:[0-9]*: warning: ' <<<"$OUT")"
  [ "$n" -eq 1 ] || fail "$1: the header's finding is printed $n times, not once:"$'\n'"$OUT"
  n="$(grep -c ': note: ' <<<"$OUT")"
  [ "$n" -eq 2 ] || fail "$1: $n notes, not one per finding:"$'\n'"$OUT"
  expect_out "use2.cpp:[0-9]+:[0-9]+: warning: " "$1: the source's own finding"
  expect_err "3 files, 2 findings, 0 files with errors" "$1: each finding counted once"
  expect_err "^ +2  ownership-use-after-move$" "$1: summary by rule"
}
for size in 1 2 3; do
  run "$RUN" --checker "$CHECKER" -p "$TMP/build" --header-filter='.*' --batch-size "$size" \
    --sarif "$TMP/b$size.sarif"
  check_once "--batch-size $size"
  python3 - "$TMP/b$size.sarif" <<'PY' || fail "--batch-size $size: combined SARIF"
import json, sys
[run] = json.load(open(sys.argv[1]))["runs"]
uris = sorted(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"])
assert [u.rsplit("/", 1)[-1] for u in uris] == ["shared.h", "use2.cpp"], uris
prints = [r["partialFingerprints"]["ownershipFinding/v1"] for r in run["results"]]
assert len(set(prints)) == len(prints), prints
PY
done
run "$RUN" --checker "$CHECKER" -p "$TMP/build" --header-filter='.*' -j 2 --batch-size 1
check_once "-j 2"

# On a terminal the findings are in color; they are recognised and merged all the same.
run script -qec "$RUN --checker $CHECKER -p $TMP/build --header-filter=.* --batch-size 1 --progress never" /dev/null
expect_rc 1 "on a terminal"
grep -q $'\033\\[' <<<"$OUT" || fail "on a terminal: no color"
n="$(grep -c 'shared.h:[0-9]*:[0-9]*: .*warning: ' <<<"$OUT")"
[ "$n" -eq 1 ] || fail "on a terminal: the header's finding is printed $n times, not once:"$'\n'"$OUT"
expect_out "3 files, 2 findings" "on a terminal: each finding counted once"

# Two findings that differ only in their line are two findings.
cat >>"$TMP/proj/src/use3.cpp" <<'CPP'
void twice() {
  std::string Name = "x";
  sink(std::move(Name));
  sink(Name);
  Name = "y";
  sink(std::move(Name));
  sink(Name);
}
CPP
run "$RUN" --checker "$CHECKER" -p "$TMP/build" --header-filter='.*'
expect_err "3 files, 4 findings" "distinct findings stay distinct"

# A file that several targets compile the same way (the outputs aside) is one unit,
# analysed once; with other flags, it is another unit. --profile prints one table per unit
# analysed.
E() { # E FILE ARG...: one entry of the database
  local file="$1" args="" a
  shift
  for a in "$@"; do args="$args, \"$a\""; done
  printf '{"directory": "%s", "file": "%s", "arguments": ["clang++"%s]}' "$TMP/proj" "$file" "$args"
}
{
  echo "["
  echo "$(E src/use1.cpp -std=c++17 -o a/use1.o -c src/use1.cpp),"
  echo "$(E src/use1.cpp -std=c++17 -MD -MT b/use1.o -MF b/use1.o.d -o b/use1.o -c src/use1.cpp),"
  echo "{\"directory\": \"$TMP/proj\", \"file\": \"src/use1.cpp\", \"command\": \"clang++ -std=c++17 -DVARIANT -o c/use1.o -c src/use1.cpp\"},"
  echo "$(E src/use2.cpp -std=c++17 -MMD -MFd/use2.d -o d/use2.o -c src/use2.cpp),"
  echo "$(E src/use2.cpp -std=c++17 -o e/use2.o -c src/use2.cpp)"
  echo "]"
} >"$TMP/build/compile_commands.json"
run "$RUN" --checker "$CHECKER" -p "$TMP/build" --header-filter='.*' -- --profile
expect_rc 1 "duplicate entries"
n="$(grep -c 'profile of .*use1.cpp' <<<"$ERR")"
[ "$n" -eq 2 ] || fail "use1.cpp has two distinct commands in three entries: analysed $n times, not twice"
n="$(grep -c 'profile of .*use2.cpp' <<<"$ERR")"
[ "$n" -eq 1 ] || fail "use2.cpp has one command in two entries: analysed $n times, not once"
expect_err "2 files in 3 translation units, 2 duplicate compile commands merged, 2 findings," \
  "the summary says what was merged"
n="$(grep -c 'shared.h:[0-9]*:[0-9]*: warning: ' <<<"$OUT")"
[ "$n" -eq 1 ] || fail "duplicate entries: the header's finding is printed $n times"
# The project's database is left as it is.
grep -q 'b/use1.o.d' "$TMP/build/compile_commands.json" || fail "the database was changed"

finish
