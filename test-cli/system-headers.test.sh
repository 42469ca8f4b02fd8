#!/usr/bin/env bash
# System headers are never analysed, so the checker has clang skip their function bodies
# (constexpr ones and those with a deduced return type excepted): parsing them, and
# instantiating their templates, was most of a run's time on header-heavy units. The same
# header included as a user header is parsed whole.
source "$(dirname "$0")/lib.sh"

run "$CHECKER" --no-cache "$INPUTS/system-user.cpp" -- -std=c++17 -isystem "$INPUTS/system"
expect_rc 1 "bodies in a system header are skipped"
expect_out "system-user.cpp:16:18: warning: 't' used after it was moved" "the user's code is analysed"
[ -z "$ERR" ] || fail "nothing is said about the system header's bodies: $ERR"

run "$CHECKER" --no-cache "$INPUTS/system-user.cpp" -- -std=c++17 -I "$INPUTS/system"
expect_rc 2 "the same header as a user header is parsed whole"
expect_err "undeclared_in_vendor_body" "its compile error is printed"
expect_err "no_such_member" "the template's body is instantiated"

finish
