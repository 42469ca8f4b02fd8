#!/usr/bin/env python3
"""Replays a shell session that the user guide shows, and checks that its output is unchanged.

A session (``docs/recipes/**/*.session``) is what a user types and sees::

    $ ownership-checker --dump-config src/orders.cpp
    ---
    Checks: ...
    $ echo $?
    0

Each ``$ `` line is a bash command (a trailing backslash continues it on the next line);
the lines up to the next ``$ `` line are its standard output and standard error, merged as
a terminal shows them. ``$ echo $?`` prints the exit code of the command before it, and
``cd`` changes the directory of the commands after it.

The session runs in a scratch home directory, so that it can create and edit files and
the paths it prints are the same on every machine:

* ``~/project``: a copy of the directory that holds the session file (the example
  project), where the session starts;
* ``~/ownership-checker``: a checkout as the install guide leaves it, with
  ``run-checker.sh``, ``test-corpus/`` and ``build/`` (the build directory under test:
  ``build/bin/ownership-checker``, ``build/lib/libOwnershipTidyModule.so``).

``~/ownership-checker`` and ``~/ownership-checker/build/bin`` are on ``PATH``, as the
guide tells users to set it. In the output, the scratch home is shown as ``/home/me``. The
elapsed time at the end of run-checker.sh's summary line is not compared: it varies.

The docs pull the session in with ``literalinclude``, so they cannot show commands that
fail or output that the tools no longer print.

Usage: check_session.py BUILD_DIR SOURCE_DIR SESSION [--update]
  --update rewrites the session with what the commands print now (review the diff).
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile

import transcript

PROMPT = "$ "
SHOWN_HOME = "/home/me"
# run-checker.sh's last line: "run-checker.sh: 3 files, 2 findings, 0 files with errors, 1s".
SUMMARY_TIME = re.compile(r"^(run-checker\.sh: \d+ files?, .*, )(\d+m)?\d+s$")


def parse(text):
    """Splits a session into [(command, expected output lines)]."""
    steps = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        if not lines[i].startswith(PROMPT):
            raise ValueError(f"line {i + 1}: expected a '$ command' line, got {lines[i]!r}")
        command = [lines[i]]
        while command[-1].endswith("\\") and i + 1 < len(lines):
            i += 1
            command.append(lines[i])
        i += 1
        output = []
        while i < len(lines) and not lines[i].startswith(PROMPT):
            output.append(lines[i])
            i += 1
        steps.append((command, output))
    return steps


def make_home(root, build_dir, source_dir, session_dir):
    home = os.path.join(root, "home")
    checkout = os.path.join(home, "ownership-checker")
    os.makedirs(checkout)
    os.symlink(os.path.join(source_dir, "run-checker.sh"), os.path.join(checkout, "run-checker.sh"))
    os.symlink(os.path.join(source_dir, "test-corpus"), os.path.join(checkout, "test-corpus"))
    os.symlink(build_dir, os.path.join(checkout, "build"))
    shutil.copytree(session_dir, os.path.join(home, "project"), symlinks=True,
                    ignore=shutil.ignore_patterns("*.session"))
    return home


def normalizer(home, build_dir, source_dir):
    """Replaces the machine's paths with the ones a user of the guide would see."""
    real_home = os.path.realpath(home)
    pairs = [(real_home, SHOWN_HOME), (home, SHOWN_HOME),
             (os.path.realpath(build_dir), SHOWN_HOME + "/ownership-checker/build"),
             (os.path.realpath(source_dir), SHOWN_HOME + "/ownership-checker")]
    pairs.sort(key=lambda p: -len(p[0]))

    def normalize(text):
        for real, shown in pairs:
            text = text.replace(real, shown)
        return [l.rstrip() for l in text.splitlines()]
    return normalize


def comparable(lines):
    return [SUMMARY_TIME.sub(r"\1<time>", l) for l in lines]


def replay(steps, home, env, normalize):
    """Runs the commands one by one; returns the session as the tools print it now."""
    cwd = os.path.join(home, "project")
    cwd_file = os.path.join(home, ".session-cwd")
    last = 0
    actual = []
    for command, _ in steps:
        text = "\n".join(command)[len(PROMPT):]
        script = (f"(exit {last})\n{text}\n__status=$?\n"
                  f"pwd > '{cwd_file}'\nexit $__status\n")
        proc = subprocess.run(["bash", "-c", script], cwd=cwd, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, timeout=300)
        last = proc.returncode
        with open(cwd_file, encoding="utf-8") as f:
            cwd = f.read().strip() or cwd
        actual.extend(command)
        actual.extend(normalize(proc.stdout.decode("utf-8", "replace")))
    return actual


def main(argv):
    args = [a for a in argv[1:] if a != "--update"]
    update = len(args) != len(argv) - 1
    if len(args) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    build_dir, source_dir, path = (os.path.abspath(a) for a in args)
    with open(path, encoding="utf-8") as f:
        expected_text = f.read()
    try:
        steps = parse(expected_text)
    except ValueError as e:
        print(f"{path}: {e}", file=sys.stderr)
        return 2
    if not steps:
        print(f"{path}: no command to replay", file=sys.stderr)
        return 2
    for tool in (os.path.join(build_dir, "bin", "ownership-checker"),
                 os.path.join(source_dir, "run-checker.sh")):
        if not os.access(tool, os.X_OK):
            print(f"{path}: {tool} is missing (build it first)", file=sys.stderr)
            return 2

    with tempfile.TemporaryDirectory(prefix="docs-session-") as root:
        home = make_home(root, build_dir, source_dir, os.path.dirname(path))
        checkout = os.path.join(home, "ownership-checker")
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("CLICOLOR", "FORCE_COLOR", "MAKEFLAGS"))}
        env.update(HOME=home, LC_ALL="C.UTF-8", TERM="dumb",
                   PATH=os.pathsep.join([checkout, os.path.join(checkout, "build", "bin"),
                                         env.get("PATH", "/usr/bin:/bin")]))
        actual = replay(steps, home, env, normalizer(home, build_dir, source_dir))

    return transcript.finish(path, expected_text, actual, update,
                             f"{len(steps)} command(s), output as shown in the docs",
                             f"{argv[0]} {' '.join(args)}", comparable)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
