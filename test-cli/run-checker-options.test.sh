# run-checker.sh's options: the checker's common options given directly, a bad one
# reported once before any file is analysed, a file filter that selects nothing, and a
# checker that cannot be found, named with the way to fix it.
source "$(dirname "$0")/lib.sh" "$1"
source "$(dirname "$0")/run-checker-lib.sh"

db src/bad1.cpp src/bad2.cpp src/bad3.cpp src/clean.cpp

# A bad option for the checker: one line, the checker's own, and no file is analysed.
run "$RUN" --checker "$CHECKER" -p "$TMP/build" -- --checks=ownership-no-such-rule
expect_rc 2 "unknown check after --"
expect_one_error_line "unknown check after --"
expect_err "^ownership-checker: error: unknown check 'ownership-no-such-rule' in --checks" \
  "the checker's message"
run "$RUN" --checker "$CHECKER" -p "$TMP/build" -- --no-such-option
expect_rc 2 "unknown option after --"
expect_one_error_line "unknown option after --"
run "$RUN" --checker "$CHECKER" -p "$TMP/build" -- --header-filter='('
expect_rc 2 "bad --header-filter after --"
expect_one_error_line "bad --header-filter after --"
# A bad configuration file is checked once too.
printf 'Checks: "ownership-no-such-rule"\n' >"$TMP/bad-config.yaml"
run "$RUN" --checker "$CHECKER" -p "$TMP/build" -- --config-file="$TMP/bad-config.yaml"
expect_rc 2 "bad configuration file"
expect_one_error_line "bad configuration file"

# The checker's common options are taken directly, not only after --, under
# ownership-checker's names or run-clang-tidy's (one dash).
run "$RUN" --checker "$CHECKER" -p "$TMP/build" --no-cache
expect_rc 1 "--no-cache"
expect_err "4 files, 3 findings" "--no-cache"
run "$RUN" --checker "$CHECKER" -p "$TMP/build" --checks=-ownership-use-after-move
expect_rc 0 "--checks"
expect_err "4 files, 0 findings" "--checks"
run "$RUN" --checker "$CHECKER" -p "$TMP/build" -checks=-ownership-use-after-move
expect_rc 0 "-checks, as run-clang-tidy spells it"
run "$RUN" --checker "$CHECKER" -p "$TMP/build" --warnings-as-errors=ownership-leak
expect_rc 0 "--warnings-as-errors: other findings do not fail the run"
expect_err "4 files, 3 findings" "--warnings-as-errors keeps the findings"
printf 'Checks: "-ownership-use-after-move"\n' >"$TMP/quiet-config.yaml"
run "$RUN" --checker "$CHECKER" -p "$TMP/build" --config-file "$TMP/quiet-config.yaml"
expect_rc 0 "--config-file"
run "$RUN" --checker "$CHECKER" -p "$TMP/build" --cache-dir "$TMP/cache" bad1
[ -n "$(ls -A "$TMP/cache" 2>/dev/null)" ] || fail "--cache-dir: nothing cached in $TMP/cache"
run "$RUN" --checker "$CHECKER" -p "$TMP/build" --cache-dir "$TMP/cache2" --no-cache bad1
[ -z "$(ls -A "$TMP/cache2" 2>/dev/null)" ] || fail "--no-cache: something cached in $TMP/cache2"
{ echo '#ifdef MAKE_IT_FAIL'; echo '#error the flag arrived'; echo '#endif'; } >"$TMP/proj/src/flag.cpp"
db src/flag.cpp
for opt in --extra-arg --extra-arg-before; do
  run "$RUN" --checker "$CHECKER" -p "$TMP/build" "$opt=-DMAKE_IT_FAIL"
  expect_rc 2 "$opt"
  expect_err "error: the flag arrived" "$opt reaches the compiler"
done
run "$RUN" --checker "$CHECKER" -p "$TMP/build"
expect_rc 0 "without --extra-arg"
# Given both ways, the option after -- comes last, and the checker takes the last.
db src/bad1.cpp src/bad2.cpp src/bad3.cpp src/clean.cpp
run "$RUN" --checker "$CHECKER" -p "$TMP/build" --checks=-ownership-use-after-move -- --checks='ownership-*'
expect_rc 1 "--checks, then --checks after --"

# A filter that selects nothing is an error, not a silent pass.
run "$RUN" --checker "$CHECKER" -p "$TMP/build" 'no-such-file'
expect_rc 2 "a REGEX that matches no file"
expect_one_error_line "a REGEX that matches no file"
expect_err "no file of .*compile_commands.json matches 'no-such-file'" "a REGEX that matches no file"
run "$RUN" --checker "$CHECKER" -p "$TMP/build" bad1 'no-such-file'
expect_rc 2 "one of two REGEXes matches no file"
expect_one_error_line "one of two REGEXes matches no file"
run "$RUN" --checker "$CHECKER" -p "$TMP/build" bad1 --exclude 'src/'
expect_rc 2 "--exclude leaves nothing"
expect_one_error_line "--exclude leaves nothing"
echo '[]' >"$TMP/build/compile_commands.json"
run "$RUN" --checker "$CHECKER" -p "$TMP/build"
expect_rc 2 "an empty database"
expect_one_error_line "an empty database"
db src/bad1.cpp src/bad2.cpp src/bad3.cpp src/clean.cpp
# The options that each run cannot be given are refused, saying what to do instead.
# (Where they would write files, here.)
cd "$TMP" || exit 1
for opt in --format=sarif --output=out.txt --export-sarif=x.sarif --write-baseline=b.json \
  --export-fixes=f.yaml --list-checks --dump-config -explain=ownership-leak; do
  run "$RUN" --checker "$CHECKER" -p "$TMP/build" -- "$opt"
  expect_rc 2 "-- $opt"
  expect_one_error_line "-- $opt"
  expect_err "cannot be passed to each run: " "-- $opt"
done
expect_err "^run-checker.sh: error: -explain cannot be passed to each run: it analyses nothing" "-- -explain"
# A bad option of run-checker.sh itself is one line too.
run "$RUN" --checker "$CHECKER" -p "$TMP/build" --no-such-option
expect_rc 2 "unknown run-checker.sh option"
expect_one_error_line "unknown run-checker.sh option"

# The checker cannot be found: the message says how to name it. A copy of the script has
# no build*/bin next to it; PATH keeps what runs python3 but no ownership-checker.
mkdir -p "$TMP/bare"
cp "$RUN" "$TMP/bare/run-checker.sh"
NO_CHECKER_PATH="$(tr ':' '\n' <<<"$PATH" | while read -r d; do
  [ -n "$d" ] && [ ! -e "$d/ownership-checker" ] && printf '%s:' "$d"; done)"
run env PATH="$NO_CHECKER_PATH" "$TMP/bare/run-checker.sh" -p "$TMP/build"
expect_rc 2 "no checker anywhere"
expect_one_error_line "no checker anywhere"
expect_err "--checker PATH" "names --checker"
expect_err "on PATH" "names PATH"
run env PATH="$BIN:$NO_CHECKER_PATH" "$TMP/bare/run-checker.sh" -p "$TMP/build" bad1
expect_rc 1 "the checker on PATH"
expect_err "1 file, 1 finding" "the checker on PATH runs"
run "$RUN" --checker "$TMP/no-such-checker" -p "$TMP/build"
expect_rc 2 "--checker names nothing"
expect_one_error_line "--checker names nothing"
expect_err "--checker '$TMP/no-such-checker': no such file" "--checker names nothing"
run "$RUN" --checker no-such-checker -p "$TMP/build"
expect_rc 2 "--checker names nothing on PATH"
expect_one_error_line "--checker names nothing on PATH"
expect_err "'no-such-checker' is not on PATH" "--checker names nothing on PATH"

finish
