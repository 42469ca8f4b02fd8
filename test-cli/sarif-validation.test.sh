# docs/recipes/ci/validate-sarif.sh, the SARIF check the CI page and README tell users to
# run, accepts the tool's SARIF and rejects a broken file.
source "$(dirname "$0")/lib.sh" "$1"

SCRIPT="$REPO/docs/recipes/ci/validate-sarif.sh"
export SARIF_MULTITOOL="${XDG_CACHE_HOME:-$HOME/.cache}/ownership-checker/sarif-multitool/Sarif.Multitool"
[ -x "$SARIF_MULTITOOL" ] || { fail "SARIF validator missing at $SARIF_MULTITOOL (run scripts/install-deps.sh)"; finish; }

"$CHECKER" --no-cache --format=sarif --output="$TMP/good.sarif" "$INPUTS/uam.cpp" -- -std=c++17
run sh "$SCRIPT" "$TMP/good.sarif"
expect_rc 0 "the tool's SARIF is valid"
expect_out "valid SARIF: .*good.sarif" "says so"

python3 - "$TMP/good.sarif" "$TMP/bad.sarif" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
del d["runs"][0]["tool"]["driver"]["name"]
json.dump(d, open(sys.argv[2], "w"))
PY
run sh "$SCRIPT" "$TMP/bad.sarif"
expect_rc 1 "a SARIF file without the tool's name"
expect_err "error JSON1002: runs\[0\]\.tool\.driver: The required property 'name' is missing" \
  "the problem is printed"

run sh "$SCRIPT" "$TMP/none.sarif"
expect_rc 2 "a missing file"

# The guide and README show the same command.
grep -qE 'validate-sarif.sh"? ownership-checker.sarif' "$REPO/docs/guide/ci.rst" ||
  fail "docs/guide/ci.rst does not show validate-sarif.sh"
grep -q 'validate-sarif.sh' "$REPO/README.md" || fail "README.md does not name validate-sarif.sh"

finish
