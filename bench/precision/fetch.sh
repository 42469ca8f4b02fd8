#!/usr/bin/env bash
# bench/precision/fetch.sh: fetches the development corpus (packages.txt) with apt-get source
# and makes one compilation database per package. One command, idempotent: a second run
# reuses every download, source tree and database that is already there.
#
#   bench/precision/fetch.sh [DIR] [--only NAME...] [--jobs N]
#
# DIR defaults to ${XDG_CACHE_HOME:-$HOME/.cache}/ownership-checker/precision, outside the
# repository. Per package NAME it leaves DIR/NAME/src (the unpacked source, Debian patches
# applied), DIR/NAME/build/compile_commands.json and DIR/NAME/version. Needs root (or sudo)
# for the deb-src entry, apt-get update, build-dep and the tools it installs.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

dir="${XDG_CACHE_HOME:-$HOME/.cache}/ownership-checker/precision"
jobs=2
only=()
while [ $# -gt 0 ]; do
  case "$1" in
    --only) shift; while [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; do only+=("$1"); shift; done ;;
    --jobs) jobs="${2:?--jobs needs a number}"; shift 2 ;;
    --jobs=*) jobs="${1#--jobs=}"; shift ;;
    -h|--help) sed -n '2,11s/^# \{0,1\}//p' "$0"; exit 0 ;;
    -*) echo "fetch.sh: error: unknown option '$1'" >&2; exit 2 ;;
    *) dir="$1"; shift ;;
  esac
done
case "$jobs" in ''|*[!0-9]*|0) echo "fetch.sh: error: --jobs must be a positive number" >&2; exit 2 ;; esac
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"

sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive

log() { echo "fetch.sh: $*" >&2; }
die() { echo "fetch.sh: error: $*" >&2; exit 1; }

# The tools every recipe needs, installed once when missing.
ensure_tools() {
  local missing=() p
  for p in dpkg-dev cmake ninja-build make bear clang-19 autoconf automake libtool python3 \
           pkg-config debian-archive-keyring; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# apt-get source needs a deb-src entry for bookworm: add one unless a source list has it,
# and update the package lists when they do not know the sources yet.
ensure_deb_src() {
  local f=/etc/apt/sources.list.d/bookworm-src.sources
  if ! grep -rqsE '^(Types:.*deb-src|deb-src .*bookworm)' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    log "adding $f"
    $sudo tee "$f" >/dev/null <<'EOF2'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF2
    $sudo apt-get update -qq
  elif [ -z "$(apt-cache showsrc double-conversion 2>/dev/null)" ]; then
    $sudo apt-get update -qq
  fi
}

# Downloads and unpacks NAME (VERSION when the archive still has it) into DIR/NAME/src.
fetch_source() {
  local name="$1" version="$2" pkg="$dir/$1" spec dsc
  [ -f "$pkg/src/.unpacked" ] && return
  mkdir -p "$pkg/dl"
  spec="$name=$version"
  if [ -z "$(apt-cache showsrc "$name" 2>/dev/null | grep -x "Version: $version")" ]; then
    log "$name: version $version is no longer in the archive; taking the current one"
    spec="$name"
  fi
  if ! ls "$pkg"/dl/*.dsc >/dev/null 2>&1; then
    (cd "$pkg/dl" && apt-get source --download-only -qq -o APT::Sandbox::User=root "$spec") || die "$name: apt-get source failed"
  fi
  dsc="$(ls "$pkg"/dl/*.dsc | head -1)"
  rm -rf "$pkg/src"
  dpkg-source -q -x "$dsc" "$pkg/src" >"$pkg/dpkg-source.log" 2>&1 || die "$name: dpkg-source -x $dsc failed"
  sed -n 's/^Version: //p' "$dsc" >"$pkg/version"
  touch "$pkg/src/.unpacked"
}

# Rewrites a database so that every path in it is absolute and it lists each file once.
normalise_db() {
  python3 - "$1" <<'PY'
import json, os, sys
path = sys.argv[1]
with open(path) as f:
    entries = json.load(f)
seen, out = set(), []
for e in entries:
    full = os.path.normpath(os.path.join(e["directory"], e["file"]))
    if full in seen or not os.path.exists(full):
        continue
    seen.add(full)
    e["file"] = full
    out.append(e)
with open(path, "w") as f:
    json.dump(out, f, indent=1)
print(len(out))
PY
}

recipe_cmake() {
  local src="$1" build="$2" sub="" targets="" args=() a
  for a in "${@:3}"; do
    case "$a" in
      --dir=*) sub="${a#--dir=}" ;;
      --targets=*) targets="${a#--targets=}" ;;
      *) args+=("$a") ;;
    esac
  done
  cmake -S "$src/$sub" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
        -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
        -DCMAKE_EXPORT_COMPILE_COMMANDS=ON "${args[@]}" >"$build.log" 2>&1 \
    || { tail -20 "$build.log" >&2; return 1; }
  if [ -n "$targets" ]; then
    ninja -C "$build" -j "$jobs" ${targets//,/ } >>"$build.log" 2>&1 \
      || { tail -20 "$build.log" >&2; return 1; }
  fi
}

recipe_autotools() {
  local src="$1" build="$2" reconf=0 targets="" args=() a
  for a in "${@:3}"; do
    case "$a" in
      --autoreconf) reconf=1 ;;
      --make=*) targets="${a#--make=}" ;;
      *) args+=("$a") ;;
    esac
  done
  mkdir -p "$build"
  (
    cd "$src"
    if [ "$reconf" -eq 1 ] || [ ! -x configure ]; then autoreconf -fi; fi
    ./configure CC=clang-19 CXX=clang++-19 "${args[@]}"
    bear --output "$build/compile_commands.json" -- make -j "$jobs" ${targets//,/ }
  ) >"$build.log" 2>&1 || { tail -20 "$build.log" >&2; return 1; }
}

recipe_make() {
  local src="$1" build="$2"
  mkdir -p "$build"
  (
    cd "$src"
    bear --output "$build/compile_commands.json" -- \
      make -j "$jobs" CC=clang-19 CXX=clang++-19 "${@:3}"
  ) >"$build.log" 2>&1 || { tail -20 "$build.log" >&2; return 1; }
}

# Makes DIR/NAME/build/compile_commands.json unless it is there already.
make_db() {
  local name="$1" recipe="$2" pkg="$dir/$1" args=() a builddep=0 n
  for a in "${@:3}"; do
    if [ "$a" = "--build-dep" ]; then builddep=1; else args+=("$a"); fi
  done
  [ -s "$pkg/build/compile_commands.json" ] && [ -f "$pkg/build/.done" ] && return
  if [ "$builddep" -eq 1 ] && [ ! -f "$pkg/.build-dep" ]; then
    log "$name: apt-get build-dep"
    $sudo apt-get build-dep -y -qq "$name" >"$pkg/build-dep.log" 2>&1 \
      || { tail -20 "$pkg/build-dep.log" >&2; die "$name: apt-get build-dep failed"; }
    touch "$pkg/.build-dep"
  fi
  log "$name: making the compilation database ($recipe)"
  rm -rf "$pkg/build"
  case "$recipe" in
    cmake) recipe_cmake "$pkg/src" "$pkg/build" "${args[@]}" ;;
    autotools) recipe_autotools "$pkg/src" "$pkg/build" "${args[@]}" ;;
    make) recipe_make "$pkg/src" "$pkg/build" "${args[@]}" ;;
    *) die "$name: unknown recipe '$recipe' in packages.txt" ;;
  esac || die "$name: the $recipe recipe failed (log: $pkg/build.log)"
  [ -s "$pkg/build/compile_commands.json" ] || die "$name: no compile_commands.json was made"
  n="$(normalise_db "$pkg/build/compile_commands.json")"
  [ "$n" -gt 0 ] || die "$name: the compilation database lists no file"
  touch "$pkg/build/.done"
  log "$name: $n translation units"
}

wanted() {
  [ ${#only[@]} -eq 0 ] && return 0
  local o
  for o in "${only[@]}"; do [ "$o" = "$1" ] && return 0; done
  return 1
}

ensure_tools
ensure_deb_src
found=0
while read -r name version recipe rest; do
  case "$name" in ''|'#'*) continue ;; esac
  wanted "$name" || continue
  found=$((found + 1))
  # shellcheck disable=SC2086 # the recipe's arguments are words by design
  fetch_source "$name" "$version"
  make_db "$name" "$recipe" $rest
done <"$here/packages.txt"
[ "$found" -gt 0 ] || die "no package of packages.txt matches --only ${only[*]}"
log "done: $found package(s) in $dir"
