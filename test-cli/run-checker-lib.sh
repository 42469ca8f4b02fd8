# Shared by the run-checker*.test.sh scripts, sourced after lib.sh: a small project in
# $TMP/proj (three files with one use after move each, one clean file, one that does not
# compile) and db(), which writes its compilation database in $TMP/build.
RUN="$REPO/run-checker.sh"

mkdir -p "$TMP/proj/src" "$TMP/build"
for n in 1 2 3; do cp "$INPUTS/uam.cpp" "$TMP/proj/src/bad$n.cpp"; done
cp "$INPUTS/clean.cpp" "$TMP/proj/src/clean.cpp"
cp "$INPUTS/broken.cpp" "$TMP/proj/src/broken.cpp"

db() { # db FILE...: a compile_commands.json for these files (relative to $TMP/proj)
  local sep=""
  echo "[" >"$TMP/build/compile_commands.json"
  for f in "$@"; do
    printf '%s{"directory": "%s", "file": "%s", "arguments": ["clang++", "-std=c++17", "-c", "%s"]}\n' \
      "$sep" "$TMP/proj" "$f" "$f" >>"$TMP/build/compile_commands.json"
    sep=","
  done
  echo "]" >>"$TMP/build/compile_commands.json"
}
