# --format=text|sarif|json and --output: contents, escaping of odd file names and
# messages, and SARIF validated by Microsoft's SARIF validator (Sarif.Multitool).
source "$(dirname "$0")/lib.sh" "$1"

MULTITOOL="${XDG_CACHE_HOME:-$HOME/.cache}/ownership-checker/sarif-multitool/Sarif.Multitool"

# validate FILE: zero errors and zero warnings from the SARIF and GitHub rule sets.
validate() {
  if [ ! -x "$MULTITOOL" ]; then
    fail "SARIF validator missing at $MULTITOOL (run scripts/install-deps.sh)"
    return
  fi
  local log
  local report
  report="$(mktemp -u "$TMP/validation-XXXXXX.sarif")"
  log="$("$MULTITOOL" validate --rule-kind "Sarif;Gh" -o "$report" "$1" 2>&1)"
  if grep -qE ': (error|warning) [A-Z]+[0-9]+' <<<"$log" || ! grep -q "Analysis completed successfully" <<<"$log"; then
    fail "SARIF validation of $1:"$'\n'"$log"
  fi
}

# --- text (the default), and the same through --output
run "$CHECKER" "$INPUTS/uam.cpp" -- -std=c++17
expect_rc 1 "text"
expect_out "uam.cpp:10:8: warning: 'Name' used after it was moved \[ownership-use-after-move\]" "text"
expect_out "uam.cpp:9:8: note: moved here" "text"
run "$CHECKER" --output="$TMP/out.txt" "$INPUTS/uam.cpp" -- -std=c++17
expect_rc 1 "--output"
[ -z "$OUT" ] || fail "--output: stdout should be empty, was: $OUT"
grep -q "uam.cpp:10:8: warning: " "$TMP/out.txt" || fail "--output: file lacks the finding"
grep -q $'\e\\[' "$TMP/out.txt" && fail "--output: colors in a file with --color=auto"

# --- json
run "$CHECKER" --format=json "$INPUTS/uam.cpp" -- -std=c++17
expect_rc 1 "json"
python3 - "$TMP/out" <<'PY' || fail "json content"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["version"] == 1, d
[f] = d["findings"]
assert f["rule"] == "ownership-use-after-move", f
assert f["file"].endswith("uam.cpp") and f["line"] == 10 and f["column"] == 8, f
assert f["function"] == "useAfterMove" and f["level"] == "warning", f
assert f["message"] == "'Name' used after it was moved", f
assert [(n["line"], n["message"]) for n in f["notes"]] == [(9, "moved here")], f
PY

# --- sarif, validated
run "$CHECKER" --format=sarif --output="$TMP/uam.sarif" "$INPUTS/uam.cpp" -- -std=c++17
expect_rc 1 "sarif"
validate "$TMP/uam.sarif"
python3 - "$TMP/uam.sarif" <<'PY' || fail "sarif content"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["version"] == "2.1.0"
run = d["runs"][0]
rules = run["tool"]["driver"]["rules"]
uam = [r for r in rules if r["id"] == "ownership-use-after-move"][0]
assert uam["shortDescription"]["text"], uam
assert uam["helpUri"].endswith("rules/ownership-use-after-move.rst"), uam
[res] = run["results"]
assert rules[res["ruleIndex"]]["id"] == res["ruleId"] == "ownership-use-after-move"
loc = res["locations"][0]["physicalLocation"]
assert loc["artifactLocation"]["uri"].endswith("uam.cpp") and loc["region"]["startLine"] == 10
assert res["relatedLocations"][0]["message"]["text"] == "moved here"
flow = res["codeFlows"][0]["threadFlows"][0]["locations"]
assert [l["location"]["physicalLocation"]["region"]["startLine"] for l in flow] == [9, 10], flow
PY
run "$CHECKER" --format=sarif --docs-base-uri=https://example.org/doc "$INPUTS/clean.cpp" -- -std=c++17
expect_rc 0 "sarif, clean"
grep -q '"helpUri": "https://example.org/doc/rules/ownership-use-after-move.rst"' "$TMP/out" ||
  fail "--docs-base-uri not used: $OUT"
cp "$TMP/out" "$TMP/clean.sarif"
validate "$TMP/clean.sarif"

# --- escaping: a file name with a quote, a tab, a space and non-ASCII, a non-ASCII
# identifier in the message, and a source line (SARIF's snippet) with quotes,
# backslashes and a control character. (Clang itself turns backslashes in file names
# into '/' on POSIX, so they cannot reach a report.) Relative to the current directory
# the file gets a relative URI under SRCROOT; from elsewhere an absolute one.
ODD=$'we"ird\tb n\xc3\xa4me.cpp'
mkdir -p "$TMP/src"
sed -e 's/Name/N\xc3\xa4me/g' -e 's|^  sink(N\xc3\xa4me);$|  sink(N\xc3\xa4me); // "q" \\ \x01 end|' \
  "$INPUTS/uam.cpp" >"$TMP/src/$ODD"
grep -q $'// "q" \\\\ \x01 end' "$TMP/src/$ODD" || fail "test setup: odd source line not written"
(cd "$TMP/src" && "$CHECKER" --format=json "$ODD" -- -std=c++17 >"$TMP/odd.json")
python3 - "$TMP/odd.json" "$ODD" <<'PY' || fail "json escaping"
import json, sys
d = json.load(open(sys.argv[1]))
[f] = d["findings"]
assert f["file"].endswith("/src/" + sys.argv[2]), (f["file"], sys.argv[2])
assert f["message"] == "'N\u00e4me' used after it was moved", f["message"]
PY
(cd "$TMP/src" && "$CHECKER" --format=sarif "$ODD" -- -std=c++17 >"$TMP/odd.sarif")
validate "$TMP/odd.sarif"
python3 - "$TMP/odd.sarif" "$ODD" <<'PY' || fail "sarif escaping"
import json, sys, urllib.parse
d = json.load(open(sys.argv[1]))
run = d["runs"][0]
[res] = run["results"]
loc = res["locations"][0]["physicalLocation"]
art = loc["artifactLocation"]
assert art["uriBaseId"] == "SRCROOT", art
assert urllib.parse.unquote(art["uri"]) == sys.argv[2], art
assert all(c not in art["uri"] for c in '"\\\t '), art
assert res["message"]["text"] == "'N\u00e4me' used after it was moved"
assert loc["region"]["snippet"]["text"] == '  sink(N\u00e4me); // "q" \\ \x01 end', loc
# The column counts UTF-16 code units: the same here, as the line is ASCII before it.
assert loc["region"]["startColumn"] == 8, loc
PY
mkdir -p "$TMP/elsewhere"
(cd "$TMP/elsewhere" && "$CHECKER" --format=sarif "$TMP/src/$ODD" -- -std=c++17 >"$TMP/odd-abs.sarif")
validate "$TMP/odd-abs.sarif"
python3 - "$TMP/odd-abs.sarif" "$TMP/src/$ODD" <<'PY' || fail "sarif absolute URI"
import json, sys, urllib.parse
d = json.load(open(sys.argv[1]))
art = d["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
assert "uriBaseId" not in art and art["uri"].startswith("file:///"), art
assert urllib.parse.unquote(art["uri"][len("file://"):]) == sys.argv[2], art
PY

# --- bad values
run "$CHECKER" --format=xml "$INPUTS/uam.cpp" -- -std=c++17
expect_rc 2 "--format=xml"
expect_one_error_line "--format=xml"
run "$CHECKER" --output=/nonexistent/dir/out.sarif --format=sarif "$INPUTS/uam.cpp" -- -std=c++17
expect_rc 2 "unwritable --output"
expect_one_error_line "unwritable --output"
expect_err "/nonexistent/dir/out.sarif" "unwritable --output names the file"

finish
