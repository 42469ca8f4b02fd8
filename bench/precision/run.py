"""The precision runner: analyses every unit of the development corpus (packages.txt, fetched by
fetch.sh) with ownership-checker and compares the findings with the triage file. See README.md.

Exit code: 0 when every finding is triaged true-bug or true-intended and no run failed;
1 when a finding is untriaged or triaged false, or a run crashed, timed out, did not compile
or printed a sanitizer report; 2 for bad options, a bad triage file or a missing database."""
import argparse, json, os, re, subprocess, sys, tempfile, threading, time
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
VERDICTS = ("true-bug", "true-intended", "false")
COLUMNS = ("package", "rule", "file", "line", "function", "message", "verdict", "reason")
SOURCE = re.compile(r"\.(c|cc|cpp|cxx|c\+\+|C)$")
SANITIZER = re.compile(r"ERROR: (Address|Leak|Memory|Thread)Sanitizer|runtime error: "
                       r"|ERROR: UndefinedBehaviorSanitizer")


def die(message):
    print("run.sh: error: " + message, file=sys.stderr)
    sys.exit(2)


def default_dir():
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(cache, "ownership-checker", "precision")


def default_checker():
    for build in sorted(d for d in os.listdir(REPO) if d.startswith("build")):
        path = os.path.join(REPO, build, "bin", "ownership-checker")
        if os.access(path, os.X_OK):
            return path
    return "ownership-checker"


def parse_args(argv):
    p = argparse.ArgumentParser(
        prog="run.sh",
        description="Analyse every unit of the precision corpus and compare the findings "
                    "with the triage file.")
    p.add_argument("--checker", default=default_checker(),
                   help="the ownership-checker binary (default: %(default)s)")
    p.add_argument("--only", nargs="+", default=[], metavar="PKG",
                   help="only these packages of packages.txt")
    p.add_argument("--jobs", type=int, default=2, metavar="N",
                   help="checker runs at once (default %(default)s)")
    p.add_argument("--dir", default=default_dir(),
                   help="where fetch.sh put the corpus (default %(default)s)")
    p.add_argument("--packages", default=os.path.join(HERE, "packages.txt"),
                   help="the package list (default %(default)s)")
    p.add_argument("--triage", default=os.path.join(HERE, "triage.tsv"),
                   help="the triage file (default %(default)s)")
    p.add_argument("--timeout", type=float, default=600, metavar="SECONDS",
                   help="time limit per unit; a unit over it is a failure (default 600)")
    p.add_argument("--write-untriaged", metavar="FILE",
                   help="write the untriaged findings there as triage lines with verdict '?'")
    p.add_argument("--findings", metavar="FILE",
                   help="write every finding (with all its locations) there as JSON")
    a = p.parse_args(argv)
    if a.jobs < 1:
        die("--jobs must be at least 1")
    return a


def read_packages(path, only):
    names = []
    try:
        f = open(path, encoding="utf-8")
    except OSError as e:
        die("cannot read %s: %s" % (path, e.strerror))
    with f:
        for line in f:
            words = line.split()
            if words and not words[0].startswith("#"):
                names.append(words[0])
    unknown = [o for o in only if o not in names]
    if unknown:
        die("not in %s: %s" % (os.path.basename(path), ", ".join(unknown)))
    return [n for n in names if not only or n in only]


def clean(text):
    return re.sub(r"\s+", " ", text or "").strip()


def strip_template_arguments(function):
    """'maybe_t<int>::maybe_t' -> 'maybe_t::maybe_t': the instantiations of a template are
    one finding in the source, whichever units instantiate it and with what."""
    out, depth, i = [], 0, 0
    while i < len(function):
        m = re.match(r"operator\s*(<<=|<<|<=>|<=|<|>>=|>>|>=|>|->\*|->)", function[i:])
        if m and depth == 0:
            out.append(m.group(0))
            i += len(m.group(0))
            continue
        c = function[i]
        if c == "<":
            depth += 1
        elif c == ">" and depth > 0:
            depth -= 1
        elif depth == 0:
            out.append(c)
        i += 1
    return "".join(out)


def read_triage(path):
    """Returns {key: entry}; key = (package, rule, file, function, message)."""
    entries = {}
    if not os.path.exists(path):
        return entries
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            where = "%s:%d" % (path, number)
            if len(cells) != len(COLUMNS):
                die("%s: %d tab-separated columns, expected %d (%s)"
                    % (where, len(cells), len(COLUMNS), " ".join(COLUMNS)))
            e = dict(zip(COLUMNS, cells))
            if e["verdict"] not in VERDICTS:
                die("%s: verdict '%s' is not one of %s" % (where, e["verdict"], ", ".join(VERDICTS)))
            if not e["reason"].strip():
                die("%s: the reason is empty" % where)
            key = (e["package"], e["rule"], e["file"], e["function"], e["message"])
            if key in entries:
                die("%s: the same finding as line %d" % (where, entries[key]["at"]))
            e["at"] = number
            entries[key] = e
    return entries


def load_units(corpus, name):
    db = os.path.join(corpus, name, "build", "compile_commands.json")
    try:
        with open(db, encoding="utf-8") as f:
            entries = json.load(f)
    except (OSError, ValueError) as e:
        die("%s: cannot read %s (%s): run bench/precision/fetch.sh first" % (name, db, e))
    units = {}
    for e in entries:
        if not SOURCE.search(e["file"]):
            continue  # assembly and other languages in the same database
        units.setdefault(os.path.normpath(os.path.join(e["directory"], e["file"])), e["directory"])
    return sorted(units.items())


class Unit:
    """One translation unit; the checker prints paths as the compile command spells them,
    relative to \p directory when they are relative."""
    def __init__(self, package, path, directory):
        self.package, self.path, self.directory = package, path, directory
        self.seconds, self.findings, self.failure = 0.0, [], None


def sanitizer_env():
    env = dict(os.environ)
    env.setdefault("ASAN_OPTIONS", "halt_on_error=1:exitcode=3")
    env.setdefault("UBSAN_OPTIONS", "halt_on_error=1:print_stacktrace=1:exitcode=3")
    return env


def header_filter(root):
    """The package's own headers: those under its source tree. The checker matches the
    filter against a header's normalized absolute path too, so headers found through a
    relative include directory (-I.) are in scope."""
    return "^%s/" % re.escape(os.path.join(root, "src"))


def run_measured(cmd, timeout, err_path):
    """Runs \p cmd; returns (exit code, negative for a signal and None after a time-out,
    its standard error, the CPU seconds it used). CPU time, not wall time: the machine may
    be shared, and the runs of --jobs N compete with each other."""
    with open(err_path, "wb") as err:
        try:
            p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err,
                                 stdin=subprocess.DEVNULL, env=sanitizer_env())
        except OSError as e:
            die("cannot run %s: %s" % (cmd[0], e.strerror))
        expired = threading.Event()
        timer = threading.Timer(timeout, lambda: (expired.set(), p.kill()))
        timer.start()
        _, status, usage = os.wait4(p.pid, 0)
        timer.cancel()
        p.returncode = os.waitstatus_to_exitcode(status)  # so that Popen does not wait again
    with open(err_path, "rb") as f:
        text = f.read().decode("utf-8", "replace")
    code = None if expired.is_set() else p.returncode
    return code, text, usage.ru_utime + usage.ru_stime


def analyse(args, unit, tmp, index):
    """One checker process over one unit: its findings, or why it failed."""
    root = os.path.join(args.dir, unit.package)
    out = os.path.join(tmp, "%d.json" % index)
    cmd = [args.checker, "-p", os.path.join(root, "build"), "--format=json", "--output=" + out,
           "--no-cache", "--checks=ownership-*",
           "--header-filter=" + header_filter(root), unit.path]
    code, err, unit.seconds = run_measured(cmd, args.timeout, os.path.join(tmp, "%d.err" % index))
    report = [l for l in err.splitlines() if SANITIZER.search(l)]
    if code is None:
        unit.failure = "timed out after %gs" % args.timeout
    elif report:
        at = err.index(report[0])
        unit.failure = "sanitizer report (exit code %d):\n%s" % (code, err[at:at + 4000])
    elif code < 0:
        unit.failure = "crashed (signal %d):\n%s" % (-code, err[-3000:])
    elif code not in (0, 1):
        errors = [l for l in err.splitlines() if ": error: " in l or "fatal error" in l]
        unit.failure = "exit code %d:\n%s" % (code, "\n".join(errors[:5]) or err[-2000:])
    if code in (0, 1) or code is None or report:
        try:
            with open(out, encoding="utf-8") as f:
                unit.findings = json.load(f).get("findings", [])
        except (OSError, ValueError):
            pass


def relative(root, path):
    src = os.path.join(root, "src")
    path = os.path.normpath(path)
    if path.startswith(src + os.sep):
        return os.path.relpath(path, src)
    if path.startswith(root + os.sep):
        return "<" + os.path.relpath(path, root) + ">"
    return path


def collect(args, units):
    """Returns (lines, first): per key (package, rule, file, function, message), the lines it
    was found at, and its first finding as the checker printed it. A header's finding seen
    from several units is one key."""
    lines, first = {}, {}
    for u in units:
        root = os.path.join(args.dir, u.package)
        for f in u.findings:
            if f.get("level") != "warning" or not f.get("rule", "").startswith("ownership-"):
                continue
            f["file"] = os.path.normpath(os.path.join(u.directory, f["file"]))
            for n in f.get("notes", []):
                n["file"] = os.path.normpath(os.path.join(u.directory, n["file"]))
            key = (u.package, f["rule"], relative(root, f["file"]),
                   strip_template_arguments(clean(f.get("function"))) or "-",
                   clean(f["message"]))
            first.setdefault(key, dict(f, units=[]))
            if u.path not in first[key]["units"]:
                first[key]["units"].append(u.path)
            at = lines.setdefault(key, [])
            if f["line"] not in at:
                at.append(f["line"])
    return lines, first


def triage_line(key, lines, verdict, reason):
    package, rule, file, function, message = key
    return "\t".join([package, rule, file, ",".join(map(str, sorted(lines))), function, message,
                      verdict, reason])


def print_table(rows):
    head = ("package", "units", "cpu s", "true-bug", "true-intended", "false", "untriaged",
            "failed")
    widths = [max(len(str(r[i])) for r in rows + [head]) for i in range(len(head))]
    fmt = "  ".join("%-" + str(w) + "s" if i == 0 else "%" + str(w) + "s"
                    for i, w in enumerate(widths))
    print(fmt % head)
    for r in rows:
        print(fmt % tuple(r))


def main():
    args = parse_args(sys.argv[1:])
    args.dir = os.path.abspath(args.dir)
    packages = read_packages(args.packages, args.only)
    triage = read_triage(args.triage)
    units = [Unit(p, path, d) for p in packages for path, d in load_units(args.dir, p)]
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="precision-") as tmp:
        done, lock = [0], threading.Lock()

        def work(i):
            analyse(args, units[i], tmp, i)
            with lock:
                done[0] += 1
            if sys.stderr.isatty():
                sys.stderr.write("\r\033[K[%d/%d] %s" % (done[0], len(units), units[i].path))
                sys.stderr.flush()

        with ThreadPoolExecutor(max_workers=args.jobs) as pool:
            list(pool.map(work, range(len(units))))
        if sys.stderr.isatty():
            sys.stderr.write("\r\033[K")
    wall = time.monotonic() - start
    found, raw = collect(args, units)

    failures = [u for u in units if u.failure]
    for u in failures:
        print("FAILED %s: %s: %s" % (u.package, u.path, u.failure))
    untriaged, false = [], []
    for key in sorted(found):
        entry = triage.get(key)
        if entry is None:
            untriaged.append(key)
        elif entry["verdict"] == "false":
            false.append(key)
    for key in false:
        print("FALSE  %s:%s  %s [%s] in %s: %s" % (key[2], ",".join(map(str, found[key])), key[0],
                                                  key[1], key[3], key[4]))
    for key in untriaged:
        print("UNTRIAGED  %s:%s  %s [%s] in %s: %s" % (key[2], ",".join(map(str, found[key])),
                                                      key[0], key[1], key[3], key[4]))
    checked = set(packages)
    stale = [e for k, e in sorted(triage.items()) if k[0] in checked and k not in found]
    for e in stale:
        print("stale (no longer found): %s:%d: %s %s %s in %s" % (
            os.path.basename(args.triage), e["at"], e["package"], e["file"], e["rule"], e["function"]))

    rows, totals = [], ["total", 0, 0.0, 0, 0, 0, 0, 0]
    for p in packages:
        mine = [u for u in units if u.package == p]
        counts = {v: 0 for v in VERDICTS}
        for key in found:
            if key[0] == p and key in triage:
                counts[triage[key]["verdict"]] += 1
        row = [p, len(mine), sum(u.seconds for u in mine), counts["true-bug"],
               counts["true-intended"], counts["false"],
               sum(1 for k in untriaged if k[0] == p), sum(1 for u in mine if u.failure)]
        for i in range(1, len(row)):
            totals[i] += row[i]
        rows.append(row)
    for r in rows + [totals]:
        r[2] = "%.0f" % r[2]
    print()
    print_table(rows + [totals])
    print("\n%d distinct findings, %d stale triage entries; wall time %.0f s with --jobs %d"
          % (len(found), len(stale), wall, args.jobs))

    if args.write_untriaged:
        with open(args.write_untriaged, "w", encoding="utf-8") as f:
            for key in untriaged:
                f.write(triage_line(key, found[key], "?", "") + "\n")
    if args.findings:
        with open(args.findings, "w", encoding="utf-8") as f:
            json.dump([dict(raw[k], key=list(k), lines=found[k]) for k in sorted(found)], f,
                      indent=1)
    sys.exit(1 if failures or untriaged or false else 0)


if __name__ == "__main__":
    main()
