# run-checker.sh over a compilation database: file filters, shards, the worst exit
# code, one combined SARIF, the summary by rule, plain progress lines off a terminal,
# and a crash or time-out on one file reported by name without stopping the run.
source "$(dirname "$0")/lib.sh" "$1"
source "$(dirname "$0")/run-checker-lib.sh"

db src/bad1.cpp src/bad2.cpp src/bad3.cpp src/clean.cpp

run "$RUN" --checker "$CHECKER" -p "$TMP/build" -j 2 --sarif "$TMP/all.sarif"
expect_rc 1 "findings in some files"
n="$(grep -c ': warning: ' <<<"$OUT")"
[ "$n" -eq 3 ] || fail "expected 3 findings, got $n"
expect_err "^\[1/4\] .*src/bad1.cpp$" "plain progress lines when not on a terminal"
expect_err "4 files, 3 findings, 0 files with errors, " "summary"
expect_err "^ +3  ownership-use-after-move$" "summary by rule"
# Output is in file order whatever -j.
order="$(grep -oE 'bad[0-9]' <<<"$OUT" | grep -v '^$' | uniq | tr '\n' ' ')"
[ "$order" = "bad1 bad2 bad3 " ] || fail "output not in file order: $order"
python3 - "$TMP/all.sarif" <<'PY' || fail "combined SARIF"
import json, sys
d = json.load(open(sys.argv[1]))
[run] = d["runs"]
res = run["results"]
assert len(res) == 3, len(res)
rules = run["tool"]["driver"]["rules"]
assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in res)
assert sorted(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"][-8:] for r in res) == \
    ["bad1.cpp", "bad2.cpp", "bad3.cpp"], res
PY
MULTITOOL="${XDG_CACHE_HOME:-$HOME/.cache}/ownership-checker/sarif-multitool/Sarif.Multitool"
if [ -x "$MULTITOOL" ]; then
  log="$("$MULTITOOL" validate --rule-kind "Sarif;Gh" -o "$TMP/v.sarif" "$TMP/all.sarif" 2>&1)"
  if grep -qE ': (error|warning) [A-Z]+[0-9]+' <<<"$log"; then fail "combined SARIF invalid:"$'\n'"$log"; fi
else
  fail "SARIF validator missing (run scripts/install-deps.sh)"
fi

# Determinism: the findings and the combined SARIF are byte-identical whatever -j.
cp "$TMP/out" "$TMP/j2.out"
run "$RUN" --checker "$CHECKER" -p "$TMP/build" -j 1 --sarif "$TMP/j1.sarif"
cmp -s "$TMP/out" "$TMP/j2.out" || fail "-j 1 and -j 2 print different findings: $(diff "$TMP/j2.out" "$TMP/out")"
cmp -s "$TMP/j1.sarif" "$TMP/all.sarif" || fail "-j 1 and -j 2 write different SARIF"

# Filters and shards.
run "$RUN" --checker "$CHECKER" -p "$TMP/build" 'clean'
expect_rc 0 "regex filter: only the clean file"
expect_err "1 file, 0 findings" "regex filter"
run "$RUN" --checker "$CHECKER" -p "$TMP/build" --exclude 'bad[12]' --exclude clean
expect_rc 1 "--exclude"
expect_err "1 file, 1 finding" "--exclude"
all=""
for k in 1 2 3; do
  run "$RUN" --checker "$CHECKER" -p "$TMP/build" --shard "$k/3" -j 1
  all="$all$(grep -oE '^\[[0-9]+/[0-9]+\] .*' <<<"$ERR" | sed 's/^\[[0-9/]*\] //')"$'\n'
done
[ "$(sort <<<"$all" | grep . | tr '\n' ' ')" = "$(printf '%s\n' "$TMP"/proj/src/{bad1,bad2,bad3,clean}.cpp | sort | tr '\n' ' ')" ] ||
  fail "shards do not cover each file exactly once: $all"
run "$RUN" --checker "$CHECKER" -p "$TMP/build" --shard 4/3
expect_rc 2 "bad --shard"

# Arguments after -- reach the checker.
run "$RUN" --checker "$CHECKER" -p "$TMP/build" -- --warnings-as-errors='-*'
expect_rc 0 "arguments after -- reach every run"

# A compile error makes the run 2, and the other files are still reported.
db src/bad1.cpp src/broken.cpp src/clean.cpp
run "$RUN" --checker "$CHECKER" -p "$TMP/build"
expect_rc 2 "compile error is the worst"
expect_out "bad1.cpp:10:8: warning" "other files still reported"
expect_err "1 file with errors" "summary counts the file with errors"

# A crash and a time-out, with a stand-in checker: both name the file, neither stops the run.
# A batch holding either file fails, and is run again file by file.
# (run-checker.sh first checks the options with --list-checks: that run analyses nothing.)
cat >"$TMP/fake-checker" <<FAKE
#!/usr/bin/env bash
[[ " \$* " == *" --list-checks "* ]] && exec "$CHECKER" "\$@"
for a in "\$@"; do
  case "\$a" in
    *bad1.cpp) kill -SEGV \$\$ ;;
    *bad2.cpp) sleep 30 ;;
  esac
done
exec "$CHECKER" "\$@"
FAKE
chmod +x "$TMP/fake-checker"
db src/bad1.cpp src/bad2.cpp src/bad3.cpp
run "$RUN" --checker "$TMP/fake-checker" -p "$TMP/build" --timeout 3
expect_rc 2 "crash and time-out"
expect_err "crashed \(SIGSEGV\) on .*bad1.cpp" "crash named"
expect_err "timed out after 3s on .*bad2.cpp" "time-out named"
expect_out "bad3.cpp:10:8: warning" "the run went on"
expect_err "3 files, 1 finding, 2 files with errors" "errors are counted by file"

# Files are analysed in batches, one process per batch: a process costs its start-up.
cat >"$TMP/counting-checker" <<FAKE
#!/usr/bin/env bash
[[ " \$* " == *" --list-checks "* ]] || echo run >>"$TMP/runs"
exec "$CHECKER" "\$@"
FAKE
chmod +x "$TMP/counting-checker"
db src/bad1.cpp src/bad2.cpp src/bad3.cpp src/clean.cpp
rm -f "$TMP/runs"
run "$RUN" --checker "$TMP/counting-checker" -p "$TMP/build" --batch-size 3 -j 2
expect_rc 1 "batches of 3"
[ "$(wc -l <"$TMP/runs")" -eq 2 ] || fail "4 files in batches of 3 take 2 processes, not $(wc -l <"$TMP/runs")"
expect_err "4 files, 3 findings, 0 files with errors" "batched summary"
BATCHED="$OUT"
run "$RUN" --checker "$CHECKER" -p "$TMP/build" --batch-size 1 -j 2
[ "$OUT" = "$BATCHED" ] || fail "one file per process prints what batches print"
# The combined SARIF of batches, and of a batch run again file by file, has every finding.
db src/bad1.cpp src/bad2.cpp src/bad3.cpp src/clean.cpp src/broken.cpp
run "$RUN" --checker "$CHECKER" -p "$TMP/build" --batch-size 3 --sarif "$TMP/batched.sarif"
expect_rc 2 "a batch with a compile error"
expect_err "5 files, 4 findings, 1 file with errors" "only the broken file counts as an error"
python3 - "$TMP/batched.sarif" <<'PY' || fail "SARIF of batches"
import json, sys
[run] = json.load(open(sys.argv[1]))["runs"]
assert sorted(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
              for r in run["results"]) == ["src/bad1.cpp", "src/bad2.cpp", "src/bad3.cpp",
                                           "src/broken.cpp"], run["results"]
assert run["invocations"][0]["executionSuccessful"] is False
PY
run "$RUN" --checker "$CHECKER" -p "$TMP/build" --batch-size 0
expect_rc 2 "--batch-size 0"
expect_one_error_line "--batch-size 0"

# Bad databases.
echo '[{"directory": ' >"$TMP/build/compile_commands.json"
run "$RUN" --checker "$CHECKER" -p "$TMP/build"
expect_rc 2 "malformed database"
expect_one_error_line "malformed database"
run "$RUN" --checker "$CHECKER" -p "$TMP/nowhere"
expect_rc 2 "missing database"
expect_one_error_line "missing database"

finish
