#!/usr/bin/env python3
"""Times ownership-checker against clang-19 -fsyntax-only, clang-tidy-19 and clang --analyze.

Run it through bench/run.sh, which installs what is missing first. Every tool runs on the
same files with the same compiler flags, interleaved (rep by rep, file by file, tool by
tool) so that a change in machine load hits all tools alike; for each (tool, file) the best
of the repetitions is kept. Times and peak memory come from /usr/bin/time.
"""
import argparse
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
GTEST = "/usr/src/googletest"
TIDY_COMPARABLE = ("-*,bugprone-use-after-move,clang-analyzer-cplusplus.*,"
                   "clang-analyzer-unix.Malloc,clang-analyzer-unix.MismatchedDeallocator")
FINDING = re.compile(r"^(.*?):(\d+):(\d+): (?:warning|error): .*\[(ownership-[a-z-]+)\]$")


def tools(checker, cache_dir=None, baseline=None):
    """(name, argv builder) for each tool; the builder takes (file, flags).

    The checker is timed without its cache (a cold run, every unit analysed) and, when
    cache_dir is given, with a cache there: the first repetition fills it, so the best of
    the others is the cost of a re-run over an unchanged tree. A baseline is an earlier
    build of the checker, timed the same way right after it, so that a cost bound against
    an older version is measured under the same load."""
    warm, base = [], []
    if baseline:
        base = [("checker baseline",
                 lambda f, fl: [baseline, "--no-cache", "--header-filter=.*", f, "--", *fl])]
    if cache_dir:
        warm = [("checker, warm cache",
                 lambda f, fl: [checker, "--cache-dir=" + cache_dir, "--header-filter=.*",
                                f, "--", *fl])]
    return [
        ("clang -fsyntax-only", lambda f, fl: ["clang-19", "-fsyntax-only", *fl, f]),
        ("ownership-checker",
         lambda f, fl: [checker, "--no-cache", "--header-filter=.*", f, "--", *fl]),
        *base,
        *warm,
        ("clang-tidy use-after-move",
         lambda f, fl: ["clang-tidy-19", "--quiet", "--header-filter=.*",
                        "--checks=-*,bugprone-use-after-move", f, "--", *fl]),
        ("clang-tidy comparable",
         lambda f, fl: ["clang-tidy-19", "--quiet", "--header-filter=.*",
                        "--checks=" + TIDY_COMPARABLE, f, "--", *fl]),
        ("clang --analyze", lambda f, fl: ["clang-19", "--analyze", "-o", "/dev/null", *fl, f]),
    ]


def header_include_dir(work):
    """Library headers under /usr/include are system headers, which every tool skips or
    treats specially. Reached through symlinks in a -I directory they are user headers,
    so that --header-filter=.* analyses their inline code, as issue 6 asks."""
    inc = os.path.join(work, "include")
    os.makedirs(inc, exist_ok=True)
    for lib in ("nlohmann", "spdlog", "fmt", "boost"):
        link = os.path.join(inc, lib)
        if not os.path.lexists(link) and os.path.isdir("/usr/include/" + lib):
            os.symlink("/usr/include/" + lib, link)
    return inc


def real_corpus(work, per_file):
    """(group, file, flags) of the real-code corpus."""
    base = ["-std=c++17", "-w"]
    gt = [f"-I{GTEST}/googletest/include", f"-I{GTEST}/googletest"]
    gm = gt + [f"-I{GTEST}/googlemock/include", f"-I{GTEST}/googlemock"]
    out = []
    if per_file:
        for f in sorted(glob.glob(f"{GTEST}/googletest/src/*.cc")):
            if not f.endswith("-all.cc"):
                out.append(("googletest", f, base + gt))
        for f in sorted(glob.glob(f"{GTEST}/googlemock/src/*.cc")):
            if not f.endswith("-all.cc"):
                out.append(("googletest", f, base + gm))
    else:
        out.append(("googletest", f"{GTEST}/googletest/src/gtest-all.cc", base + gt))
        out.append(("googletest", f"{GTEST}/googlemock/src/gmock-all.cc", base + gm))
    inc = header_include_dir(work)
    for f in sorted(glob.glob(os.path.join(HERE, "tus", "*.cpp"))):
        if os.path.basename(f) != "smoke.cpp":
            out.append(("header TUs", f, base + [f"-I{inc}", "-I/usr/lib/llvm-19/include"]))
    return out


def measure(argv, log):
    """Runs argv under /usr/bin/time: (wall s, cpu s, max RSS KiB, exit code, stdout)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
        p = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", "-o", tf.name, *argv],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           errors="replace")
        fields = tf.read().split()[-4:]
    if log:
        log.write(f"$ {' '.join(argv)}\n# exit {p.returncode} time {' '.join(fields)}\n")
    wall, user, sys_, rss = (float(x) for x in fields)
    return wall, user + sys_, rss, p.returncode, p.stdout


def run_all(cases, toolset, reps, log):
    """best[(tool, file)] = (wall, cpu, rss, exit); outputs[file] = checker stdout;
    outputs[("checker baseline", file)] = the baseline's."""
    best, outputs = {}, {}
    for rep in range(reps):
        for group, f, flags in cases:
            for name, build in toolset:
                wall, cpu, rss, rc, out = measure(build(f, flags), log)
                key = (name, f)
                if name == "ownership-checker":
                    outputs[f] = out
                elif name == "checker baseline":
                    outputs[(name, f)] = out
                old = best.get(key)
                best[key] = (wall, cpu, rss, rc) if old is None else (
                    min(old[0], wall), min(old[1], cpu), min(old[2], rss), rc)
        print(f"  repetition {rep + 1}/{reps} done", file=sys.stderr, flush=True)
    return best, outputs


def table(title, files, toolset, best):
    """Prints totals over files per tool and the ratios to -fsyntax-only."""
    base = None
    print(f"\n{title} ({len(files)} files)")
    print(f"  {'tool':28} {'wall s':>8} {'cpu s':>8} {'peak MiB':>9} "
          f"{'wall x':>7} {'cpu x':>7} {'mem x':>7}")
    for name, _ in toolset:
        rows = [best[(name, f)] for f in files if (name, f) in best]
        if not rows:
            continue
        wall = sum(r[0] for r in rows)
        cpu = sum(r[1] for r in rows)
        peak = max(r[2] for r in rows) / 1024
        if base is None:
            base = (wall, cpu, peak)
        bad = [os.path.basename(f) for f in files
               if (name, f) in best and best[(name, f)][3] not in (0, 1)]
        note = f"  (exit 2+ on {', '.join(bad)})" if bad else ""
        print(f"  {name:28} {wall:8.2f} {cpu:8.2f} {peak:9.0f} {wall / base[0]:7.2f} "
              f"{cpu / base[1]:7.2f} {peak / base[2]:7.2f}{note}")


def findings_of(outputs, baseline):
    """The finding lines of the checker's outputs, or of the baseline's."""
    return sorted({line for key, out in outputs.items()
                   if isinstance(key, tuple) == baseline
                   for line in out.splitlines() if FINDING.match(line)})


def findings_report(outputs, path):
    base = findings_of(outputs, True)
    if any(isinstance(k, tuple) for k in outputs):
        now = findings_of(outputs, False)
        print(f"\nfindings: checker {len(now)}, baseline {len(base)}; "
              f"only the checker: {len(set(now) - set(base))}, "
              f"only the baseline: {len(set(base) - set(now))}")
        for line in sorted(set(now) ^ set(base)):
            print(f"  {'+' if line in now else '-'} {line}")
    all_findings = []
    for f, out in outputs.items():
        if isinstance(f, tuple):
            continue
        for line in out.splitlines():
            m = FINDING.match(line)
            if m:
                all_findings.append(line)
    unique = sorted(set(all_findings))
    with open(path, "w") as fh:
        fh.write("\n".join(unique) + ("\n" if unique else ""))
    by_rule = {}
    for line in unique:
        rule = FINDING.match(line).group(4)
        by_rule[rule] = by_rule.get(rule, 0) + 1
    print(f"\nownership-checker findings on the real corpus: {len(all_findings)} reported, "
          f"{len(unique)} unique (a header's finding is reported once per TU)")
    for rule, n in sorted(by_rule.items()):
        print(f"  {rule}: {n}")
    print(f"  list: {path}")


def parse_profile(text):
    """{phase: (cpu s, wall s)} from the checker's --profile report (LLVM's timer format,
    whose columns depend on which of user, system and wall time are non-zero)."""
    cols, out = None, {}
    for line in text.splitlines():
        if "--- Name ---" in line:
            cols = re.findall(r"-{2,3}([A-Za-z+ ]+?)-{2,3}", line)
            continue
        nums = re.findall(r"([\d.]+) \(\s*[\d.]+%\)", line)
        if cols is None or len(nums) != len(cols) - 1:
            continue
        vals = dict(zip(cols, map(float, nums)))
        cpu = vals.get("User+System", vals.get("User Time", 0.0) + vals.get("System Time", 0.0))
        out[line.rsplit("%)", 1)[1].strip()] = (cpu, vals.get("Wall Time", 0.0))
    return out


def stress(work, checker, reps, log, scales):
    """Times the analysis (the checker's --profile, everything but clang's parse) of each
    generated stress function at each scale, best of reps, and the growth per doubling."""
    sys.path.insert(0, HERE)
    import gen_stress
    outdir = os.path.join(work, "stress")
    os.makedirs(outdir, exist_ok=True)
    files = {}
    for name, gen in gen_stress.KINDS.items():
        for sc in scales:
            files[(name, sc)] = os.path.join(outdir, f"{name}-x{sc}.cpp")
            with open(files[(name, sc)], "w") as fh:
                fh.write(gen(sc))
    best, status = {}, {}
    for rep in range(reps):
        for (name, sc), f in files.items():
            # Nesting and templates at 4x pass clang's default limits (256 brackets, 1024
            # instantiations deep).
            argv = [checker, "--profile", "--function-budget=0", f, "--", "-std=c++17",
                    "-fbracket-depth=4096", "-ftemplate-depth=4096"]
            p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            if log:
                log.write(f"$ {' '.join(argv)}\n# exit {p.returncode}\n{p.stderr}")
            prof = parse_profile(p.stderr)
            total, parse = prof.get("Total", (0.0, 0.0))[0], prof.get("parsing (clang)", (0.0, 0.0))[0]
            analysis = total - parse
            key = (name, sc)
            best[key] = min(best.get(key, analysis), analysis)
            notes = [l for l in p.stderr.splitlines() if "was not analysed" in l]
            nf = len([l for l in p.stdout.splitlines() if FINDING.match(l)])
            status[key] = ("does not compile" if p.returncode not in (0, 1)
                           else "skipped: " + notes[0].split("not analysed: ", 1)[1] if notes
                           else "analysed") + (f", {nf} findings (false positives)" if nf else "")
        print(f"  stress repetition {rep + 1}/{reps} done", file=sys.stderr, flush=True)
    print(f"\nstress TUs: analysis cpu seconds (--profile, all but clang's parse; best of {reps})")
    print("  scale 1 is half the issue's size, 2 is full; growth is the ratio per doubling")
    head = "".join(f"{'x' + str(sc):>9}" for sc in scales)
    grow = "".join(f"{'/'.join(map(str, pair)):>9}" for pair in zip(scales, scales[1:]))
    print(f"  {'kind':11}{head}   growth{grow}   status at x{scales[-1]}")
    for name in gen_stress.KINDS:
        times = [best[(name, sc)] for sc in scales]
        cells = "".join(f"{t:9.3f}" for t in times)
        ratios = "".join(f"{(b / a if a >= 0.01 else float('nan')):9.2f}"
                         for a, b in zip(times, times[1:]))
        print(f"  {name:11}{cells}         {ratios}   {status[(name, scales[-1])]}")


def parallel(work, checker, reps, log):
    """run-checker.sh -j1 against -jN (N = the machine's cores) over googletest's and
    googlemock's sources through one compilation database, without the cache; the two
    alternate, rep by rep, so that load drift hits both."""
    jobs = os.cpu_count() or 1
    gt = [f"-I{GTEST}/googletest/include", f"-I{GTEST}/googletest"]
    gm = gt + [f"-I{GTEST}/googlemock/include", f"-I{GTEST}/googlemock"]
    entries = []
    for lib, flags in (("googletest", gt), ("googlemock", gm)):
        for f in sorted(glob.glob(f"{GTEST}/{lib}/src/*.cc")):
            if not f.endswith("-all.cc"):
                entries.append({"directory": work, "file": f,
                                "arguments": ["clang++", "-std=c++17", "-w", *flags, "-c", f]})
    db = os.path.join(work, "parallel")
    os.makedirs(db, exist_ok=True)
    with open(os.path.join(db, "compile_commands.json"), "w") as fh:
        json.dump(entries, fh, indent=1)
    times = {1: [], jobs: []}
    for rep in range(reps):
        for j in times:
            argv = [os.path.join(ROOT, "run-checker.sh"), "-p", db, "-j", str(j), "--quiet",
                    "--checker", checker, "--", "--no-cache"]
            wall, _, _, rc, _ = measure(argv, log)
            times[j].append(wall)
        print(f"  parallel repetition {rep + 1}/{reps} done", file=sys.stderr, flush=True)
    one, many = times[1], times[jobs]
    med = lambda xs: sorted(xs)[len(xs) // 2]
    print(f"\nrun-checker.sh over {len(entries)} googletest sources, wall seconds, {reps} runs each")
    print(f"  -j1:  {' '.join(f'{t:.2f}' for t in one)}")
    print(f"  -j{jobs}:  {' '.join(f'{t:.2f}' for t in many)}")
    print(f"  speed-up -j{jobs} against -j1: best {min(one) / min(many):.2f}x, "
          f"median {med(one) / med(many):.2f}x")


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--checker", default=os.path.join(ROOT, "build/bin/ownership-checker"))
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--smoke", action="store_true", help="one small file, one repetition")
    ap.add_argument("--only", choices=("real", "stress", "parallel"), help="run one part only")
    ap.add_argument("--per-file", action="store_true",
                    help="googletest's .cc files one by one instead of the -all.cc files")
    ap.add_argument("--work", default=None, help="scratch directory (default: a temp dir)")
    ap.add_argument("--log", default=None, help="write every command and its times here")
    ap.add_argument("--stress-scales", default="1,2,4,8",
                    type=lambda v: [int(x) for x in v.split(",")],
                    help="sizes of the stress functions, in halves of the issue's size "
                         "(default 1,2,4,8: half, full, twice and four times full)")
    ap.add_argument("--baseline", default=None,
                    help="an earlier ownership-checker build, timed beside --checker")
    ap.add_argument("--checkers-only", action="store_true",
                    help="real corpus: time only clang -fsyntax-only and the checker builds")
    args = ap.parse_args()

    if not os.access(args.checker, os.X_OK):
        sys.exit(f"error: no ownership-checker at '{args.checker}' (build it, or --checker)")
    work = args.work or tempfile.mkdtemp(prefix="ownership-bench.")
    os.makedirs(work, exist_ok=True)
    log = open(args.log, "w") if args.log else None
    cache_dir = None if args.smoke else os.path.join(work, "checker-cache")
    if args.baseline and not os.access(args.baseline, os.X_OK):
        sys.exit(f"error: no ownership-checker at '{args.baseline}' (--baseline)")
    every = tools(args.checker, cache_dir, args.baseline)
    if args.checkers_only:
        every = [t for t in every if t[0] in
                 ("clang -fsyntax-only", "ownership-checker", "checker baseline")]
    toolset = [t for t in every if shutil.which(t[1]("x", [])[0])]
    missing = [name for name, _ in every if name not in dict(toolset)]
    if missing:
        print(f"note: not installed, skipped: {', '.join(missing)}")

    if args.smoke:
        cases = [("smoke", os.path.join(HERE, "tus", "smoke.cpp"), ["-std=c++17"])]
        best, _ = run_all(cases, toolset, 1, log)
        table("smoke", [c[1] for c in cases], toolset, best)
        bad = [k for k, v in best.items() if v[3] not in (0, 1)]
        if bad:
            sys.exit(f"error: tools failed on the smoke file: {bad}")
        return

    print(f"checker: {args.checker}\nrepetitions: {args.reps} (best kept)\nwork dir: {work}")
    if args.only in (None, "real"):
        cases = real_corpus(work, args.per_file)
        # A file that does not compile would make every timing meaningless.
        for c in list(cases):
            if subprocess.run(["clang-19", "-fsyntax-only", *c[2], c[1]],
                              stderr=subprocess.DEVNULL).returncode != 0:
                print(f"warning: {c[1]} does not compile; left out")
                cases.remove(c)
        best, outputs = run_all(cases, toolset, args.reps, log)
        for group in ("googletest", "header TUs"):
            table(f"real corpus: {group}", [c[1] for c in cases if c[0] == group], toolset, best)
        table("real corpus: all", [c[1] for c in cases], toolset, best)
        print("\nper file, cpu seconds:")
        for _, f, _ in cases:
            cells = " ".join(f"{best[(n, f)][1]:7.2f}" for n, _ in toolset if (n, f) in best)
            print(f"  {os.path.basename(f):22} {cells}")
        findings_report(outputs, os.path.join(work, "findings.txt"))
    if args.only in (None, "parallel"):
        parallel(work, args.checker, max(args.reps, 5), log)
    if args.only in (None, "stress"):
        stress(work, args.checker, args.reps, log, args.stress_scales)


if __name__ == "__main__":
    main()
