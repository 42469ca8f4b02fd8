# The incremental cache (issue 6): a re-run over unchanged files reuses the stored
# findings, a changed header re-analyses exactly the files that include it, and a
# damaged cache is only a miss.
source "$(dirname "$0")/lib.sh" "$1"

mkdir -p "$TMP/src"
cat >"$TMP/src/shared.h" <<'CPP'
#include <string>
#include <utility>
void sink(std::string);
inline int version() { return 1; }
CPP
cat >"$TMP/src/a.cpp" <<'CPP'
#include "shared.h"
void a() {
  std::string S = "a";
  sink(std::move(S));
  sink(S);
}
CPP
cat >"$TMP/src/b.cpp" <<'CPP'
#include <string>
#include <utility>
void sink(std::string);
void b() {
  std::string T = "b";
  sink(std::move(T));
  sink(T);
}
CPP
CACHE="$TMP/cache"
check() { run "$CHECKER" --cache-dir="$CACHE" "$@" "$TMP/src/a.cpp" "$TMP/src/b.cpp" -- -std=c++17; }
# entry FILE: the cache entry that names FILE as an input, with its inode (a rewrite
# makes a new one: entries are written to a new file and renamed).
entry() { grep -l "\"path\":\"$1\"" -r "$CACHE" --include='*.json' | head -1 | xargs -r stat -c '%n %i'; }

check
expect_rc 1 "first run"
FIRST="$OUT"
[ "$(grep -c ': warning: ' <<<"$OUT")" -eq 2 ] || fail "first run: expected 2 findings: $OUT"
[ "$(find "$CACHE" -name '*.json' | wc -l)" -eq 2 ] || fail "expected one entry per file: $(find "$CACHE")"
A1="$(entry "$TMP/src/a.cpp")"
B1="$(entry "$TMP/src/b.cpp")"
[ -n "$A1" ] && [ -n "$B1" ] || fail "entries do not list their source files"
grep -q "\"path\":\"$TMP/src/shared.h\"" "${A1% *}" || fail "a.cpp's entry does not list the header it includes"

check
expect_rc 1 "unchanged re-run"
[ "$OUT" = "$FIRST" ] || fail "a hit prints other findings:"$'\n'"$OUT"
[ "$(entry "$TMP/src/a.cpp")" = "$A1" ] || fail "unchanged a.cpp analysed again"
[ "$(entry "$TMP/src/b.cpp")" = "$B1" ] || fail "unchanged b.cpp analysed again"

# A changed header: a.cpp (which includes it) is analysed again, b.cpp is not.
echo 'inline int version2() { return 2; }' >>"$TMP/src/shared.h"
check
expect_rc 1 "after a header change"
[ "$OUT" = "$FIRST" ] || fail "findings changed with an unrelated header edit"
[ "$(entry "$TMP/src/a.cpp")" != "$A1" ] || fail "a.cpp not analysed again after its header changed"
[ "$(entry "$TMP/src/b.cpp")" = "$B1" ] || fail "b.cpp analysed again though it does not include the header"

# The configuration is part of the key: other checks, other result.
check --checks='-*,ownership-leak'
expect_rc 0 "other checks are not served from the cache"

# A damaged entry is a miss, not a crash.
for f in $(find "$CACHE" -name '*.json'); do echo '{"version": 1, "inputs": [' >"$f"; done
check
expect_rc 1 "damaged entries"
[ "$OUT" = "$FIRST" ] || fail "damaged entries changed the findings"

# A function over its budget: the note is printed on a hit too.
check --function-budget=1
NOTES="$ERR"
grep -q "note: function 'a' was not analysed" <<<"$NOTES" || fail "no budget note: $NOTES"
check --function-budget=1
[ "$ERR" = "$NOTES" ] || fail "a hit does not repeat the budget notes:"$'\n'"$ERR"

# Code that does not compile is not cached: its errors are printed every time.
printf 'void broken() { undeclared(); }\n' >"$TMP/src/broken.cpp"
for i in 1 2; do
  run "$CHECKER" --cache-dir="$CACHE" "$TMP/src/broken.cpp" -- -std=c++17
  expect_rc 2 "compile error, run $i"
  expect_err "undeclared" "compile error printed on run $i"
done

# An include path through a symbolic link and `..` (as the driver's GCC paths are, where
# /lib links to /usr/lib) is still an input the cache can hash: `..` is not removed by text.
mkdir -p "$TMP/real/pkg/inc" "$TMP/real/other"
ln -s "$TMP/real/other" "$TMP/link"
printf 'inline int pkg() { return 2; }\n' >"$TMP/real/pkg/inc/pkg.h"
printf '#include "pkg.h"\nint use() { return pkg(); }\n' >"$TMP/src/linked.cpp"
run "$CHECKER" --cache-dir="$TMP/linkcache" "$TMP/src/linked.cpp" -- -I"$TMP/link/../pkg/inc"
expect_rc 0 "include path through a link"
[ -n "$(grep -rl 'pkg.h' "$TMP/linkcache" --include='*.json' 2>/dev/null)" ] ||
  fail "a unit whose header is reached through a link and '..' was not cached"

# --no-cache neither reads nor writes.
run "$CHECKER" --no-cache --cache-dir="$TMP/none" "$TMP/src/a.cpp" -- -std=c++17
expect_rc 1 "--no-cache"
[ ! -e "$TMP/none" ] || fail "--no-cache wrote a cache"

finish
