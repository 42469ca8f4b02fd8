# --explain <rule-id> prints docs/rules/<rule-id>.rst as it was at build time, as text
# a terminal shows well: the examples its literalinclude directives name are embedded
# and resolved (the user may have no docs folder), and no reStructuredText markup is left.
source "$(dirname "$0")/lib.sh" "$1"

pages=0
for page in "$REPO"/docs/rules/*.rst; do
  [ -e "$page" ] || continue
  id="$(basename "$page" .rst)"
  [ "$id" = index ] && continue
  run "$CHECKER" --explain "$id"
  expect_rc 0 "--explain $id"
  expect_out "^$id$" "--explain $id: the title"
  for markup in '^\.\. ' ':doc:`' ':ref:`' ':option:`' '``' ':lines:' ':language:'; do
    expect_no_out "$markup" "--explain $id: no '$markup' left"
  done
  # Every paragraph of the page is there (its first line, inline markup aside).
  first="$(awk 'NF && !/^[.=-]/ && !/^ / && !/`/ && !/\\/ && !/:[a-z]+:/ { print; exit }' "$page")"
  [ -z "$first" ] || grep -qF -- "$first" "$TMP/out" || fail "--explain $id lacks the line: $first"
  pages=$((pages + 1))
done
echo "rendered $pages doc page(s)"
[ "$pages" -gt 0 ] || fail "no rule page found"

# The examples are resolved: the use-after-move page includes lines 6-10 of an example,
# numbered from 6, and the example's expected output.
run "$CHECKER" --explain ownership-use-after-move
example="$REPO/test-corpus/examples/use-after-move-basic.cpp"
line6="$(sed -n 6p "$example")"
expect_out "^     6 \| $(sed 's/[][\.*^$(){}+?|]/\\&/g' <<<"$line6")$" "line 6 of the example, numbered"
grep -E '^ +[0-9]+ \| ' "$TMP/out" | grep -qF '#include' &&
  fail "the example's #include lines are outside :lines: 6-10"
expect_out "^    \\\$ ownership-checker use-after-move-basic.cpp" "the included expected output"
# :doc: links become addresses under --docs-base-uri.
run "$CHECKER" --explain ownership-use-after-move --docs-base-uri=https://example.org/docs
expect_out "https://example.org/docs/guide/command-line.rst" ":doc: as an address"
# The invalidated-reference page's list-table becomes a list.
run "$CHECKER" --explain ownership-invalidated-reference
expect_out "^  \* \`deque\`$" "a list-table row"
expect_out "^      invalidates iterators only: \`push_back\`" "a list-table cell under its header"

# Every registered rule without a page says so, in one line.
"$CHECKER" --list-checks | sed -n 's/^    //p' >"$TMP/rules"
while read -r id; do
  [ -e "$REPO/docs/rules/$id.rst" ] && continue
  run "$CHECKER" --explain="$id"
  expect_rc 2 "--explain $id without a page"
  expect_one_error_line "--explain $id without a page"
  expect_err "no documentation for '$id'" "--explain $id without a page"
done <"$TMP/rules"
[ -s "$TMP/rules" ] || fail "--list-checks listed no rule"

run "$CHECKER" --explain ownership-no-such-rule
expect_rc 2 "--explain of an unknown rule"
expect_one_error_line "--explain of an unknown rule"
expect_err "unknown rule 'ownership-no-such-rule'" "--explain of an unknown rule"

finish
