#!/usr/bin/env python3
"""Mutation fuzzing of ownership-checker.

Takes C and C++ files (the test corpus, real-code TUs), makes seeded random mutants of
them (lines and tokens deleted, duplicated or swapped) and runs the checker on each with a
time limit. The only acceptable outcomes are a clean pass (exit 0), findings (exit 1) or
compile errors reported cleanly (exit 2). A crash, a hang, or an exit code outside 0-2 is
a failure: the mutant is saved with the command that reproduces it.

The same --seed gives the same mutants, so a failure seen in CI can be replayed locally.
"""
import argparse
import concurrent.futures
import os
import pathlib
import random
import re
import shutil
import subprocess
import sys
import tempfile

TOKEN = re.compile(r"\w+|\S")


def mutate(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 3)):
        if not lines:
            break
        op = rng.choice(["del-line", "dup-line", "swap-lines", "del-token", "dup-token", "swap-tokens"])
        i = rng.randrange(len(lines))
        if op == "del-line":
            del lines[i]
        elif op == "dup-line":
            lines.insert(i, lines[i])
        elif op == "swap-lines":
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        else:
            tokens = [m for m in TOKEN.finditer(lines[i])]
            if not tokens:
                continue
            t = rng.choice(tokens)
            line = lines[i]
            if op == "del-token":
                lines[i] = line[: t.start()] + line[t.end():]
            elif op == "dup-token":
                lines[i] = line[: t.end()] + " " + t.group() + line[t.end():]
            else:
                u = rng.choice(tokens)
                a, b = sorted([t, u], key=lambda m: m.start())
                if a.end() <= b.start():
                    lines[i] = (line[: a.start()] + b.group() + line[a.end(): b.start()] + a.group()
                                + line[b.end():])
    return "\n".join(lines)


def run_args(text: str, suffix: str) -> list:
    for line in text.split("\n"):
        m = re.search(r"//\s*RUN-ARGS:(.*)", line)
        if m:
            return m.group(1).split()
    return ["-std=c11"] if suffix == ".c" else ["-std=c++17"]


def collect(inputs) -> list:
    files = []
    for arg in inputs:
        p = pathlib.Path(arg)
        if p.is_dir():
            files += sorted(q for q in p.rglob("*") if q.suffix in (".c", ".cpp", ".cc"))
        elif p.is_file():
            files.append(p)
    return files


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tool", required=True, help="path to the ownership-checker binary")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=300, help="number of mutants")
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds per run")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--keep", default="fuzz-failures", help="where failing mutants are saved")
    ap.add_argument("inputs", nargs="+", help="files or directories of .c/.cpp files")
    args = ap.parse_args()

    sources = collect(args.inputs)
    if not sources:
        print("error: no .c/.cpp files in " + " ".join(args.inputs), file=sys.stderr)
        return 2
    rng = random.Random(args.seed)
    work = pathlib.Path(tempfile.mkdtemp(prefix="ownership-fuzz-"))
    jobs = []
    for n in range(args.count):
        src = rng.choice(sources)
        text = src.read_text(errors="replace")
        mutant = work / f"mutant-{n}{src.suffix}"
        mutant.write_text(mutate(text, rng))
        jobs.append((n, src, mutant, run_args(text, src.suffix)))

    def run(job):
        n, src, mutant, flags = job
        # Mutants are analysed, never served from (or stored in) the result cache.
        cmd = [args.tool, "--no-cache", "--color=never", str(mutant), "--"] + flags
        try:
            p = subprocess.run(cmd, capture_output=True, text=True, errors="replace",
                               timeout=args.timeout)
        except subprocess.TimeoutExpired:
            return job, cmd, f"no answer within {args.timeout:g} s"
        crashed = "Stack dump:" in p.stderr or "Sanitizer" in p.stderr or "runtime error:" in p.stderr
        if p.returncode not in (0, 1, 2) or crashed:
            tail = "\n".join(p.stderr.strip().split("\n")[-5:])
            return job, cmd, f"exit {p.returncode}\n{tail}"
        return None

    failures = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        for result in pool.map(run, jobs):
            if result:
                failures.append(result)

    keep = pathlib.Path(args.keep)
    for (n, src, mutant, flags), cmd, why in failures:
        keep.mkdir(parents=True, exist_ok=True)
        saved = keep / f"seed{args.seed}-mutant{n}-{src.stem}{src.suffix}"
        shutil.copy(mutant, saved)
        print(f"FAIL mutant {n} of {src}: {why}")
        print(f"  reproduce: {args.tool} --no-cache {saved} -- {' '.join(flags)}")
    shutil.rmtree(work, ignore_errors=True)
    print(f"fuzz: {len(jobs) - len(failures)} passed, {len(failures)} failed "
          f"(seed {args.seed}, {len(sources)} source files)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
