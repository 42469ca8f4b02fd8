# The clang-tidy plugin reads library models from the global option ModelFiles, as the
# standalone tool reads the configuration's ModelFiles: a model given there changes the
# findings, a relative path is relative to the nearest .clang-tidy, and a missing or
# malformed model file is a configuration error that fails the run.
source "$(dirname "$0")/lib.sh" "$1"

PLUGIN="$BIN/../lib/libOwnershipTidyModule.so"
[ -f "$PLUGIN" ] || { fail "plugin not built at $PLUGIN"; finish; }
need_llvm_tool OWNERSHIP_CLANG_TIDY || finish
TIDY="$OWNERSHIP_CLANG_TIDY"

mkdir -p "$TMP/proj/models" "$TMP/proj/src" "$TMP/elsewhere"
pool_fixture "$TMP/proj/src/use.cpp" "$TMP/proj/models/pool.yaml"

tidy() { # tidy DIR [ARGS...]: the plugin's ownership checks on use.cpp, run from DIR
  local dir="$1"
  shift
  (cd "$dir" && "$TIDY" --load="$PLUGIN" --checks='-*,ownership-*' --quiet "$@" \
    "$TMP/proj/src/use.cpp" -- -std=c++17)
}

run tidy "$TMP/elsewhere"
expect_rc 0 "without a model, pool_create is unknown"
expect_no_out "ownership-leak" "no finding without a model"

# Relative to the .clang-tidy that sets it, whatever the current directory is.
printf 'CheckOptions:\n  ModelFiles: models/pool.yaml\n' >"$TMP/proj/.clang-tidy"
run tidy "$TMP/elsewhere"
expect_out "use.cpp:9:1: warning: memory allocated by 'pool_create'.* \[ownership-leak\]" \
  "ModelFiles in .clang-tidy adds the model"
expect_no_out "use.cpp:1[0-9]:" "the clean look-alike"

# Through --config, relative to the current directory (no .clang-tidy nearer).
rm "$TMP/proj/.clang-tidy"
run tidy "$TMP/proj" --config='{CheckOptions: {ModelFiles: "models/pool.yaml"}}'
expect_out "use.cpp:9:1: warning: .*\[ownership-leak\]" "ModelFiles from --config"

# Several files, separated by ';': the later one corrects the earlier.
cat >"$TMP/proj/models/keep.yaml" <<'YAML'
Functions:
  - Names: [pool_create]
    ReadsOnly: true
YAML
run tidy "$TMP/proj" --config='{CheckOptions: {ModelFiles: "models/pool.yaml; models/keep.yaml"}}'
expect_no_out "ownership-leak" "the later model file replaces the earlier model"

# A missing file and a malformed one: an error that names the file, and a failing run.
run tidy "$TMP/proj" --config='{CheckOptions: {ModelFiles: "models/none.yaml"}}'
[ "$RC" -ne 0 ] || fail "a missing model file: exit 0"
expect_out "error: ownership-\* checks not run: .*models/none.yaml: cannot read model file" \
  "a missing model file is named"
printf 'Functions:\n  - Names: [pool_create]\n    Alocates: pool\n' >"$TMP/proj/models/bad.yaml"
run tidy "$TMP/proj" --config='{CheckOptions: {ModelFiles: "models/bad.yaml"}}'
[ "$RC" -ne 0 ] || fail "a malformed model file: exit 0"
expect_out "error: ownership-\* checks not run: .*models/bad.yaml:3:5: unknown key 'Alocates'" \
  "a malformed model file: where and what"

finish
