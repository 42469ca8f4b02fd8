#!/bin/sh
# Checks a SARIF file with Microsoft's SARIF validator (the SARIF Multitool): against the
# SARIF 2.1.0 schema and the SARIF rules, and against GitHub code scanning's rules (Gh).
# Exits 1 and prints the problems when there is one, 0 when the file is valid.
#
#   validate-sarif.sh ownership-checker.sarif
#
# The validator comes from npm, through npx (Node.js), on first use; set SARIF_MULTITOOL
# to an installed Sarif.Multitool to use that instead.
set -eu
[ $# -eq 1 ] || { echo "usage: $0 FILE.sarif" >&2; exit 2; }
sarif="$1"
[ -r "$sarif" ] || { echo "$0: cannot read '$sarif'" >&2; exit 2; }
report="$(mktemp)"
log="$(mktemp)"
trap 'rm -f "$report" "$log"' EXIT
if [ -n "${SARIF_MULTITOOL:-}" ]; then
  set -- "$SARIF_MULTITOOL" validate "$sarif"
else
  set -- npx --yes @microsoft/sarif-multitool validate "$sarif"
fi
# The validator exits with 0 whatever it finds: its log says what it found.
"$@" --rule-kind "Sarif;Gh" --log ForceOverwrite --output "$report" >"$log" 2>&1 || { cat "$log" >&2; exit 2; }
if grep -E ': (error|warning) [A-Z]+[0-9]+' "$log" >&2; then
  exit 1
fi
grep -q "Analysis completed successfully" "$log" || { cat "$log" >&2; exit 2; }
echo "valid SARIF: $sarif"
