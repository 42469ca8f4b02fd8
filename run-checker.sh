#!/usr/bin/env bash
# run-checker.sh: runs ownership-checker over the files of a compilation database, in
# parallel, like IWYU's iwyu_tool.py or clang-tidy's run-clang-tidy. It does no analysis:
# it starts one checker per batch of files, shows progress, passes the output through,
# combines the SARIF files, counts findings by rule, and exits with the worst exit code of
# its runs. A batch whose run fails is run again file by file, to name the file.
#
#   run-checker.sh -p build [-j N] [--shard K/N] [--sarif out.sarif] [REGEX...] [-- ARGS]
#
# Run with --help for every option. Needs python3 (for the JSON it reads and writes).
exec python3 -c "$(cat <<'PYTHON'
import argparse, collections, json, os, re, shlex, shutil, signal, subprocess, sys, tempfile, threading, time
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(sys.argv[1]))
# The first line of a finding in the checker's text output, with or without a location.
FINDING = re.compile(r"^(?:(.*?):(\d+):(\d+): )?(?:warning|error): (.*) \[(ownership-[a-z0-9-]+)\]$")
# A source line or caret line under a finding or note: never the start of a finding.
SNIPPET = re.compile(r"^ *[0-9]* \| ")
COLOR = re.compile(r"\033\[[0-9;]*m")

def default_checker():
    """The ownership-checker beside this script (as installed), else the first
    build*/bin/ownership-checker beside it (a checkout), else the one on PATH."""
    installed = os.path.join(HERE, "ownership-checker")
    if os.path.isfile(installed) and os.access(installed, os.X_OK):
        return installed
    for build in sorted(d for d in os.listdir(HERE) if d.startswith("build")):
        path = os.path.join(HERE, build, "bin", "ownership-checker")
        if os.access(path, os.X_OK):
            return path
    found = shutil.which("ownership-checker")
    if not found:
        die("cannot find ownership-checker: there is no build*/bin/ownership-checker next to "
            "run-checker.sh and none on PATH; add its directory to PATH or name it with "
            "--checker PATH")
    return found

def find_checker(name):
    """The binary --checker names, or a one-line error saying why it cannot be run."""
    if os.sep not in name:
        found = shutil.which(name)
        if not found:
            die("--checker '%s' is not on PATH; give its path (--checker DIR/%s)" % (name, name))
        return found
    if not os.path.isfile(name):
        die("--checker '%s': no such file" % name)
    if not os.access(name, os.X_OK):
        die("--checker '%s' is not executable" % name)
    return name

class OneLineErrors(argparse.ArgumentParser):
    """An argument parser whose errors are one line, as the checker's are (no usage)."""
    def error(self, message):
        die(message + " (see --help)")

def parse_args(argv):
    extra = []
    if "--" in argv:
        at = argv.index("--")
        argv, extra = argv[:at], argv[at + 1:]
    p = OneLineErrors(
        prog="run-checker.sh",
        description="Run ownership-checker over the files of a compilation database, in parallel.",
        epilog="Arguments after -- go to every ownership-checker run, before the files, e.g. "
               "-- --function-budget=0. Exit code: the "
               "worst of the runs (0 no findings, 1 findings, 2 errors, a crash or a time-out).")
    p.add_argument("-p", dest="build_dir", required=True,
                   help="directory holding compile_commands.json")
    p.add_argument("-j", dest="jobs", type=int, default=os.cpu_count() or 1,
                   help="runs at once (default: all cores, %(default)s here)")
    p.add_argument("files", nargs="*", metavar="REGEX",
                   help="only files whose path matches one of these regular expressions")
    p.add_argument("--exclude", action="append", default=[], metavar="REGEX",
                   help="skip files whose path matches (repeatable)")
    p.add_argument("--shard", metavar="K/N",
                   help="run only the K-th of N deterministic slices of the files (1 <= K <= N)")
    p.add_argument("--sarif", metavar="FILE", help="write one combined SARIF 2.1.0 file")
    p.add_argument("--write-baseline", metavar="FILE",
                   help="record the findings of every file in one baseline file (for "
                        "--baseline) and exit 0, or 2 on errors, instead of reporting them")
    p.add_argument("--timeout", type=float, default=600, metavar="SECONDS",
                   help="time limit per file; a file that exceeds it counts as an error (default 600)")
    p.add_argument("--batch-size", type=int, default=None, metavar="N",
                   help="files per ownership-checker process (default: the number of files "
                        "/ 32, from 1 to 8): a process costs its start-up, about what a cached "
                        "file costs, while small batches keep the workers evenly busy; a batch "
                        "that fails is run again file by file. Batches do not depend on -j")
    p.add_argument("--checker", metavar="PATH",
                   help="the ownership-checker binary (default: the first "
                        "build*/bin/ownership-checker next to run-checker.sh, else the one on PATH)")
    p.add_argument("--progress", choices=["auto", "always", "never"], default="auto",
                   help="a progress line on standard error: auto (on a terminal), always, never")
    p.add_argument("--quiet", action="store_true", help="print only findings, errors and the summary")
    # The checker's options a user passes most, under the names ownership-checker and
    # run-clang-tidy give them (run-clang-tidy spells them with one dash: both work).
    c = p.add_argument_group(
        "ownership-checker options", "passed to every run; any other option of "
        "ownership-checker can follow --")
    for name, metavar, what in FORWARDED:
        c.add_argument("--" + name, "-" + name, dest=name.replace("-", "_"), metavar=metavar,
                       action="append" if name.startswith("extra-arg") else None, help=what)
    c.add_argument("--no-cache", "-no-cache", action="store_true",
                   help="analyse every file, neither reading nor writing the result cache")
    a = p.parse_args(argv)
    check_passed_options(extra)
    a.extra = forwarded_options(a) + extra
    return a

# ownership-checker's options that run-checker.sh takes directly: (name, metavar, help).
FORWARDED = [
    ("checks", "GLOBS", "checks to run, as ownership-checker --checks"),
    ("warnings-as-errors", "GLOBS", "checks whose findings are errors; then only those "
     "make the exit code 1"),
    ("header-filter", "REGEX", "headers whose findings are shown (the main file's always are)"),
    ("config-file", "FILE", "the configuration file for every file, instead of each file's "
     ".ownership-checker.yaml"),
    ("cache-dir", "DIR", "where the result cache is kept"),
    ("baseline", "FILE", "hide the findings recorded in this baseline file (written by "
     "--write-baseline): only new findings are reported"),
    ("extra-arg", "FLAG", "a compiler flag appended to each file's command, as "
     "--extra-arg=-DX (repeatable)"),
    ("extra-arg-before", "FLAG", "a compiler flag put first in each file's command "
     "(repeatable)"),
]

# ownership-checker's options that each run cannot be given: every run would write the
# same file, or do something other than analyse its files. Each with what to do instead.
NOT_PER_RUN = {
    "format": "the findings are printed as text; --sarif FILE writes them as SARIF",
    "output": "the findings go to standard output; --sarif FILE writes them as SARIF",
    "export-sarif": "use run-checker.sh --sarif FILE",
    "write-baseline": "use run-checker.sh --write-baseline FILE",
    "export-fixes": "each run would overwrite the file; run ownership-checker on the files",
}
for mode in ("list-checks", "dump-config", "explain", "lsp", "help", "version"):
    NOT_PER_RUN[mode] = "it analyses nothing; run ownership-checker --%s" % mode

def option_name(arg):
    """'checks' for --checks=x, -checks or --checks; None for what is not an option."""
    return arg.lstrip("-").split("=", 1)[0] if arg.startswith("-") else None

def check_passed_options(extra):
    """Rejects, in one line, an option after -- that the runs cannot each be given."""
    for arg in extra:
        why = NOT_PER_RUN.get(option_name(arg))
        if why:
            die("%s cannot be passed to each run: %s" % (arg.split("=", 1)[0], why))

def baselines_read(args):
    """The baseline files that every run reads: --baseline, and any after --."""
    found = [args.baseline] if args.baseline else []
    for k, arg in enumerate(args.extra):
        if option_name(arg) == "baseline":
            if "=" in arg:
                found.append(arg.split("=", 1)[1])
            elif k + 1 < len(args.extra):
                found.append(args.extra[k + 1])
    return found

def check_baseline(path):
    """Reads a baseline file as ownership-checker does, to report a bad one once."""
    try:
        with open(path, encoding="utf-8") as f:
            log = json.load(f)
    except OSError as e:
        die("baseline '%s': %s" % (path, e.strerror))
    except ValueError as e:
        die("baseline '%s': not valid JSON: %s" % (path, e))
    entries = log.get("findings") if isinstance(log, dict) else None
    if not isinstance(entries, list) or log.get("version") != 1:
        die("baseline '%s': not a baseline (expected {\"version\": 1, \"findings\": [...]})"
            % path)
    for e in entries:
        if not (isinstance(e, dict) and all(isinstance(e.get(k), str) for k in BASELINE_KEY)):
            die("baseline '%s': an entry lacks one of rule, file, function, message" % path)

# What a baseline entry is matched by (checker/cli/Baseline.cpp).
BASELINE_KEY = ("rule", "file", "function", "message")

def merge_baselines(paths, out_path):
    """Writes in \p out_path one baseline with the entries of the runs' baselines \p paths,
    and returns its entries' counts by rule. A file's path is relative to the baseline's
    directory when under it, absolute otherwise, as ownership-checker writes it. An entry
    repeats when a run has several findings with its key; a finding in a header is in the
    baseline of every run whose units include it, so each key takes the most that one
    run has: every run reads the whole baseline, and so hides all of its own."""
    base = os.path.dirname(os.path.normpath(os.path.abspath(out_path)))
    most = {}
    for path in paths:
        try:
            with open(path, encoding="utf-8") as f:
                entries = json.load(f)["findings"]
        except (OSError, ValueError, KeyError, TypeError):
            continue  # that run failed; its error was reported
        counts = collections.Counter()
        for e in entries:
            file = os.path.normpath(os.path.join(os.path.dirname(path), e["file"]))
            if file.startswith(base + "/"):
                file = file[len(base) + 1:]
            counts[(e["rule"], file, e["function"], e["message"])] += 1
        for key, n in counts.items():
            most[key] = max(most.get(key, 0), n)
    entries = [dict(zip(BASELINE_KEY, key)) for key in sorted(most) for _ in range(most[key])]
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump({"findings": entries, "version": 1}, f, indent=2, sort_keys=True,
                  ensure_ascii=False)
        f.write("\n")
    by_rule = collections.Counter()
    for (rule, _, _, _), n in most.items():
        by_rule[rule] += n
    return dict(by_rule)

def forwarded_options(args):
    """The checker options given directly, as ownership-checker spells them."""
    out = []
    for name, _, _ in FORWARDED:
        value = getattr(args, name.replace("-", "_"))
        for v in value if isinstance(value, list) else [] if value is None else [value]:
            out.append("--%s=%s" % (name, v))
    return out + (["--no-cache"] if args.no_cache else [])

def die(message):
    """Reports a bad option or input in one line and exits 2, as ownership-checker does."""
    print("run-checker.sh: error: " + message, file=sys.stderr)
    sys.exit(2)

def load_database(build_dir):
    """The entries of compile_commands.json, each with its file's absolute path."""
    path = os.path.join(build_dir, "compile_commands.json")
    try:
        with open(path, encoding="utf-8") as f:
            entries = json.load(f)
    except OSError as e:
        die("cannot read %s: %s" % (path, e.strerror))
    except ValueError as e:
        die("%s is not valid JSON: %s" % (path, e))
    if not isinstance(entries, list):
        die("%s is not a list of compile commands" % path)
    for e in entries:
        if not isinstance(e, dict) or "file" not in e or "directory" not in e:
            die("%s has an entry without 'file' or 'directory'" % path)
    return [(os.path.normpath(os.path.join(e["directory"], e["file"])), e) for e in entries]

# Compiler options about outputs only: the ones whose value follows (or, but for -o, is
# joined to them: -MFdeps.d), and the ones without a value.
OUTPUT_OPTIONS = ("-o", "-MF", "-MT", "-MQ")
OUTPUT_JOINED = ("-MF", "-MT", "-MQ")
OUTPUT_FLAGS = ("-MD", "-MMD", "-MP")

def unit_key(path, entry):
    """What makes two entries one translation unit: the file, the directory and the
    command without its outputs (-o and the dependency file), which is what differs when
    several targets compile one file the same way."""
    args = entry.get("arguments")
    if not isinstance(args, list):
        try:
            args = shlex.split(entry.get("command", ""))
        except ValueError:
            args = [entry.get("command", "")]
    kept, skip = [], False
    for a in args:
        if skip:
            skip = False
        elif a in OUTPUT_OPTIONS:
            skip = True
        elif not (a in OUTPUT_FLAGS or a.startswith(OUTPUT_JOINED)):
            kept.append(a)
    return (path, entry["directory"], tuple(kept))

def merge_units(entries, files, tmp):
    """Where the runs read their compilation database, the number of entries for \p files
    and the number of units they make: (directory or None, entries, units).
    ownership-checker analyses a file once per entry that lists it; entries that are one
    unit (unit_key) are merged into the first, in a database written in \p tmp, so that
    each unit is analysed once. Without such entries (None), the project's database is
    read as it is."""
    chosen = set(files)
    units = {}
    for path, e in entries:
        if path in chosen:
            units.setdefault(unit_key(path, e), e)
    count = sum(1 for path, _ in entries if path in chosen)
    if len(units) == count:
        return None, count, len(units)
    directory = os.path.join(tmp, "merged")
    os.mkdir(directory)
    with open(os.path.join(directory, "compile_commands.json"), "w", encoding="utf-8") as f:
        json.dump(list(units.values()), f, indent=1, ensure_ascii=False)
    return directory, count, len(units)

def select(files, args):
    try:
        include = [re.compile(r) for r in args.files]
        exclude = [re.compile(r) for r in args.exclude]
    except re.error as e:
        die("bad regular expression: %s" % e)
    if not files:
        die("%s lists no files" % os.path.join(args.build_dir, "compile_commands.json"))
    # A filter that matches nothing is a typo more often than not: checking nothing and
    # exiting 0 would pass it silently (as the checker does for a --checks glob).
    for r in include:
        if not any(r.search(f) for f in files):
            die("no file of %s matches '%s'" % (
                os.path.join(args.build_dir, "compile_commands.json"), r.pattern))
    files = [f for f in files if (not include or any(r.search(f) for r in include))
             and not any(r.search(f) for r in exclude)]
    if not files:
        die("--exclude leaves no file to check")
    return files

def shard(files, args):
    if args.shard:
        m = re.fullmatch(r"(\d+)/(\d+)", args.shard)
        if not m or not 1 <= int(m.group(1)) <= int(m.group(2)):
            die("--shard must be K/N with 1 <= K <= N, not '%s'" % args.shard)
        k, n = int(m.group(1)), int(m.group(2))
        files = [f for i, f in enumerate(files) if i % n == k - 1]
    return files

def validate_options(args, first_file):
    """Runs the checker once, with --list-checks and the options every run gets: it parses
    and validates them (globs, regular expressions, the configuration of \p first_file) and
    exits 2 on a bad one. A bad option is so reported once, not once per file, as
    run-clang-tidy does. What the runs print about good options is left to them."""
    cmd = [args.checker, "-p", args.build_dir, "--list-checks"] + args.extra
    cmd += [first_file] if first_file else []
    try:
        p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                           stdin=subprocess.DEVNULL, timeout=args.timeout)
    except subprocess.TimeoutExpired:
        die("ownership-checker timed out after %s while checking its options" % fmt_time(args.timeout))
    except OSError as e:
        die("cannot run %s: %s" % (args.checker, e.strerror))
    if p.returncode == 0:
        return
    if p.returncode < 0:
        die("ownership-checker crashed (%s) while checking its options" % signal_name(-p.returncode))
    message = p.stderr.decode("utf-8", "replace").strip()
    if not message:
        die("ownership-checker rejected the options (exit code %d)" % p.returncode)
    sys.stderr.write(message + "\n")
    sys.exit(2)

def findings_in(out):
    """Splits a run's standard output into its findings, [(key, rule, text)]: text is the
    finding's line with the source lines and notes under it. The key is what the checker
    merges the findings of one run by: the file as printed, line, column, rule and message,
    so that a finding in a header that several units include has one key. Text before
    the first finding has no key."""
    found = []
    for line in out.splitlines(keepends=True):
        plain = COLOR.sub("", line.decode("utf-8", "replace")).rstrip("\r\n")
        m = None if SNIPPET.match(plain) else FINDING.match(plain)
        if m:
            file, row, column, message, rule = m.groups()
            found.append([(file, row, column, rule, message), rule, line])
        elif found:
            found[-1][2] += line
        else:
            found.append([None, None, line])
    return found

def sarif_key(result):
    """The key of findings_in() for a SARIF result, from the same fields."""
    where = (result.get("locations") or [{}])[0].get("physicalLocation", {})
    artifact, region = where.get("artifactLocation", {}), where.get("region", {})
    return (artifact.get("uri"), artifact.get("uriBaseId"), region.get("startLine"),
            region.get("startColumn"), result.get("ruleId"), result.get("message", {}).get("text"))

def plural(n, noun):
    return "%d %s%s" % (n, noun, "" if n == 1 else "s")

def fmt_time(seconds):
    seconds = int(seconds + 0.5)
    return "%dm%02ds" % (seconds // 60, seconds % 60) if seconds >= 60 else "%ds" % seconds

def signal_name(number):
    try:
        return signal.Signals(number).name
    except ValueError:
        return "signal %d" % number

# One ownership-checker process: its files (indices), exit code, standard output and
# error, run-checker.sh's own note on it, and the SARIF and baseline files it wrote.
Run = collections.namedtuple("Run", "indices code out err note sarif baseline")

class Runner:
    """Runs the batches, and prints each batch's output in file order as soon as every
    earlier batch is done, so that the log does not depend on -j."""
    def __init__(self, args, files, database, tmp):
        self.args, self.files, self.database, self.tmp = args, files, database, tmp
        n = args.batch_size or min(max(len(files) // 32, 1), 8)
        self.batches = [list(range(k, min(k + n, len(files)))) for k in range(0, len(files), n)]
        self.lock = threading.Lock()
        # Per batch, once done: a list of Run.
        self.results = [None] * len(self.batches)
        self.next_to_print = 0
        self.done = 0
        # Each finding is printed and counted once, the first time a run reports it: a
        # finding in a header is reported by every unit that includes it.
        self.printed = set()
        self.by_rule = {}
        self.start = time.monotonic()
        tty = sys.stderr.isatty()
        self.progress = args.progress == "always" or (args.progress == "auto" and tty)
        self.color = "always" if sys.stdout.isatty() else "never"

    def run(self, indices, tag):
        """One ownership-checker process over the files \p indices."""
        cmd = [self.args.checker, "-p", self.database, "--color=" + self.color]
        sarif = os.path.join(self.tmp, "%s.sarif" % tag) if self.args.sarif else None
        if sarif:
            cmd.append("--export-sarif=" + sarif)
        baseline = None
        if self.args.write_baseline:
            baseline = os.path.join(self.tmp, "%s.baseline.json" % tag)
            cmd.append("--write-baseline=" + baseline)
        cmd += self.args.extra + [self.files[i] for i in indices]
        what = self.files[indices[0]] if len(indices) == 1 else "%d files from %s" % (
            len(indices), self.files[indices[0]])
        limit = self.args.timeout * len(indices)
        try:
            p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               stdin=subprocess.DEVNULL, timeout=limit)
            code, out, err = p.returncode, p.stdout, p.stderr
            note = None
            if code < 0:
                note = "ownership-checker crashed (%s) on %s" % (signal_name(-code), what)
                code = 2
            elif code not in (0, 1, 2):
                note = "ownership-checker failed with exit code %d on %s" % (code, what)
                code = 2
        except subprocess.TimeoutExpired as e:
            code, out, err = 2, e.stdout or b"", e.stderr or b""
            note = "ownership-checker timed out after %s on %s" % (fmt_time(limit), what)
        except OSError as e:
            code, out, err = 2, b"", b""
            note = "cannot run %s: %s" % (self.args.checker, e.strerror)
        if baseline:
            # The file is a part of --write-baseline's: what the run says of it is noise.
            err = re.sub(rb"(?m)^ownership-checker: recorded [0-9]+ findings? in baseline '" +
                         re.escape(os.fsencode(baseline)) + rb"'\n", b"", err)
        return Run(indices, code, out, err, note, sarif, baseline)

    def run_batch(self, b):
        indices = self.batches[b]
        runs = [self.run(indices, "%d" % b)]
        # A batch that did not end cleanly is run again file by file, so that the error,
        # crash or time-out is reported against its own file and the others still are.
        if runs[0].code == 2 and len(indices) > 1:
            runs = [self.run([i], "%d-%d" % (b, i)) for i in indices]
        with self.lock:
            self.results[b] = runs
            self.done += len(indices)
            self.flush_ready(self.files[indices[-1]])

    def flush_ready(self, last):
        if self.progress:
            sys.stderr.write("\r\033[K")
        while self.next_to_print < len(self.batches) and self.results[self.next_to_print]:
            for indices, code, out, err, note, _, _ in self.results[self.next_to_print]:
                if not self.progress and not self.args.quiet:
                    for i in indices:
                        sys.stderr.write("[%d/%d] %s\n" % (i + 1, len(self.files), self.files[i]))
                    sys.stderr.flush()
                for key, rule, text in findings_in(out):
                    if key is not None:
                        if key in self.printed:
                            continue
                        self.printed.add(key)
                        self.by_rule[rule] = self.by_rule.get(rule, 0) + 1
                    sys.stdout.buffer.write(text)
                sys.stdout.flush()
                sys.stderr.buffer.write(err)
                if note:
                    sys.stderr.write("run-checker.sh: error: %s\n" % note)
                sys.stderr.flush()
            self.next_to_print += 1
        if self.progress and self.done < len(self.files):
            elapsed = time.monotonic() - self.start
            eta = elapsed / self.done * (len(self.files) - self.done)
            sys.stderr.write("[%d/%d] %s, ETA %s" % (self.done, len(self.files), last, fmt_time(eta)))
            sys.stderr.flush()

def combine_sarif(paths, out_path, run_failed):
    """Writes one SARIF log with the results of the runs' logs \p paths, each distinct
    finding once, as the text output prints it."""
    rules, index, results, base, seen = [], {}, [], None, set()
    driver = None
    for path in paths:
        try:
            with open(path, encoding="utf-8") as f:
                log = json.load(f)
        except (OSError, ValueError):
            continue  # that run failed; its error was reported
        for run in log.get("runs", []):
            d = run["tool"]["driver"]
            driver = driver or {k: v for k, v in d.items() if k != "rules"}
            base = base or run.get("originalUriBaseIds")
            local = d.get("rules", [])
            for res in run.get("results", []):
                if sarif_key(res) in seen:
                    continue
                seen.add(sarif_key(res))
                rid = res["ruleId"]
                if rid not in index:
                    meta = next((r for r in local if r["id"] == rid), {"id": rid})
                    index[rid] = len(rules)
                    rules.append(meta)
                res["ruleIndex"] = index[rid]
                results.append(res)
            for r in local:
                if r["id"] not in index:
                    index[r["id"]] = len(rules)
                    rules.append(r)
    driver = driver or {"name": "ownership-checker"}
    driver["rules"] = rules
    run = {"tool": {"driver": driver},
           "invocations": [{"executionSuccessful": not run_failed}],
           "columnKind": "utf16CodeUnits", "results": results}
    if base:
        run["originalUriBaseIds"] = base
    log = {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
           "runs": [run]}
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(log, f, indent=2, ensure_ascii=False)
        f.write("\n")

def main():
    args = parse_args(sys.argv[2:])
    if args.jobs < 1:
        die("-j must be at least 1")
    if args.batch_size is not None and args.batch_size < 1:
        die("--batch-size must be at least 1")
    args.checker = find_checker(args.checker) if args.checker else default_checker()
    entries = load_database(args.build_dir)
    selected = select(sorted({path for path, _ in entries}), args)
    files = shard(selected, args)
    validate_options(args, selected[0] if selected else None)
    for path in baselines_read(args):
        check_baseline(path)
    if args.write_baseline and args.sarif:
        die("--write-baseline records the findings instead of reporting them: give --sarif "
            "to a run without it")
    # Output files are opened first: a typo in a path should not cost a whole analysis.
    for option, path in (("--sarif", args.sarif), ("--write-baseline", args.write_baseline)):
        try:
            if path:
                open(path, "a").close()
        except OSError as e:
            die("cannot write %s file '%s': %s" % (option, path, e.strerror))
    with tempfile.TemporaryDirectory(prefix="run-checker-") as tmp:
        merged, commands, units = merge_units(entries, files, tmp)
        runner = Runner(args, files, merged or args.build_dir, tmp)
        with ThreadPoolExecutor(max_workers=args.jobs) as pool:
            list(pool.map(runner.run_batch, range(len(runner.batches))))
        if runner.progress:
            sys.stderr.write("\r\033[K")
        runs = [r for batch in runner.results for r in batch]
        worst = max([r.code for r in runs], default=0)
        by_rule = runner.by_rule
        errors = sum(len(r.indices) for r in runs if r.code == 2)
        if args.sarif:
            combine_sarif([r.sarif for r in runs], args.sarif, worst == 2)
        if args.write_baseline:
            by_rule = merge_baselines([r.baseline for r in runs], args.write_baseline)
            print("run-checker.sh: recorded %s in baseline '%s'" % (
                plural(sum(by_rule.values()), "finding"), args.write_baseline), file=sys.stderr)
    total = sum(by_rule.values())
    what = plural(len(files), "file")
    if units > len(files):
        what += " in %d translation units" % units
    if commands > units:
        what += ", %s merged" % plural(commands - units, "duplicate compile command")
    # The counts by rule follow, one indented line each.
    print("run-checker.sh: %s, %s, %s with errors, %s" % (
        what, plural(total, "finding"), plural(errors, "file"),
        fmt_time(time.monotonic() - runner.start)), file=sys.stderr)
    for rule in sorted(by_rule):
        print("  %6d  %s" % (by_rule[rule], rule), file=sys.stderr)
    sys.exit(worst)

main()
PYTHON
)" "$0" "$@"
