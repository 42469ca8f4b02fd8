#!/usr/bin/env python3
"""Checks that a tool transcript shown in the docs is what the built tool prints.

A transcript (``test-corpus/examples/*.expected``) is what a user would see in a shell
opened in the transcript's directory::

    $ ownership-checker orders-move.cpp -- -std=c++17
    orders-move.cpp:17:24: warning: ...
    $ echo $?
    1

Each ``$ ownership-checker ARGS`` line is run again with the built tool, in the
transcript's directory, with stdout and stderr merged as a terminal shows them. The lines
up to the next ``$`` line are its expected output. ``$ echo $?`` is followed by the exit
code of the command before it. ``$ cd DIR`` (relative to the transcript's directory)
changes the directory the next commands run in. The docs pull the same file in with ``literalinclude``,
so they cannot show output the tool does not print.

Usage: check_output.py TOOL TRANSCRIPT [--update]
  --update rewrites the transcript with the tool's current output (review the diff).
"""

import os
import shlex
import subprocess
import sys

import transcript

PROMPT = "$ "
TOOL_NAME = "ownership-checker"


def parse(text):
    """Splits a transcript into [(command args, expected lines, expected exit or None)]."""
    steps = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.startswith(PROMPT):
            raise ValueError(f"line {i + 1}: expected a '$ {TOOL_NAME} ...' line, got {line!r}")
        args = shlex.split(line[len(PROMPT):])
        if len(args) == 2 and args[0] == "cd":
            steps.append((line, args, [], None))
            i += 1
            continue
        if not args or args[0] != TOOL_NAME:
            raise ValueError(f"line {i + 1}: only '{TOOL_NAME}' commands can be checked")
        i += 1
        output = []
        while i < len(lines) and not lines[i].startswith(PROMPT):
            output.append(lines[i])
            i += 1
        exit_code = None
        if i < len(lines) and lines[i] == PROMPT + "echo $?":
            if i + 1 >= len(lines) or not lines[i + 1].strip().isdigit():
                raise ValueError(f"line {i + 2}: expected the exit code after 'echo $?'")
            exit_code = int(lines[i + 1])
            i += 2
        steps.append((line, args, output, exit_code))
    return steps


def normalize(output, tool, workdir):
    """Makes the output independent of where the tool and the checkout live."""
    text = output.replace(os.path.abspath(workdir) + os.sep, "")
    text = text.replace(os.path.abspath(workdir), ".")
    text = text.replace(tool, TOOL_NAME)
    return [l.rstrip() for l in text.splitlines()]


def run(tool, args, workdir):
    proc = subprocess.run([tool] + args, cwd=workdir, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, timeout=120)
    return normalize(proc.stdout, tool, workdir), proc.returncode


def main(argv):
    if len(argv) not in (3, 4) or (len(argv) == 4 and argv[3] != "--update"):
        print(__doc__, file=sys.stderr)
        return 2
    tool, path = os.path.abspath(argv[1]), os.path.abspath(argv[2])
    update = len(argv) == 4
    workdir = os.path.dirname(path)
    with open(path, encoding="utf-8") as f:
        expected_text = f.read()
    try:
        steps = parse(expected_text)
    except ValueError as e:
        print(f"{path}: {e}", file=sys.stderr)
        return 2
    if not steps:
        print(f"{path}: no '$ {TOOL_NAME}' command to check", file=sys.stderr)
        return 2

    actual = []
    for command, args, _, exit_code in steps:
        if args[0] == "cd":
            workdir = os.path.normpath(os.path.join(os.path.dirname(path), args[1]))
            actual.append(command)
            continue
        output, code = run(tool, args[1:], workdir)
        actual.append(command)
        actual.extend(output)
        if exit_code is not None:
            actual.extend([PROMPT + "echo $?", str(code)])
    return transcript.finish(path, expected_text, actual, update,
                             f"{len(steps)} command(s), output as shown in the docs",
                             f"{sys.argv[0]} {argv[1]} {path}")

if __name__ == "__main__":
    sys.exit(main(sys.argv))
