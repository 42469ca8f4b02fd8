#!/usr/bin/env bash
# System headers are never analysed, so the checker has clang skip their function bodies
# (constexpr ones and those with a deduced return type excepted): parsing them, and
# instantiating their templates, was most of a run's time on header-heavy units. The same
# header included as a user header is parsed whole. --system-headers (or SystemHeaders:
# true) makes system headers like the others, and a header that the filter matches but
# that is skipped as a system header is named in a note.
source "$(dirname "$0")/lib.sh"

run "$CHECKER" --no-cache "$INPUTS/system-user.cpp" -- -std=c++17 -isystem "$INPUTS/system"
expect_rc 1 "bodies in a system header are skipped"
expect_out "system-user.cpp:16:18: warning: 't' used after it was moved" "the user's code is analysed"
[ -z "$ERR" ] || fail "nothing is said about the system header's bodies: $ERR"

run "$CHECKER" --no-cache "$INPUTS/system-user.cpp" -- -std=c++17 -I "$INPUTS/system"
expect_rc 2 "the same header as a user header is parsed whole"
expect_err "undeclared_in_vendor_body" "its compile error is printed"
expect_err "no_such_member" "the template's body is instantiated"

# A project's header reached through -isystem, matched by the filter: not analysed, and
# a note says so (once, and not for the standard headers that '.*' also matches).
VENDORED="$INPUTS/vendored"
run "$CHECKER" --no-cache --header-filter='.*' "$VENDORED/user.cpp" "$VENDORED/user.cpp" -- \
  -std=c++17 -isystem "$VENDORED/include"
expect_rc 0 "a filtered header skipped as a system header"
[ -z "$OUT" ] || fail "nothing is reported in a system header: $OUT"
expect_err "note: the header filter matches '$VENDORED/include/vendored/queue.h', but it is a system header .*--system-headers" \
  "the note names the header and the option"
n=$(grep -c . <<<"$ERR")
[ "$n" -eq 1 ] || fail "one note, for the project's header only, once; got $n lines: $ERR"

run "$CHECKER" --no-cache "$VENDORED/user.cpp" -- -std=c++17 -isystem "$VENDORED/include"
expect_rc 0 "no filter, no note"
[ -z "$ERR" ] || fail "no filter, no note: $ERR"

run "$CHECKER" --no-cache --system-headers --header-filter='vendored/' "$VENDORED/user.cpp" -- \
  -std=c++17 -isystem "$VENDORED/include"
expect_rc 1 "--system-headers analyses the filtered system header"
expect_out "queue.h:9:3: warning: memory owned by 'P' is released twice" "the header's finding"
[ -z "$ERR" ] || fail "--system-headers: no note: $ERR"

mkdir -p "$TMP/cfg"
printf "HeaderFilterRegex: 'vendored/'\nSystemHeaders: true\n" >"$TMP/cfg/sys.yaml"
run "$CHECKER" --no-cache --config-file="$TMP/cfg/sys.yaml" "$VENDORED/user.cpp" -- \
  -std=c++17 -isystem "$VENDORED/include"
expect_rc 1 "SystemHeaders: true in the configuration"
expect_out "queue.h:9:3: warning: memory owned by 'P' is released twice" "SystemHeaders from the file"
run "$CHECKER" --no-cache --config-file="$TMP/cfg/sys.yaml" --system-headers=false "$VENDORED/user.cpp" -- \
  -std=c++17 -isystem "$VENDORED/include"
expect_rc 0 "--system-headers=false overrides the file"

finish
