# Baselines over a whole database: run-checker.sh --write-baseline merges what each run
# records into one file, the same as one ownership-checker run over every file writes;
# --baseline is read by every run, and a bad one is reported once.
source "$(dirname "$0")/lib.sh" "$1"
source "$(dirname "$0")/run-checker-lib.sh"

# shared.h has a use after move; three sources include it, so three runs record it.
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
db src/bad1.cpp src/bad2.cpp src/clean.cpp src/use1.cpp src/use2.cpp src/use3.cpp
# The baseline names files relative to its own directory: run where the project is.
cd "$TMP/proj" || exit 1

run "$RUN" --checker "$CHECKER" -p "$TMP/build" --header-filter='.*' --batch-size 1 \
  --write-baseline base.json
expect_rc 0 "--write-baseline"
expect_err "^run-checker.sh: recorded 3 findings in baseline 'base.json'$" "--write-baseline"
expect_err "6 files, 3 findings, 0 files with errors" "summary of a recording run"
expect_no_out "warning: " "a recording run reports nothing"
! grep -q "baseline '/" <<<"$ERR" || fail "the runs' own baselines are mentioned:"$'\n'"$ERR"
run "$CHECKER" -p "$TMP/build" --header-filter='.*' --write-baseline=direct.json \
  src/bad1.cpp src/bad2.cpp src/clean.cpp src/use1.cpp src/use2.cpp src/use3.cpp
expect_rc 0 "one ownership-checker run over every file"
cmp -s base.json direct.json ||
  fail "run-checker.sh and one ownership-checker run write different baselines:"$'\n'"$(diff direct.json base.json)"
# Batches give the same baseline.
run "$RUN" --checker "$CHECKER" -p "$TMP/build" --header-filter='.*' --batch-size 4 -j 2 \
  --write-baseline "$TMP/proj/batched.json"
cmp -s base.json batched.json || fail "batches write another baseline:"$'\n'"$(diff base.json batched.json)"

# Every run reads the baseline: nothing is reported until a new finding appears.
run "$RUN" --checker "$CHECKER" -p "$TMP/build" --header-filter='.*' --baseline base.json
expect_rc 0 "--baseline hides the recorded findings"
expect_err "6 files, 0 findings" "--baseline hides the recorded findings"
cat >>"$TMP/proj/src/use3.cpp" <<'CPP'
void fresh() {
  std::string Name = "x";
  sink(std::move(Name));
  sink(Name);
}
CPP
run "$RUN" --checker "$CHECKER" -p "$TMP/build" --header-filter='.*' --baseline base.json
expect_rc 1 "a new finding"
expect_err "6 files, 1 finding" "only the new finding"
expect_out "use3.cpp:[0-9]+:[0-9]+: warning: " "the new finding"
run "$RUN" --checker "$CHECKER" -p "$TMP/build" --header-filter='.*' -- --baseline=base.json
expect_rc 1 "--baseline after --, as before"
expect_err "6 files, 1 finding" "--baseline after --"

# A bad baseline is reported once, before any run.
echo '{"version": 1' >bad.json
for form in "--baseline bad.json" "--baseline missing.json" "-- --baseline=bad.json"; do
  # shellcheck disable=SC2086
  run "$RUN" --checker "$CHECKER" -p "$TMP/build" $form
  expect_rc 2 "$form"
  expect_one_error_line "$form"
  expect_err "baseline '(bad|missing).json'" "$form names the file"
done
echo '{"version": 2, "findings": []}' >bad.json
run "$RUN" --checker "$CHECKER" -p "$TMP/build" --baseline bad.json
expect_rc 2 "a baseline of another version"
expect_one_error_line "a baseline of another version"

# Where a baseline cannot be written, nothing is analysed; with --sarif, it is an error.
run "$RUN" --checker "$CHECKER" -p "$TMP/build" --write-baseline "$TMP/nowhere/base.json"
expect_rc 2 "--write-baseline in a missing directory"
expect_one_error_line "--write-baseline in a missing directory"
run "$RUN" --checker "$CHECKER" -p "$TMP/build" --write-baseline b.json --sarif b.sarif
expect_rc 2 "--write-baseline with --sarif"
expect_one_error_line "--write-baseline with --sarif"

# A file that does not compile: what was found is recorded, as ownership-checker does, and
# the exit code says 2. Its batch, run again file by file, counts once.
db src/bad1.cpp src/broken.cpp
run "$RUN" --checker "$CHECKER" -p "$TMP/build" --batch-size 2 --write-baseline partial.json
expect_rc 2 "--write-baseline with a compile error"
python3 - partial.json <<'PY' || fail "the baseline of a run with a compile error"
import json, sys
entries = json.load(open(sys.argv[1]))["findings"]
assert [e["file"] for e in entries] == ["src/bad1.cpp", "src/broken.cpp"], entries
PY

finish
