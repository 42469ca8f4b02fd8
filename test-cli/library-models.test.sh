# Library models from files: --model-file and the configuration's ModelFiles add models
# to the shipped ones; a bad model file is a one-line error with exit code 2.
source "$(dirname "$0")/lib.sh" "$1"

mkdir -p "$TMP/proj/models" "$TMP/elsewhere"
pool_fixture "$TMP/proj/use.cpp" "$TMP/proj/models/pool.yaml"

run "$CHECKER" --no-cache "$TMP/proj/use.cpp" --
expect_rc 0 "without a model, pool_create is unknown"

run "$CHECKER" --no-cache --model-file="$TMP/proj/models/pool.yaml" "$TMP/proj/use.cpp" --
expect_rc 1 "--model-file adds the model"
expect_out "use.cpp:9:1: warning: memory allocated by 'pool_create'.* \[ownership-leak\]" "the leak"
expect_no_out "use.cpp:1[0-9]:" "the clean look-alike"

# ModelFiles in the configuration: relative to the configuration file's directory,
# whatever the current directory is.
printf 'ModelFiles: [models/pool.yaml]\n' >"$TMP/proj/.ownership-checker.yaml"
(cd "$TMP/elsewhere" && run "$CHECKER" --no-cache "$TMP/proj/use.cpp" -- && echo "$RC" >"$TMP/rc")
RC=$(cat "$TMP/rc")
expect_rc 1 "ModelFiles of the configuration"
run "$CHECKER" --dump-config "$TMP/proj/use.cpp" --
expect_out "$TMP/proj/models/pool.yaml" "--dump-config shows the model file, absolute"

# Bad model files: one line, file:line:col, exit code 2.
printf 'Functions:\n  - Names: [pool_create]\n    Alocates: pool\n' >"$TMP/typo.yaml"
run "$CHECKER" --no-cache --model-file="$TMP/typo.yaml" "$TMP/proj/use.cpp" --
expect_rc 2 "an unknown key"
expect_one_error_line "an unknown key"
expect_err "typo.yaml:3:5: .*unknown key 'Alocates'" "the key's position"

printf 'Functions:\n  - Names: [pool_create]\n' >"$TMP/empty-entry.yaml"
run "$CHECKER" --no-cache --model-file="$TMP/empty-entry.yaml" "$TMP/proj/use.cpp" --
expect_rc 2 "an entry that says nothing"
expect_err "empty-entry.yaml:2:.*says nothing about the functions it names" "why"

printf 'Functions:\n  - Names: [f]\n    Allocates: a\n    ReturnsBorrowed: 0\n' >"$TMP/two.yaml"
run "$CHECKER" --no-cache --model-file="$TMP/two.yaml" "$TMP/proj/use.cpp" --
expect_rc 2 "two results"
expect_err "at most one of 'Allocates', 'Reallocates', 'ReturnsBorrowed' and 'AllocatesOnStack'" "why"

run "$CHECKER" --no-cache --model-file="$TMP/missing.yaml" "$TMP/proj/use.cpp" --
expect_rc 2 "a missing model file"
expect_one_error_line "a missing model file"
expect_err "missing.yaml: cannot read model file" "names the file"

printf 'ModelFiles: [nowhere.yaml]\n' >"$TMP/proj/.ownership-checker.yaml"
run "$CHECKER" --no-cache "$TMP/proj/use.cpp" --
expect_rc 2 "a configuration naming a missing model file"
expect_err "$TMP/proj/nowhere.yaml: cannot read model file" "resolved against the configuration's directory"

finish
