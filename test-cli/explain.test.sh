# --explain <rule-id> prints docs/rules/<rule-id>.rst as it was at build time.
source "$(dirname "$0")/lib.sh" "$1"

pages=0
for page in "$REPO"/docs/rules/*.rst; do
  [ -e "$page" ] || continue
  id="$(basename "$page" .rst)"
  run "$CHECKER" --explain "$id"
  expect_rc 0 "--explain $id"
  cmp -s "$page" "$TMP/out" || fail "--explain $id differs from $page (rebuild?)"
  pages=$((pages + 1))
done
echo "compared $pages doc page(s)"

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
