# The user guide's page on run-checker.sh documents every option of its --help, and
# documents no option that --help lacks.
source "$(dirname "$0")/lib.sh" "$1"

run "$REPO/run-checker.sh" --checker "$CHECKER" --help
expect_rc 0 "--help"
python3 - "$TMP/out" "$REPO/docs/guide/run-checker.rst" <<'PY' || fail "options and docs differ"
import re, sys
help_text, page = open(sys.argv[1]).read(), open(sys.argv[2]).read()
# argparse lists each option as "  -x VALUE, --xx VALUE   help", one per line.
in_help = set()
for line in help_text.splitlines():
    if re.match(r"^  -", line):
        head = re.split(r"\s{2,}", line.strip())[0]
        in_help |= {part.split()[0] for part in head.split(", ")}
documented = set()
program = None
for line in page.splitlines():
    m = re.match(r"^\.\. program:: (\S+)", line)
    if m:
        program = m.group(1)
    m = re.match(r"^\s*\.\. option:: (.*)$", line)
    if m and program == "run-checker.sh":
        documented |= {part.split()[0] for part in m.group(1).split(", ")}
documented -= {"REGEX", "--"}
missing, extra = sorted(in_help - documented), sorted(documented - in_help)
if missing:
    print("in --help, not in docs/guide/run-checker.rst:", " ".join(missing))
if extra:
    print("in docs/guide/run-checker.rst, not in --help:", " ".join(extra))
sys.exit(1 if missing or extra else 0)
PY

finish
