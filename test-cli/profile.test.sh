#!/usr/bin/env bash
# --profile: after each file, where its time went, on standard error, in LLVM's timer
# report format; findings and the exit code are unchanged, and no cache is used.
source "$(dirname "$0")/lib.sh"

run "$CHECKER" --profile --cache-dir="$TMP/cache" "$INPUTS/uam.cpp" -- -std=c++17
expect_rc 1 "findings still decide the exit code"
expect_out "uam.cpp:[0-9]+:[0-9]+: warning: .*\[ownership-use-after-move\]" "findings are printed"
expect_err "ownership-checker profile of .*uam.cpp" "the report names the file"
for phase in "parsing \(clang\)" "control-flow graphs and facts" "moved-from pass" \
             "borrow pass" "heap pass" "rules" "finding functions, summaries" "Total"; do
  expect_err "^ +[0-9.]+ \( *[0-9.]+%\) .* $phase\$" "a row for '$phase'"
done
[ ! -e "$TMP/cache" ] || [ -z "$(ls -A "$TMP/cache")" ] || fail "--profile wrote to the cache"

# The rows add up to the total: time is charged to one phase at a time.
python3 - "$TMP/err" <<'PY' || fail "the phases do not add up to the total"
import re, sys
rows = {}
for line in open(sys.argv[1]):
    m = re.match(r"^\s+(?:[\d.]+ \(\s*[\d.]+%\)\s+)*([\d.]+) \(\s*[\d.]+%\)\s+(.+)$", line)
    if m:
        rows[m.group(2).strip()] = float(m.group(1))  # the last column: wall time
total = rows.pop("Total")
assert len(rows) == 7, rows
assert abs(sum(rows.values()) - total) <= 0.0005 * len(rows) + 1e-9, (rows, total)
PY

run "$CHECKER" "$INPUTS/uam.cpp" -- -std=c++17
[ -z "$ERR" ] || fail "without --profile nothing is printed on stderr: $ERR"

finish
