# .ownership-checker.yaml: found by walking up from each source file, --config-file,
# --dump-config, InheritParentConfig, the command line on top, and one-line errors
# with file and line for bad YAML and unknown keys.
source "$(dirname "$0")/lib.sh" "$1"

mkdir -p "$TMP/proj/sub/deeper" "$TMP/other"
cp "$INPUTS/uam.cpp" "$TMP/proj/sub/deeper/a.cpp"
cp "$INPUTS/uam.cpp" "$TMP/other/b.cpp"

# No configuration anywhere up from $TMP/other (assuming none in / or /tmp).
run "$CHECKER" --dump-config "$TMP/other/b.cpp" --
expect_rc 0 "dump-config without a file"
expect_out "^Checks: +'?ownership-\*'?$" "default Checks"

# A file two levels up applies; Checks are appended to the default.
cat >"$TMP/proj/.ownership-checker.yaml" <<'YAML'
# comments are fine
Checks: '-ownership-use-after-move'
WarningsAsErrors: ''
YAML
run "$CHECKER" "$TMP/proj/sub/deeper/a.cpp" -- -std=c++17
expect_rc 0 "config disables the rule"
[ -z "$OUT" ] || fail "config disables the rule: $OUT"
run "$CHECKER" --dump-config "$TMP/proj/sub/deeper/a.cpp" --
expect_out "^Checks: +'ownership-\*,-ownership-use-after-move'$" "dump-config shows the merged Checks"
run "$CHECKER" --list-checks "$TMP/proj/sub/deeper/a.cpp" --
expect_no_out "ownership-use-after-move" "--list-checks follows the configuration"
# The command line is appended last, so it wins.
run "$CHECKER" --checks='ownership-use-after-move' "$TMP/proj/sub/deeper/a.cpp" -- -std=c++17
expect_rc 1 "command line re-enables the rule"
# Another file's configuration does not leak into b.cpp in the same run.
run "$CHECKER" "$TMP/proj/sub/deeper/a.cpp" "$TMP/other/b.cpp" -- -std=c++17
expect_rc 1 "two files, two configurations"
expect_out "b.cpp:10:8: warning" "b.cpp keeps the default"
expect_no_out "a.cpp:" "a.cpp follows its configuration"

# The nearest file wins; InheritParentConfig merges it over the parent's.
cat >"$TMP/proj/sub/.ownership-checker.yaml" <<'YAML'
WarningsAsErrors: 'ownership-use-after-move'
YAML
run "$CHECKER" "$TMP/proj/sub/deeper/a.cpp" -- -std=c++17
expect_rc 1 "nearest file replaces the parent"
expect_out "a.cpp:10:8: error: " "WarningsAsErrors from the configuration"
printf 'InheritParentConfig: true\nWarningsAsErrors: ownership-use-after-move\n' \
  >"$TMP/proj/sub/.ownership-checker.yaml"
run "$CHECKER" "$TMP/proj/sub/deeper/a.cpp" -- -std=c++17
expect_rc 0 "inherited Checks disable the rule"
run "$CHECKER" --dump-config "$TMP/proj/sub/deeper/a.cpp" --
expect_out "^WarningsAsErrors: +ownership-use-after-move$" "inherited dump: WarningsAsErrors"
expect_out "^Checks: +'ownership-\*,-ownership-use-after-move'$" "inherited dump: Checks"

# --config-file replaces the search; --dump-config output is itself a valid config.
cat >"$TMP/explicit.yaml" <<'YAML'
Checks: 'ownership-use-after-move'
HeaderFilterRegex: 'include/.*'
CheckOptions:
  ownership-use-after-move.NoSuchOption: 'x'
YAML
run "$CHECKER" --config-file="$TMP/explicit.yaml" --dump-config "$TMP/proj/sub/deeper/a.cpp" --
expect_rc 0 "--config-file --dump-config"
expect_out "^HeaderFilterRegex: +'include/\.\*'$" "HeaderFilterRegex from --config-file"
expect_out "^  ownership-use-after-move.NoSuchOption: +x$" "CheckOptions dumped"
expect_err "'ownership-use-after-move' has no option 'NoSuchOption'" "unknown rule option is warned about"
cp "$TMP/out" "$TMP/dumped.yaml"
run "$CHECKER" --config-file="$TMP/dumped.yaml" --dump-config "$TMP/other/b.cpp" --
expect_rc 0 "a dumped configuration reads back"
cmp -s "$TMP/dumped.yaml" "$TMP/out" || fail "dump of a dump differs: $(diff "$TMP/dumped.yaml" "$TMP/out")"
run "$CHECKER" --config-file="$TMP/explicit.yaml" "$TMP/proj/sub/deeper/a.cpp" -- -std=c++17
expect_rc 1 "--config-file enables the rule under a disabling file"

# Errors: one line, naming the file and the line.
printf 'Checks: ownership-*\nChekcs: oops\n' >"$TMP/unknown-key.yaml"
run "$CHECKER" --config-file="$TMP/unknown-key.yaml" "$INPUTS/uam.cpp" -- -std=c++17
expect_rc 2 "unknown key"
expect_one_error_line "unknown key"
expect_err "unknown-key.yaml:2:1: unknown key 'Chekcs'; did you mean 'Checks'\?" "unknown key: file, line and hint"

# Unknown keys get the nearest valid key, or the list of keys; CheckOptions the rule's
# options.
printf 'HeaderFilter: src/\n' >"$TMP/truncated-key.yaml"
run "$CHECKER" --config-file="$TMP/truncated-key.yaml" "$INPUTS/uam.cpp" -- -std=c++17
expect_rc 2 "a truncated key"
expect_one_error_line "a truncated key"
expect_err "unknown key 'HeaderFilter'; did you mean 'HeaderFilterRegex'\?" "the key it truncates"
printf 'Frobnicate: 1\n' >"$TMP/far-key.yaml"
run "$CHECKER" --config-file="$TMP/far-key.yaml" "$INPUTS/uam.cpp" -- -std=c++17
expect_one_error_line "a key like none"
expect_err "unknown key 'Frobnicate'; the keys are Checks, WarningsAsErrors, HeaderFilterRegex, SystemHeaders, AnalyzeTestFailures, InheritParentConfig, CheckOptions" \
  "a key like none: the list of keys"
cat >"$TMP/options.yaml" <<'YAML'
CheckOptions:
  ownership-leak.ConstPointerArgumentEscape: 'true'
  ownership-leek.ConstPointerArgumentsEscape: 'true'
  ownership-use-after-move.Anything: 'x'
YAML
run "$CHECKER" --no-cache --config-file="$TMP/options.yaml" "$INPUTS/uam.cpp" -- -std=c++17
expect_rc 1 "unknown options are warnings"
expect_err "'ownership-leak' has no option 'ConstPointerArgumentEscape'; it is ignored \(did you mean 'ConstPointerArgumentsEscape'\? its options: ConstPointerArgumentsEscape\)" \
  "an option of a rule, misspelled: the nearest and the list"
expect_err "option 'ownership-leek.ConstPointerArgumentsEscape' names no rule; it is ignored \(did you mean 'ownership-leak.ConstPointerArgumentsEscape'\?\)" \
  "an option of a misspelled rule: the nearest rule"
expect_err "'ownership-use-after-move' has no option 'Anything'; it is ignored \(it has no options\)" \
  "an option of a rule without options"

printf 'Checks: [unclosed\n' >"$TMP/bad.yaml"
run "$CHECKER" --config-file="$TMP/bad.yaml" "$INPUTS/uam.cpp" -- -std=c++17
expect_rc 2 "bad YAML"
expect_one_error_line "bad YAML"
expect_err "bad.yaml:[0-9]+:[0-9]+: " "bad YAML: file and line"

printf 'Checks: ownership-no-such-rule\n' >"$TMP/unknown-check.yaml"
run "$CHECKER" --config-file="$TMP/unknown-check.yaml" "$INPUTS/uam.cpp" -- -std=c++17
expect_rc 2 "unknown check in the configuration"
expect_one_error_line "unknown check in the configuration"
expect_err "unknown-check.yaml: unknown check 'ownership-no-such-rule' in Checks" "unknown check: file named"

printf 'HeaderFilterRegex: "(("\n' >"$TMP/bad-regex.yaml"
run "$CHECKER" --config-file="$TMP/bad-regex.yaml" "$INPUTS/uam.cpp" -- -std=c++17
expect_rc 2 "bad regex in the configuration"
expect_one_error_line "bad regex in the configuration"

run "$CHECKER" --config-file="$TMP/none.yaml" "$INPUTS/uam.cpp" -- -std=c++17
expect_rc 2 "missing --config-file"
expect_one_error_line "missing --config-file"

# A broken configuration affects only the files under it: the others are still analysed.
printf 'Checks: [\n' >"$TMP/proj/sub/.ownership-checker.yaml"
run "$CHECKER" "$TMP/proj/sub/deeper/a.cpp" "$TMP/other/b.cpp" -- -std=c++17
expect_rc 2 "broken configuration next to a good file"
expect_err "sub/.ownership-checker.yaml:1:" "broken configuration named"
expect_out "b.cpp:10:8: warning" "the good file is still analysed"

finish
