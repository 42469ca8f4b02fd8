#!/usr/bin/env python3
"""Checks that the docs describe the tool that was built: no more, no less.

* Every check that ``ownership-checker --checks=* --list-checks`` lists has a page
  ``docs/rules/<check>.rst`` titled with the check's id, and the memory-management
  guide's closing section links to it; every ``docs/rules/ownership-*.rst`` page belongs
  to a registered check (a page for a rule that is not there describes nothing).
* Every option that ``ownership-checker --help`` lists is documented with an
  ``.. option::`` directive in ``docs/guide/command-line.rst``, and every documented
  option is one that ``--help`` lists (hidden debugging options excepted).

Usage: check_tool_docs.py TOOL DOCS_DIR
"""

import os
import re
import subprocess
import sys

# Options every LLVM tool has, listed by --help but not ours to document one by one.
LLVM_GENERIC = {"--help-list", "--help-list-hidden", "--help-hidden"}


def run(tool, *args):
    proc = subprocess.run([tool, *args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, timeout=60)
    return proc.returncode, proc.stdout


def listed_checks(tool):
    code, out = run(tool, "--checks=*", "--list-checks")
    if code != 0:
        raise RuntimeError(f"--list-checks exited {code}:\n{out}")
    return sorted(l.strip() for l in out.splitlines() if l.strip().startswith("ownership-"))


def help_options(tool):
    code, out = run(tool, "--help")
    if code != 0:
        raise RuntimeError(f"--help exited {code}:\n{out}")
    options = set()
    for line in out.splitlines():
        m = re.match(r"^\s{1,4}(-{1,2}[A-Za-z][\w-]*)", line)
        if m:
            options.add(m.group(1))
    return options - LLVM_GENERIC


def documented_options(path):
    options = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"^\.\. option::\s+(.*)$", line.rstrip())
            if m:
                for spelling in m.group(1).split(","):
                    name = re.match(r"\s*(-{1,2}[A-Za-z][\w-]*)", spelling)
                    if name:
                        options.add(name.group(1))
    return options


def page_title(path):
    with open(path, encoding="utf-8") as f:
        lines = [l.rstrip("\n") for l in f]
    for i in range(len(lines) - 1):
        if lines[i].strip() and re.fullmatch(r"=+", lines[i + 1]):
            return lines[i].strip()
    return None


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    tool, docs = argv[1], os.path.abspath(argv[2])
    problems = []

    checks = listed_checks(tool)
    if not checks:
        problems.append("--list-checks lists no check")
    with open(os.path.join(docs, "memory-management.rst"), encoding="utf-8") as f:
        guide = f.read()
    for check in checks:
        page = os.path.join(docs, "rules", check + ".rst")
        if not os.path.exists(page):
            problems.append(f"check '{check}' has no page docs/rules/{check}.rst "
                            f"(copy the shape of docs/rules/ownership-use-after-move.rst)")
            continue
        if page_title(page) != check:
            problems.append(f"docs/rules/{check}.rst: the title must be '{check}'")
        if f"rules/{check}" not in guide:
            problems.append(f"check '{check}' is missing from the closing section of "
                            f"docs/memory-management.rst (link it with :doc:`rules/{check}`)")
    for name in sorted(os.listdir(os.path.join(docs, "rules"))):
        if name.startswith("ownership-") and name.endswith(".rst"):
            if name[:-4] not in checks:
                problems.append(f"docs/rules/{name} documents '{name[:-4]}', which "
                                f"--list-checks does not list")

    shown = help_options(tool)
    reference = os.path.join(docs, "guide", "command-line.rst")
    written = documented_options(reference)
    for option in sorted(shown - written):
        problems.append(f"option '{option}' is in --help but has no '.. option::' in "
                        f"docs/guide/command-line.rst")
    for option in sorted(written - shown):
        problems.append(f"docs/guide/command-line.rst documents '{option}', which --help "
                        f"does not list")

    for p in problems:
        print(p)
    print(f"{len(checks)} checks and {len(shown)} options compared with the docs, "
          f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
