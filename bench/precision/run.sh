#!/usr/bin/env bash
# bench/precision/run.sh: analyses every unit of the development corpus that fetch.sh made
# and compares the findings with triage.tsv. Not part of CTest: the corpus takes minutes.
#
#   bench/precision/run.sh [--checker PATH] [--only PKG...] [--jobs N] [--dir DIR]
#                          [--triage FILE] [--timeout S] [--write-untriaged FILE] [--findings FILE]
#
# Prints the findings that fail (untriaged, or triaged false), the failed runs (crash,
# time-out, compile error, sanitizer report), stale triage entries, and a table per package.
# Exit code 1 when anything failed, 2 for bad options or input. See README.md.
exec python3 "$(dirname "$0")/run.py" "$@"
