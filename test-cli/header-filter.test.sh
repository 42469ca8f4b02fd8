# --header-filter matches a header's normalized absolute path as well as the name the
# compiler spelled: a compilation database that names files relative to its directory
# (and `-I.`) makes headers appear as `./name.h`, which an absolute filter would not
# match by name.
source "$(dirname "$0")/lib.sh" "$1"

mkdir -p "$TMP/proj"
cat >"$TMP/proj/queue.h" <<'CPP'
#pragma once
inline void releaseTwice() {
  int *P = new int(1);
  delete P;
  delete P;
}
CPP
printf '#include <queue.h>\nint main() { return 0; }\n' >"$TMP/proj/main.cpp"
cat >"$TMP/proj/compile_commands.json" <<JSON
[{"directory": "$TMP/proj", "file": "main.cpp", "arguments": ["clang++", "-std=c++17", "-I.", "-c", "main.cpp"]}]
JSON

run "$CHECKER" --no-cache -p "$TMP/proj" --header-filter="^$TMP/proj/" "$TMP/proj/main.cpp"
expect_rc 1 "an absolute filter matches ./queue.h"
expect_out "queue.h:5:3: warning: memory owned by 'P' is released twice" "the header's finding"

# The spelled name still matches too, anchors included.
run "$CHECKER" --no-cache -p "$TMP/proj" --header-filter='^\./queue\.h$' "$TMP/proj/main.cpp"
expect_rc 1 "the spelled name matches"

run "$CHECKER" --no-cache -p "$TMP/proj" --header-filter='^/nowhere/' "$TMP/proj/main.cpp"
expect_rc 0 "a filter matching neither form"

# A database whose "file" is relative to its "directory", run from another directory
# with the file named as the database names it: the entry's file, not one relative to
# the current directory, and an absolute filter still matches the header it includes
# as `./include/list.h`.
mkdir -p "$TMP/db/src" "$TMP/db/include" "$TMP/cwd"
cat >"$TMP/db/include/list.h" <<'CPP'
#pragma once
inline void dropTwice() {
  int *Q = new int(2);
  delete Q;
  delete Q;
}
CPP
printf '#include "list.h"\nint main() { return 0; }\n' >"$TMP/db/src/main.cpp"
cat >"$TMP/db/compile_commands.json" <<JSON
[{"directory": "$TMP/db", "file": "src/main.cpp", "arguments": ["clang++", "-std=c++17", "-I./include", "-c", "src/main.cpp"]}]
JSON
(cd "$TMP/cwd" && "$CHECKER" --no-cache -p "$TMP/db" --header-filter="^$TMP/db/include/" src/main.cpp \
  >"$TMP/out" 2>"$TMP/err"; echo $? >"$TMP/rc")
RC=$(cat "$TMP/rc") OUT=$(cat "$TMP/out") ERR=$(cat "$TMP/err")
expect_rc 1 "a relative database file named from another directory"
expect_out "list.h:5:3: warning: memory owned by 'Q' is released twice" "the header's finding"

(cd "$TMP/cwd" && "$CHECKER" --no-cache -p "$TMP/db" src/other.cpp >"$TMP/out" 2>"$TMP/err"; echo $? >"$TMP/rc")
RC=$(cat "$TMP/rc") ERR=$(cat "$TMP/err")
expect_rc 2 "a relative path that is no entry of the database"
expect_err "no such file: 'src/other.cpp'" "named as given"

finish
