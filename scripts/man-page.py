#!/usr/bin/env python3
"""Writes the manual page of ownership-checker from what its --help prints.

The build runs this, so the page says what the installed tool does, like help2man but
knowing the shape of LLVM's --help: a USAGE line, categories of options (``  --opt=<x>
- text`` with indented continuation lines), then the tool's own paragraphs, which become
sections by their first words (``Exit codes:`` is EXIT STATUS, ``Examples:`` is
EXAMPLES, ...). Lines indented within a paragraph are kept as they are.

Usage: man-page.py TOOL VERSION OUT.1
The date on the page comes from SOURCE_DATE_EPOCH when set (reproducible builds), and
is left out otherwise.
"""

import datetime
import os
import re
import subprocess
import sys

OPTION = re.compile(r"^  (-\S.*?)\s+- (.*)$")
CATEGORY = re.compile(r"^(\S.*) options:$|^(Generic Options):$", re.IGNORECASE)
SECTIONS = [("Exit codes:", "EXIT STATUS"), ("Configuration:", "CONFIGURATION"),
            ("Suppressions", "SUPPRESSIONS"), ("Examples:", "EXAMPLES")]
SUMMARY = "Rust's ownership and borrowing rules for C++"
SEE_ALSO = ("run-checker.sh (installed beside it), clang-tidy(1); each rule's page: "
            "ownership-checker --explain RULE")


def roff(text):
    """Escapes text for roff: backslashes, and a leading dot or quote."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    if text.startswith((".", "'")):
        text = "\\&" + text
    return text


def parse(help_text):
    """Splits --help into (usage, [(category, [(option, text)])], [paragraph lines])."""
    lines = help_text.expandtabs(8).splitlines()
    usage = ""
    categories = []
    rest = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("USAGE: "):
            usage = line[len("USAGE: "):]
        elif CATEGORY.match(line):
            categories.append((line.rstrip(":"), []))
        elif categories and OPTION.match(line):
            name, text = OPTION.match(line).groups()
            categories[-1][1].append([name, text])
        elif categories and categories[-1][1] and line.startswith(" " * 10) and \
                not rest:
            categories[-1][1][-1][1] += " " + line.strip()
        elif line.strip() == "OPTIONS:" or (not line.strip() and not rest):
            pass
        else:
            rest = lines[i:]
            break
        i += 1
    return usage, categories, rest


def paragraphs(lines):
    out, current = [], []
    for line in lines:
        if line.strip():
            current.append(line)
        elif current:
            out.append(current)
            current = []
    if current:
        out.append(current)
    # LLVM continues a note in a tab-indented paragraph of its own: keep them together.
    merged = []
    for par in out:
        if merged and par[0].startswith(" " * 8):
            merged[-1] += par
        else:
            merged.append(par)
    return merged


def render_paragraph(par):
    """A paragraph: its flowing lines as text, its indented lines as they are."""
    out = [".PP"]
    preformatted = False
    for line in par:
        # Two to seven spaces: an example or a YAML snippet. LLVM indents its own prose
        # with a tab (eight spaces here), which flows.
        indented = line.startswith("  ") and not line.startswith(" " * 8)
        if indented and not preformatted:
            out.append(".nf")
            preformatted = True
        elif not indented and preformatted:
            out.append(".fi")
            preformatted = False
        out.append(roff(line.rstrip() if preformatted else line.strip()))
    if preformatted:
        out.append(".fi")
    return out


def render(tool_name, version, date, usage, categories, rest):
    out = [f'.TH {tool_name.upper()} 1 "{date}" "{tool_name} {version}" "User Commands"',
           ".SH NAME", f"{roff(tool_name)} \\- {roff(SUMMARY)}",
           ".SH SYNOPSIS", f".B {roff(tool_name)}", roff(usage.split(" ", 1)[1] if " " in usage else "")]
    by_section = {"DESCRIPTION": []}
    for par in paragraphs(rest):
        section = next((s for lead, s in SECTIONS if par[0].startswith(lead)), "DESCRIPTION")
        by_section.setdefault(section, []).append(par)
    out.append(".SH DESCRIPTION")
    # The tool's own words first, then LLVM's notes on -p and the source paths.
    description = by_section.pop("DESCRIPTION")
    description.sort(key=lambda par: par[0].startswith(("-p ", "<source")))
    for par in description:
        out += render_paragraph(par)
    out.append(".SH OPTIONS")
    for category, options in categories:
        out += [".SS " + roff(category)]
        for name, text in options:
            out += [".TP", "\\fB" + roff(name) + "\\fR", roff(text)]
    for _, section in SECTIONS:
        if section in by_section:
            out.append(".SH " + section)
            for par in by_section[section]:
                out += render_paragraph(par)
    out += [".SH SEE ALSO", roff(SEE_ALSO)]
    return "\n".join(out) + "\n"


def main(argv):
    if len(argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    tool, version, out_path = argv[1:]
    proc = subprocess.run([tool, "--help"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, env=dict(os.environ, COLUMNS="100"))
    if proc.returncode != 0:
        print(f"man-page.py: error: {tool} --help failed: {proc.stderr.strip()}", file=sys.stderr)
        return 2
    usage, categories, rest = parse(proc.stdout)
    if not usage or not any(options for _, options in categories):
        print(f"man-page.py: error: {tool} --help printed no USAGE line or no options",
              file=sys.stderr)
        return 2
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    date = (datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).strftime("%Y-%m-%d")
            if epoch else "")
    page = render(os.path.basename(tool), version, date, usage, categories, rest)
    with open(out_path, "w", encoding="utf-8") as f:
        f.write(page)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
