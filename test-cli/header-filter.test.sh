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

finish
