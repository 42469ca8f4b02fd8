#!/usr/bin/env python3
"""Checks a non-C++ example that the docs show: it does what the docs say it does.

Rust (``.rs``): the first line says what rustc must do with the file,
``// rustc: ok`` (compile without warnings) or ``// rustc: error[E0382]`` (fail with
that error code and no other). The memory-management guide cites these codes.

Python (``.py``): runs with this interpreter and must exit 0.

C++ (``.cpp``, only those with a ``NAME.stdout``): compiled with ``--cxx`` as C++17,
run, and must exit 0. (Every C++ example is also a corpus case for the checker.)

Either kind that runs: when ``NAME.stdout`` sits next to the example, its output must
match that file, which the docs show with ``literalinclude``.

Usage: check_example.py FILE [--rustc PATH] [--cxx PATH]
"""

import os
import re
import subprocess
import sys
import tempfile


def compare_stdout(path, actual):
    expected_path = os.path.splitext(path)[0] + ".stdout"
    if not os.path.exists(expected_path):
        return True
    with open(expected_path, encoding="utf-8") as f:
        expected = f.read()
    if actual == expected:
        return True
    print(f"{path}: output differs from {os.path.basename(expected_path)}")
    print("--- expected\n" + expected + "--- actual\n" + actual)
    return False


def check_rust(path, rustc):
    with open(path, encoding="utf-8") as f:
        first = f.readline().strip()
    m = re.fullmatch(r"// rustc: (ok|error\[(E\d{4})\])", first)
    if not m:
        print(f"{path}:1: the first line must be '// rustc: ok' or '// rustc: error[E....]'")
        return False
    want_error = m.group(2)
    with tempfile.TemporaryDirectory() as tmp:
        binary = os.path.join(tmp, "example")
        proc = subprocess.run([rustc, "--edition", "2021", "--error-format", "short",
                               "-D", "warnings", "-o", binary, path],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        codes = sorted(set(re.findall(r"error\[(E\d{4})\]", proc.stdout)))
        if want_error:
            if proc.returncode == 0 or codes != [want_error]:
                print(f"{path}: rustc should fail with error[{want_error}] only; "
                      f"it exited {proc.returncode} with {codes or 'no error codes'}\n"
                      + proc.stdout)
                return False
            print(f"{path}: rejected with error[{want_error}], as the docs say")
            return True
        if proc.returncode != 0:
            print(f"{path}: rustc should accept this example\n" + proc.stdout)
            return False
        run = subprocess.run([binary], stdout=subprocess.PIPE, text=True, timeout=60)
        if run.returncode != 0:
            print(f"{path}: the example exited {run.returncode}")
            return False
        ok = compare_stdout(path, run.stdout)
        if ok:
            print(f"{path}: compiles and runs as the docs say")
        return ok


def check_cxx(path, cxx):
    with tempfile.TemporaryDirectory() as tmp:
        binary = os.path.join(tmp, "example")
        proc = subprocess.run([cxx, "-std=c++17", "-Wall", "-Werror", "-o", binary, path],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if proc.returncode != 0:
            print(f"{path}: does not compile\n" + proc.stdout)
            return False
        run = subprocess.run([binary], stdout=subprocess.PIPE, text=True, timeout=60)
        if run.returncode != 0:
            print(f"{path}: the example exited {run.returncode}")
            return False
        ok = compare_stdout(path, run.stdout)
        if ok:
            print(f"{path}: compiles and runs as the docs say")
        return ok


def check_python(path):
    run = subprocess.run([sys.executable, path], stdout=subprocess.PIPE, text=True, timeout=60)
    if run.returncode != 0:
        print(f"{path}: the example exited {run.returncode}")
        return False
    ok = compare_stdout(path, run.stdout)
    if ok:
        print(f"{path}: runs as the docs say")
    return ok


def main(argv):
    args = argv[1:]
    tools = {"--rustc": "rustc", "--cxx": "c++"}
    for flag in tools:
        if flag in args:
            i = args.index(flag)
            tools[flag] = args[i + 1]
            del args[i:i + 2]
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    path = os.path.abspath(args[0])
    if path.endswith(".rs"):
        return 0 if check_rust(path, tools["--rustc"]) else 1
    if path.endswith(".cpp"):
        return 0 if check_cxx(path, tools["--cxx"]) else 1
    if path.endswith(".py"):
        return 0 if check_python(path) else 1
    print(f"{path}: not a Rust, Python or C++ example", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
