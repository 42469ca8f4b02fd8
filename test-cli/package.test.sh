# Install and package: `cpack` builds the Debian package of this build, which is unpacked
# into a scratch root (as dpkg would lay it out, without installing it on this machine);
# the installed tool, the installed clang-tidy plugin (in the clang-tidy of the build's
# LLVM version) and the installed run-checker.sh then run from there on an example, and
# the package names the dependencies a fresh machine needs. `cmake --install --prefix`
# puts the same files in the GNUInstallDirs places.
source "$(dirname "$0")/lib.sh" "$1"

BUILD="$(cd "$BIN/.." && pwd)"
V="${OWNERSHIP_LLVM_VERSION:-}"
[ -n "$V" ] || { fail "no llvm-tools.env in $BUILD: configure the build again"; finish; }
for tool in cpack dpkg-deb; do
  command -v "$tool" >/dev/null || { fail "$tool missing (run scripts/install-deps.sh)"; finish; }
done

# A compilation database for the example, with the path of uam.cpp in the scratch dir.
mkdir -p "$TMP/project"
cp "$INPUTS/uam.cpp" "$TMP/project/uam.cpp"
cat >"$TMP/project/compile_commands.json" <<EOF
[{"directory": "$TMP/project", "file": "$TMP/project/uam.cpp",
  "arguments": ["clang++", "-std=c++17", "-c", "$TMP/project/uam.cpp"]}]
EOF
UAM_FINDING="uam.cpp:10:8: warning: 'Name' used after it was moved \[ownership-use-after-move\]"

# check_tree ROOT BINDIR LIBDIR MANDIR DOCDIR: the installed files are where they belong.
check_tree() {
  local root=$1
  for f in "$2/ownership-checker" "$2/run-checker.sh"; do
    [ -x "$root/$f" ] || fail "$f is not installed (or not executable) under $root"
  done
  [ -f "$root/$3/ownership-checker/libOwnershipTidyModule.so" ] ||
    fail "the plugin is not installed as $3/ownership-checker/libOwnershipTidyModule.so"
  [ -f "$root/$4/man1/ownership-checker.1.gz" ] || fail "no manual page $4/man1/ownership-checker.1.gz"
  for page in "$REPO"/docs/rules/ownership-*.rst; do
    cmp -s "$page" "$root/$5/rules/$(basename "$page")" ||
      fail "rule page $(basename "$page") is not installed in $5/rules"
  done
}

# -- The Debian package ---------------------------------------------------------------
run cpack --config "$BUILD/CPackConfig.cmake" -B "$TMP/pkg"
expect_rc 0 "cpack"
DEB="$(find "$TMP/pkg" -maxdepth 1 -name 'ownership-checker_*.deb' | head -n 1)"
[ -n "$DEB" ] || { fail "cpack made no ownership-checker_*.deb: $OUT"; finish; }
case "$(basename "$DEB")" in
  *"+llvm${V}_"*) ;;
  *) fail "the package's name does not say LLVM $V: $(basename "$DEB")" ;;
esac

run dpkg-deb -f "$DEB" Package Version Depends Recommends
expect_out "^Package: ownership-checker$" "package name"
expect_out "^Version: [0-9.]+\+llvm${V}$" "package version names the LLVM version"
for dep in "libclang-cpp${V}" "libllvm${V}" "libfmt[0-9]" "libclang-common-${V}-dev" "python3" "libstdc\+\+6"; do
  grep -E "^Depends: " <<<"$OUT" | grep -qE "(^Depends: |, )${dep}" ||
    fail "Depends lacks $dep: $(grep '^Depends' <<<"$OUT")"
done
expect_out "^Recommends: clang-tidy-${V}$" "clang-tidy of the same version recommended"

ROOT="$TMP/root"
dpkg-deb -x "$DEB" "$ROOT" || fail "dpkg-deb -x $DEB"
check_tree "$ROOT" usr/bin usr/lib usr/share/man usr/share/doc/ownership-checker

# The installed tool, from the scratch root.
run "$ROOT/usr/bin/ownership-checker" --no-cache "$TMP/project/uam.cpp" -- -std=c++17
expect_rc 1 "installed tool on the example"
expect_out "$UAM_FINDING" "installed tool finds the use after move"
run "$ROOT/usr/bin/ownership-checker" --version
expect_out "built with LLVM ${V}\." "installed tool's LLVM version"
# --explain renders the page it embeds for the terminal; the installed tool must print what
# the built one prints (nothing read from the source tree), and the page itself is installed.
run "$ROOT/usr/bin/ownership-checker" --explain ownership-use-after-move
cp "$TMP/out" "$TMP/explain-installed"
run "$CHECKER" --explain ownership-use-after-move
cmp -s "$TMP/out" "$TMP/explain-installed" ||
  fail "--explain of the installed tool and of the built one differ"
PAGE="$ROOT/usr/share/doc/ownership-checker/rules/ownership-use-after-move.rst"
[ "$(head -n1 "$PAGE")" = "$(head -n1 "$TMP/out")" ] ||
  fail "the installed rule page does not start like --explain's text"

# The installed plugin, in the clang-tidy of the build's version.
if need_llvm_tool OWNERSHIP_CLANG_TIDY; then
  run "$OWNERSHIP_CLANG_TIDY" --load="$ROOT/usr/lib/ownership-checker/libOwnershipTidyModule.so" \
    --checks='-*,ownership-*' --quiet "$TMP/project/uam.cpp" -- -std=c++17
  expect_rc 0 "installed plugin in clang-tidy (warnings only)"
  expect_out "$UAM_FINDING" "installed plugin finds the use after move"
fi

# The installed run-checker.sh runs the tool beside it, even when PATH has another one:
# here a decoy that fails loudly.
mkdir -p "$TMP/decoy"
printf '#!/bin/sh\necho "decoy ownership-checker ran" >&2\nexit 3\n' >"$TMP/decoy/ownership-checker"
chmod +x "$TMP/decoy/ownership-checker"
run env PATH="$TMP/decoy:/usr/bin:/bin" "$ROOT/usr/bin/run-checker.sh" -p "$TMP/project" --quiet
expect_rc 1 "installed run-checker.sh"
expect_out "$UAM_FINDING" "installed run-checker.sh runs the installed tool beside it"
! grep -q decoy <<<"$OUT$ERR" || fail "installed run-checker.sh ran the ownership-checker on PATH"
# Copied elsewhere, it finds the installed tool on PATH.
mkdir -p "$TMP/elsewhere"
cp "$ROOT/usr/bin/run-checker.sh" "$TMP/elsewhere/"
run env PATH="$ROOT/usr/bin:/usr/bin:/bin" "$TMP/elsewhere/run-checker.sh" -p "$TMP/project" --quiet
expect_rc 1 "run-checker.sh with the tool on PATH"
expect_out "$UAM_FINDING" "run-checker.sh finds the tool on PATH"

# The manual page documents every option that --help lists.
page="$(gzip -dc "$ROOT/usr/share/man/man1/ownership-checker.1.gz")"
grep -q '^\.TH OWNERSHIP-CHECKER 1 ' <<<"$page" || fail "manual page lacks its .TH line"
while read -r opt; do
  grep -qF -- "${opt//-/\\-}" <<<"$page" || fail "the manual page lacks $opt"
done < <("$ROOT/usr/bin/ownership-checker" --help | sed -nE 's/^  (--?[a-z][a-z-]*).*/\1/p')

# -- cmake --install --------------------------------------------------------------------
run cmake --install "$BUILD" --prefix "$TMP/prefix"
expect_rc 0 "cmake --install"
check_tree "$TMP/prefix" bin lib share/man share/doc/ownership-checker
run env PATH="$TMP/decoy:/usr/bin:/bin" "$TMP/prefix/bin/run-checker.sh" -p "$TMP/project" --quiet
expect_rc 1 "run-checker.sh from cmake --install"
expect_out "$UAM_FINDING" "run-checker.sh from cmake --install runs the tool beside it"

finish
