# Helpers shared by the command-line tests. Each test script is run by CTest as
#   bash test-cli/<name>.sh BUILD-BIN-DIR
# and sources this file. A test prints what failed and exits 1 at the end, or exits 0.
set -uo pipefail

BIN="$(cd "$1" && pwd)"
CHECKER="$BIN/ownership-checker"
INPUTS="$(cd "$(dirname "${BASH_SOURCE[0]}")/inputs" && pwd)"
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# The LLVM tools of the version the build was made with (OWNERSHIP_CLANG_TIDY, ...), as
# CMake wrote them; see need_llvm_tool.
if [ -f "$BIN/../llvm-tools.env" ]; then
  # shellcheck disable=SC1091
  source "$BIN/../llvm-tools.env"
fi
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
FAILURES=0

fail() {
  echo "FAIL: $*"
  FAILURES=$((FAILURES + 1))
}

# run CMD...: runs a command, keeping its stdout, stderr and exit code in OUT, ERR, RC.
run() {
  "$@" >"$TMP/out" 2>"$TMP/err"
  RC=$?
  OUT="$(cat "$TMP/out")"
  ERR="$(cat "$TMP/err")"
}

expect_rc() { # expect_rc N WHAT
  [ "$RC" -eq "$1" ] || fail "$2: exit code $RC, expected $1 (stderr: $ERR)"
}
expect_out() { # expect_out REGEX WHAT: some line of stdout matches
  grep -qE -- "$1" <<<"$OUT" || fail "$2: stdout lacks /$1/; it was:"$'\n'"$OUT"
}
expect_no_out() {
  ! grep -qE -- "$1" <<<"$OUT" || fail "$2: stdout has /$1/; it was:"$'\n'"$OUT"
}
expect_err() {
  grep -qE -- "$1" <<<"$ERR" || fail "$2: stderr lacks /$1/; it was:"$'\n'"$ERR"
}
# The bad-input contract: exactly one line on stderr (clang's own compile errors aside).
expect_one_error_line() {
  local n
  n=$(grep -c . <<<"$ERR")
  [ "$n" -eq 1 ] || fail "$1: expected one line on stderr, got $n:"$'\n'"$ERR"
  grep -q "error: " <<<"$ERR" || fail "$1: stderr does not say error: $ERR"
}

# need_llvm_tool VAR: the build's LLVM tool VAR (e.g. OWNERSHIP_CLANG_TIDY) exists, or the
# test fails (returns 1) with a message that says what to install.
need_llvm_tool() {
  local path="${!1:-}"
  [ -n "$path" ] && [ -x "$path" ] && return 0
  fail "$1 not found for LLVM ${OWNERSHIP_LLVM_VERSION:-?} ('$path'): run scripts/install-deps.sh and configure again"
  return 1
}

finish() {
  if [ "$FAILURES" -ne 0 ]; then
    echo "$FAILURES check(s) failed"
    exit 1
  fi
  echo "all checks passed"
  exit 0
}

# pool_fixture SOURCE MODEL: a C library "pool" the shipped models do not know, used by
# one function that leaks it (line 9 ends it) and one that releases it, and its model.
pool_fixture() {
  mkdir -p "$(dirname "$1")" "$(dirname "$2")"
  cat >"$1" <<'CPP'
extern "C" {
struct pool;
pool *pool_create(int size);
void pool_destroy(pool *p);
}
void leak() {
  pool *p = pool_create(4);
  (void)p;
}
void fine() {
  pool *p = pool_create(4);
  pool_destroy(p);
}
CPP
  cat >"$2" <<'YAML'
Functions:
  - Names: [pool_create]
    Allocates: pool
  - Names: [pool_destroy]
    Releases: {Argument: 0, Family: pool}
YAML
}
