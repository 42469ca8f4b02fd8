# The editor recipes of docs/guide/editors.rst (docs/recipes/editors/*) start a working
# server, and the VS Code problem matcher reads the text output (test-cli/lsp-recipes.py).
source "$(dirname "$0")/lib.sh" "$1"

python3 "$(dirname "$0")/lsp-recipes.py" "$REPO/docs/recipes/editors" "$CHECKER" "$INPUTS/uam.cpp" "$TMP" \
  >"$TMP/recipes.log" 2>&1 || fail "editor recipes:"$'\n'"$(cat "$TMP/recipes.log")"
cat "$TMP/recipes.log"

finish
